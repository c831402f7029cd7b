import type { Command } from 'commander';
import type { CatalogSource } from '../catalog-on-demand.js';
import { readLogArguments } from '../log-flags.js';
import { compareLog, curveDifference, curveStats, formatDifferences, formatLogComparisons, formatStats, pairNaming, type CurveDifference } from '../../compare/index.js';
import { LrvizError } from '../../errors.js';
import { writeStdout } from '../../io/write-output.js';
import { render } from '../../render/formats.js';
import { ensureFiniteReport } from '../../finite-report.js';
import { collect, examples } from '../help.js';
import { addPlanOptions, planInputs, type PlanFlags } from '../plan-flags.js';
import { loadSources, seriesSources, sourcesOf, type SeriesSource, withPositionalSpecs } from '../series.js';
import { addSteppingOptions, type SteppingFlags } from '../stepping.js';
import { addDtypeOption } from '../dtype.js';
import { figureContext } from '../figure-options.js';
import { terminalColumns } from '../environment.js';
import { addOutputOptions, exportChart, exporting, presentation, toStdout, type OutputFlags } from '../output-options.js';
import { lastLoggedStep } from '../../logs/points.js';

/** Steps compare takes from a log on its own: every step is computed, and a log's last step may be huge. */
const MAX_STEPS_FROM_LOG = 1e8;

export interface CompareOptions extends SteppingFlags, PlanFlags, OutputFlags {
  schedule: string[];
  config?: string[];
  sources?: SeriesSource[];
  steps?: string;
  log: string[];
  json?: boolean;
  chart: boolean;
}

export function registerCompare(program: Command, catalog: CatalogSource): void {
  const order = seriesSources();
  const command = program
    .command('compare')
    .argument('[schedules...]', 'schedules, as with -s: lrviz compare cosine-warmup')
    .description('compare schedules step by step: peak, final, mean, lr budget, where they part; or a logged run against its plan')
    .option('-s, --schedule <spec>', 'a schedule: NAME:key=value,..., a JSON object, or @file.json (repeat)', order.spec, [])
    .option('-c, --config <file>', 'a training config: training_args.json, ds_config.json, ... (repeat; mixes with -s)', order.config, [])
    .option('-n, --steps <n>', 'number of optimizer updates to compare (default 1000, the run a --config implies, or to the last logged step with --log)')
    .option('--log <file>', 'a logged run to compare with the first schedule (trainer_state.json, metrics.csv, step,lr CSV)', collect, [])
    .option('--json', 'machine-readable output')
    .option('--no-chart', 'only the tables');
  addOutputOptions(command, 'the compared curves and logs (a picture, csv, json...; the tables still print unless -o -)');
  addSteppingOptions(command);
  addDtypeOption(command);
  addPlanOptions(command, { epochFlags: false })
    .addHelpText(
      'after',
      examples([
        'lrviz compare -s hf.cosine:lr=3e-4,num_warmup_steps=500,num_training_steps=10000 -s cosine-warmup:lr=3e-4,warmup=500 --steps 10000',
        'lrviz compare -s hf.linear:lr=1e-5,num_warmup_steps=500,num_training_steps=5000 --log trainer_state.json',
        'lrviz compare -s cosine:lr=0.1 -s linear:lr=0.1 --steps 1000 --json',
        'lrviz compare --config training_args.json --config other_args.yaml --dataset-size 52002',
        'lrviz compare -s cosine-warmup -s wsd --steps 10000 -o compare.png',
      ]),
    )
    .action(async (schedules: string[], options: CompareOptions) => {
      await compare(catalog, withPositionalSpecs(schedules, options, order.sources));
    });
}

export async function compare(catalog: CatalogSource, options: CompareOptions): Promise<void> {
  const logs = await readLogArguments(options.log);
  const sources = sourcesOf(options);
  if (sources.length === 0 && logs.length > 0) throw new LrvizError('--log needs a planned schedule to compare with: add -s SPEC (lrviz fit LOG can infer one)');
  const lastLogged = lastLoggedStep(logs);
  const fallbackRows = logs.length > 0 ? Math.max(1, Math.floor(lastLogged) + 1) : 1000;
  const rowsFromLog = options.steps === undefined && options.epochs === undefined && !sources.some((s) => s.kind === 'config');
  if (rowsFromLog && fallbackRows > MAX_STEPS_FROM_LOG) {
    throw new LrvizError(`--log ${options.log.join(', ')}: the log reaches step ${Math.floor(lastLogged)}; comparing that many steps takes long, so give --steps N to choose`);
  }
  const { series, steps } = await loadSources(catalog, sources, { flags: options, fallbackRows, inputs: () => planInputs(options), stack: options.stack });
  const stats = series.map((s) => curveStats(s.curve));
  const differences: CurveDifference[] = [];
  for (let i = 0; i < series.length; i++) {
    for (let j = i + 1; j < series.length; j++) differences.push(curveDifference(series[i].curve, series[j].curve, stats[i].peak, stats[j].peak));
  }
  const plan = series[0];
  const logComparisons = logs.map((log) => compareLog({ label: plan.label, steps, lr: (i) => plan.schedule.lr(i), peak: stats[0].peak }, log));

  ensureFiniteReport({ schedules: stats, differences, logs: logComparisons }, 'compare');
  const curves = series.map((s) => s.curve);
  const context = figureContext(options, series, steps);
  if (exporting(options)) {
    await exportChart(options, curves, logs, context);
    if (toStdout(options)) return;
  }
  if (options.json) {
    writeStdout(
      JSON.stringify({ steps, schedules: series.map((s, k) => ({ ...stats[k], spec: s.resolved })), differences, logs: logComparisons }, null, 2) + '\n',
    );
    return;
  }
  // One schedule alone gets its statistics (and its chart): compare is where those numbers live.
  const notes: string[] = [];
  // Exported, the chart took the size flags (pixels, maybe); the tables fit the terminal.
  const shown = exporting(options) ? undefined : presentation(options, context, notes);
  const width = shown === undefined ? terminalColumns() : shown.width;
  const lines = [...formatStats(stats, pairNaming(differences, width) === 'numbered')];
  if (differences.length > 0) lines.push('', ...formatDifferences(differences, width, series.map((s) => s.label)));
  if (logComparisons.length > 0) lines.push('', ...formatLogComparisons(logComparisons));
  const chart = options.chart && shown !== undefined ? String(await render('terminal', { curves, logs, ...shown })) : '';
  writeStdout(lines.join('\n') + '\n' + (chart ? `\n${chart}` : ''));
  for (const note of notes) process.stderr.write(`${note}\n`);
}

import type { Command } from 'commander';
import { curveOf } from '../../curve/curve.js';
import { LrvizError, shown } from '../../errors.js';
import { fitLog, formatFit } from '../../fit/index.js';
import { writeStdout } from '../../io/write-output.js';
import { readLogFile } from '../../logs/index.js';
import { render } from '../../render/formats.js';
import type { CatalogSource } from '../catalog-on-demand.js';
import { schedule } from '../../schedules/schedule.js';
import { ensureFiniteReport } from '../../finite-report.js';
import { examples } from '../help.js';
import { parsePositiveInteger } from '../flags.js';
import { addOutputOptions, exportChart, exporting, presentation, toStdout, type OutputFlags } from '../output-options.js';

/** A chart walks every step; past this many it would keep the user waiting for a picture of a log. */
const MAX_CHART_STEPS = 5e7;

export interface FitOptions extends OutputFlags {
  json?: boolean;
  series?: string;
  chart: boolean;
}

export function registerFit(program: Command, catalog: CatalogSource): void {
  const command = program
    .command('fit')
    .description('infer the schedule that produced logged learning rates: family, peak, warmup, horizon, floor, step offset')
    .argument('<log>', 'trainer_state.json, Lightning metrics.csv, TensorBoard/W&B scalar CSV, or step,lr CSV')
    .option('--series <k>', 'which logged learning rate to fit when the log holds several (1 = the first)', '1')
    .option('--json', 'machine-readable output')
    .option('--no-chart', 'only the numbers');
  addOutputOptions(command, 'the fitted schedule and the log (a picture, csv, json...; the numbers still print unless -o -)')
    .addHelpText('after', examples(['lrviz fit trainer_state.json', 'lrviz fit metrics.csv --series 2', 'lrviz fit lr.csv --json', 'lrviz fit trainer_state.json -o fit.svg']))
    .action(async (path: string, options: FitOptions) => {
      await fit(catalog, path, options);
    });
}

export async function fit(catalog: CatalogSource, path: string, options: FitOptions): Promise<void> {
  const runs = readLogFile(path, 'fit');
  const k = parsePositiveInteger(options.series ?? '1', '--series');
  if (k > runs.length) throw new LrvizError(`--series ${shown(options.series)} is not allowed; ${path} holds ${runs.length} learning-rate series`);
  const run = runs[k - 1];
  const result = fitLog(await catalog.all(), run);
  // The report is the numbers: the schedule is a function, and its parameters are in rendition.spec already.
  const { schedule: fitted, parameters: _parameters, ...reported } = result;
  ensureFiniteReport(reported, 'fit');
  const last = run.steps[run.steps.length - 1];
  const steps = Math.max(result.horizon ?? 0, Math.floor(last) + 1);
  // Drawn where the log sits: the fitted schedule shifted by the offset it found.
  const shifted = schedule((i) => fitted.lr(Math.max(0, i - result.offset)));
  const curve = curveOf(shifted, `fit: ${result.rendition.spec}`, steps);
  const context = { logY: options.logY === true, steps, curves: [curve], horizons: [result.horizon === undefined ? undefined : result.horizon + result.offset] };
  const tooLong = `the schedule spans ${steps} steps; draw a part with lrviz plot -s ${result.rendition.spec} --steps N`;
  if (exporting(options)) {
    if (steps > MAX_CHART_STEPS) throw new LrvizError(`--output ${shown(options.output ?? '-')}: ${tooLong}`);
    await exportChart(options, [curve], [run], context);
    if (toStdout(options)) return;
  }
  if (options.json) {
    writeStdout(JSON.stringify({ log: { source: run.source, label: run.label, format: run.format, points: run.steps.length }, ...reported }, null, 2) + '\n');
    return;
  }
  let chart = '';
  const notes: string[] = [];
  if (!exporting(options) && options.chart) {
    chart = steps > MAX_CHART_STEPS ? `(no chart: ${tooLong})\n` : String(await render('terminal', { curves: [curve], logs: [run], ...presentation(options, context, notes) }));
  }
  writeStdout(formatFit(result, run).join('\n') + '\n' + (chart ? `\n${chart}` : ''));
  for (const note of notes) process.stderr.write(`${note}\n`);
}

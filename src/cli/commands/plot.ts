import type { Command } from 'commander';
import type { CatalogSource } from '../catalog-on-demand.js';
import { readLogArguments } from '../log-flags.js';
import { chartSteps } from '../../render/picture-data.js';
import type { RenderRequest } from '../../render/request.js';
import { figureContext } from '../figure-options.js';
import { addOutputOptions, outputFormat, presentation, writeChart, type OutputFlags } from '../output-options.js';
import { collect, examples } from '../help.js';
import { ignoredParametersNote } from '../../check/rules/parameters.js';
import { addPlanOptions, planInputs, type PlanFlags } from '../plan-flags.js';
import { parseSteps } from '../flags.js';
import { loadSources, seriesSources, sourcesOf, type SeriesSource, withPositionalSpecs } from '../series.js';
import { addSteppingOptions, type SteppingFlags } from '../stepping.js';
import { addDtypeOption, dtypeNote, parseDtype } from '../dtype.js';

export interface PlotOptions extends SteppingFlags, PlanFlags, OutputFlags {
  schedule: string[];
  config?: string[];
  /** -s and --config in command-line order (recorded by the command; absent when called as a library). */
  sources?: SeriesSource[];
  steps?: string;
  log?: string[];
}

export function registerPlot(program: Command, catalog: CatalogSource): void {
  const order = seriesSources();
  const command = program
    .command('plot')
    .argument('[schedules...]', 'schedules, as with -s: lrviz plot cosine-warmup')
    .description('compute learning-rate curves and draw them in the terminal or export them')
    .option('-s, --schedule <spec>', 'a schedule: NAME:key=value,..., a JSON object, or @file.json (repeat to overlay)', order.spec, [])
    .option('-c, --config <file>', 'a training config: training_args.json, ds_config.json, ... (repeat; mixes with -s)', order.config, [])
    .option('-n, --steps <n>', 'number of optimizer updates to compute (default 1000, --epochs × --steps-per-epoch, or the run a --config implies)')
    .option('--log <file>', 'learning rates a run logged (trainer_state.json, metrics.csv, step,lr CSV), drawn and exported as series; FILE:label=NAME names it; alone, it is plotted by itself', collect, []);
  addOutputOptions(command);
  addSteppingOptions(command);
  addDtypeOption(command);
  addPlanOptions(command, { epochFlags: false })
    .addHelpText(
      'after',
      examples([
        'lrviz plot --schedule cosine-warmup',
        'lrviz plot -s cosine-warmup:lr=3e-4,warmup=500 -s cosine:lr=3e-4 --steps 10000',
        'lrviz plot -s cosine-restarts:lr=0.1,cycle=1000,cycle_mult=2 --steps 7000 -o lr.csv',
        `lrviz plot -s '{"type":"cosine-warmup","lr":0.5,"warmup":500}' --steps 800 -o - --format json`,
        'lrviz plot -s @schedule.json --steps 1000',
        'lrviz plot -s torch.CosineAnnealingLR:lr=0.1,T_max=100 --steps 300 -o lr.svg',
        'lrviz plot -s torch.CosineAnnealingWarmRestarts:T_0=10,T_mult=2 --stepped epoch --steps-per-epoch 391 --epochs 150',
        'lrviz plot --config training_args.json --dataset-size 52002 --devices 8',
      ]),
    )
    .action(async (schedules: string[], options: PlotOptions) => {
      await plot(catalog, withPositionalSpecs(schedules, options, order.sources));
    });
}

export async function plot(catalog: CatalogSource, options: PlotOptions): Promise<void> {
  const notes: string[] = [];
  const request = await buildRequest(catalog, options, notes);
  await writeChart(options, request, notes);
}

/** Everything the renderers need, checked before any output is produced. */
export async function buildRequest(catalog: CatalogSource, options: PlotOptions, notes: string[] = []): Promise<RenderRequest> {
  outputFormat(options);
  const logs = await readLogArguments(options.log ?? []);
  const sources = sourcesOf(options);
  // A log alone is a series of its own: drawn and exported over the steps it logged.
  const { series, steps } =
    sources.length === 0 && logs.length > 0
      ? { series: [], steps: options.steps === undefined ? chartSteps({ curves: [], logs }) : parseSteps(options.steps) }
      : await loadSources(catalog, sources, { flags: options, fallbackRows: 1000, inputs: () => planInputs(options), stack: options.stack });
  const shown = presentation(options, figureContext(options, series, steps), notes);
  const unchanged = dtypeNote(parseDtype(options.dtype), series);
  if (unchanged !== undefined) notes.push(unchanged);
  // A parameter the framework swallows changes the chart without a word on it: say so, as check does.
  for (const s of series) {
    const note = ignoredParametersNote(s.label, s.ineffective, (i) => s.schedule.lr(i), steps);
    if (note !== undefined) notes.push(`lrviz: note: ${note}`);
  }
  return { curves: series.map((s) => s.curve), logs: logs.length > 0 ? logs : undefined, ...shown };
}


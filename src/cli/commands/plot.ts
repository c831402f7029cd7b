import type { Command } from 'commander';
import type { CatalogSource } from '../catalog-on-demand.js';
import { LrvizError, shown } from '../../errors.js';
import { ensureFinite } from '../../curve/curve.js';
import { isStreamTarget, writeOutputFile, writeStdout } from '../../io/write-output.js';
import { checkFormat, FILE_FORMATS, formatFromPath, render, type OutputFormat } from '../../render/formats.js';
import { readLogArguments } from '../log-flags.js';
import { chartSteps } from '../../render/picture-data.js';
import type { RenderRequest } from '../../render/request.js';
import { terminalColumns, wantsColor } from '../environment.js';
import { parseChartSize } from '../chart-size.js';
import { addFigureOptions, parseFigureOptions, type FigureContext, type FigureFlags } from '../figure-options.js';
import { collect, examples } from '../help.js';
import { ignoredParametersNote } from '../../check/rules/parameters.js';
import { addPlanOptions, planInputs, type PlanFlags } from '../plan-flags.js';
import { flagOf, parsePositiveInteger, parseSteps } from '../flags.js';
import { loadSources, seriesSources, sourcesOf, type Series, type SeriesSource, withPositionalSpecs } from '../series.js';
import { addSteppingOptions, parseStepsPerEpoch, type SteppingFlags } from '../stepping.js';
import { addDtypeOption, dtypeNote, parseDtype } from '../dtype.js';
import { visible } from '../../visible-text.js';
import { parseNumber } from '../../text/decimal.js';

export interface PlotOptions extends SteppingFlags, PlanFlags, FigureFlags {
  schedule: string[];
  config?: string[];
  /** -s and --config in command-line order (recorded by the command; absent when called as a library). */
  sources?: SeriesSource[];
  steps?: string;
  output?: string;
  format?: string;
  every: string;
  width?: string;
  height?: string;
  title?: string;
  logY?: boolean;
  theme: string;
  scale: string;
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
    .option('-o, --output <file>', 'write to a file (format from its extension) or "-" for stdout')
    .option('-f, --format <format>', `output format: ${FILE_FORMATS.join(', ')}`)
    .option('--every <k>', 'keep every k-th step in csv/json', '1')
    .option('-W, --width <n>', 'chart width: characters (terminal, default: the terminal width) or pixels (pictures)')
    .option('-H, --height <n>', 'chart height: lines (terminal, default 16) or pixels (pictures)')
    .option('-t, --title <text>', 'chart title')
    .option('--log-y', 'logarithmic learning-rate axis')
    .option('--theme <theme>', 'picture theme: light or dark', 'light')
    .option('--scale <factor>', 'pixel density of PNG output (2 for high-DPI)', '1')
    .option('--log <file>', 'learning rates a run logged (trainer_state.json, metrics.csv, step,lr CSV), drawn and exported as series; FILE:label=NAME names it; alone, it is plotted by itself', collect, []);
  addFigureOptions(command);
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
  const format = outputFormat(options);
  const toStdout = options.output === undefined || options.output === '-' || isStreamTarget(options.output);
  // A file is written to a temporary name first, so a refusal half-way leaves nothing; a stream cannot
  // take back what it sent, so its values are checked before the first byte.
  if (toStdout && (format === 'csv' || format === 'json')) ensureFinite(request.curves, request.every);
  const rendered = await render(format, request);
  if (options.output === undefined || options.output === '-') writeStdout(rendered);
  else await writeOutputFile(options.output, rendered);
  // Notes come once the output is written: a run that fails ends in its one error line, never a note and an error.
  for (const note of notes) process.stderr.write(`${note}\n`);
}

/** Everything the renderers need, checked before any output is produced. */
export async function buildRequest(catalog: CatalogSource, options: PlotOptions, notes: string[] = []): Promise<RenderRequest> {
  const every = parsePositiveInteger(options.every, '--every');
  const format = outputFormat(options);
  const { width, height } = parseChartSize(options, format === 'terminal' || format === 'txt');
  const scale = parseNumber(options.scale.trim()) ?? NaN;
  if (!(scale >= 0.1 && scale <= 10)) throw new LrvizError(`--scale ${shown(options.scale)} is not allowed; --scale must be a number from 0.1 to 10`);
  if (options.theme !== 'light' && options.theme !== 'dark') throw new LrvizError(`--theme ${shown(options.theme)} is not allowed; use light or dark`);
  const logs = await readLogArguments(options.log ?? []);
  const sources = sourcesOf(options);
  // A log alone is a series of its own: drawn and exported over the steps it logged.
  const { series, steps } =
    sources.length === 0 && logs.length > 0
      ? { series: [], steps: options.steps === undefined ? chartSteps({ curves: [], logs }) : parseSteps(options.steps) }
      : await loadSources(catalog, sources, { flags: options, fallbackRows: 1000, inputs: () => planInputs(options), stack: options.stack });
  const figure = parseFigureOptions(options, figureContext(options, series, steps));
  const unchanged = dtypeNote(parseDtype(options.dtype), series);
  if (unchanged !== undefined) notes.push(unchanged);
  // A parameter the framework swallows changes the chart without a word on it: say so, as check does.
  for (const s of series) {
    const note = ignoredParametersNote(s.label, s.ineffective, (i) => s.schedule.lr(i), steps);
    if (note !== undefined) notes.push(`lrviz: note: ${note}`);
  }
  return {
    curves: series.map((s) => s.curve),
    logs: logs.length > 0 ? logs : undefined,
    title: options.title === undefined ? undefined : visible(options.title),
    width: width ?? (options.output === undefined && options.format === undefined ? terminalColumns() : undefined),
    height,
    every,
    logY: options.logY === true,
    color: options.output === undefined && options.format === undefined && wantsColor(),
    theme: options.theme,
    scale,
    ...figure,
    note: (words) => notes.push(words(flagOf)),
  };
}

/** What the figure flags need: the run's length, its curves and horizons, an epoch's steps if known. */
export function figureContext(options: { logY?: boolean; stepsPerEpoch?: string }, series: readonly Series[], steps: number): FigureContext {
  const stepsPerEpoch = parseStepsPerEpoch(options.stepsPerEpoch) ?? series.find((s) => s.config?.stepsPerEpoch !== undefined)?.config?.stepsPerEpoch;
  return { logY: options.logY === true, steps, curves: series.map((s) => s.curve), horizons: series.map((s) => s.schedule.horizon), stepsPerEpoch };
}

function outputFormat(options: PlotOptions): OutputFormat {
  if (options.format !== undefined) return checkFormat(options.format);
  if (options.output === undefined || options.output === '-') return options.output === '-' ? 'csv' : 'terminal';
  const format = formatFromPath(options.output);
  if (format === undefined && isStreamTarget(options.output)) return 'csv';
  if (format === undefined) {
    throw new LrvizError(`--output ${shown(options.output)}: cannot tell the format from the extension; use one of .${FILE_FORMATS.join(', .')} or add --format`);
  }
  return format;
}

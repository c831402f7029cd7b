/**
 * Where a chart or export goes and how it looks: -o/--format and the presentation flags, shared by plot,
 * fit and compare so that `fit -o x.svg` and `compare -o x.pdf` draw what `plot` draws.
 */
import type { Command } from 'commander';
import { ensureFinite, type Curve } from '../curve/curve.js';
import { LrvizError, shown } from '../errors.js';
import { isStreamTarget, writeOutputFile, writeStdout } from '../io/write-output.js';
import type { LoggedPoints } from '../logs/points.js';
import { checkFormat, FILE_FORMATS, formatFromPath, render, type OutputFormat } from '../render/formats.js';
import type { RenderRequest } from '../render/request.js';
import { parseNumber } from '../text/decimal.js';
import { visible } from '../visible-text.js';
import { parseChartSize, type ChartSizeFlags } from './chart-size.js';
import { terminalColumns, wantsColor } from './environment.js';
import { addFigureOptions, parseFigureOptions, type FigureContext, type FigureFlags } from './figure-options.js';
import { flagOf, parsePositiveInteger } from './flags.js';

export interface OutputFlags extends FigureFlags, ChartSizeFlags {
  output?: string;
  format?: string;
  every: string;
  title?: string;
  logY?: boolean;
  theme: string;
  scale: string;
}

/** -o, --format, --every, the size, --title, --log-y, --theme, --scale and the figure flags. */
export function addOutputOptions(command: Command, what = 'the chart'): Command {
  command
    .option('-o, --output <file>', `write ${what} to a file (format from its extension) or "-" for stdout`)
    .option('-f, --format <format>', `output format: ${FILE_FORMATS.join(', ')}`)
    .option('--every <k>', 'keep every k-th step in csv/json', '1')
    .option('-W, --width <n>', 'chart width: characters (terminal, default: the terminal width) or pixels (pictures)')
    .option('-H, --height <n>', 'chart height: lines (terminal, default 16) or pixels (pictures)')
    .option('-t, --title <text>', 'chart title')
    .option('--log-y', 'logarithmic learning-rate axis')
    .option('--theme <theme>', 'picture theme: light or dark', 'light')
    .option('--scale <factor>', 'pixel density of PNG output (2 for high-DPI)', '1');
  return addFigureOptions(command);
}

export function outputFormat(options: Pick<OutputFlags, 'output' | 'format'>): OutputFormat {
  if (options.format !== undefined) return checkFormat(options.format);
  if (options.output === undefined || options.output === '-') return options.output === '-' ? 'csv' : 'terminal';
  const format = formatFromPath(options.output);
  if (format === undefined && isStreamTarget(options.output)) return 'csv';
  if (format === undefined) {
    throw new LrvizError(`--output ${shown(options.output)}: cannot tell the format from the extension; use one of .${FILE_FORMATS.join(', .')} or add --format`);
  }
  return format;
}

/** True when the output goes to stdout (no -o, `-o -`, or a device such as /dev/stdout). */
export function toStdout(options: Pick<OutputFlags, 'output'>): boolean {
  return options.output === undefined || options.output === '-' || isStreamTarget(options.output);
}

/** True when -o or --format asks for a file or a format of its own, not the chart in the terminal. */
export function exporting(options: Pick<OutputFlags, 'output' | 'format'>): boolean {
  return options.output !== undefined || options.format !== undefined;
}

/** The request's presentation, every flag checked before anything is drawn; notes go to `notes`. */
export function presentation(options: OutputFlags, context: FigureContext, notes: string[]): Omit<RenderRequest, 'curves' | 'logs'> {
  const every = parsePositiveInteger(options.every, '--every');
  const format = outputFormat(options);
  const { width, height } = parseChartSize(options, format === 'terminal' || format === 'txt');
  const scale = parseNumber(options.scale.trim()) ?? NaN;
  if (!(scale >= 0.1 && scale <= 10)) throw new LrvizError(`--scale ${shown(options.scale)} is not allowed; --scale must be a number from 0.1 to 10`);
  if (options.theme !== 'light' && options.theme !== 'dark') throw new LrvizError(`--theme ${shown(options.theme)} is not allowed; use light or dark`);
  const figure = parseFigureOptions(options, context);
  const unused = unusedFlagsNote(format, options);
  if (unused !== undefined) notes.push(unused);
  return {
    title: options.title === undefined ? undefined : visible(options.title),
    width: width ?? (exporting(options) ? undefined : terminalColumns()),
    height,
    every,
    logY: options.logY === true,
    color: !exporting(options) && wantsColor(),
    theme: options.theme,
    scale,
    ...figure,
    note: (words) => notes.push(words(flagOf)),
  };
}

/** Formats each presentation flag changes; given for any other, it gets a note rather than silence. */
const FLAG_FORMATS: readonly { flag: string; given: (options: OutputFlags) => boolean; formats: readonly OutputFormat[]; what: string }[] = [
  { flag: '--every', given: (o) => o.every.trim() !== '1', formats: ['csv', 'json'], what: 'csv and json (charts are drawn from every step)' },
  { flag: '--scale', given: (o) => o.scale.trim() !== '1', formats: ['png'], what: 'png' },
  { flag: '--theme', given: (o) => o.theme !== 'light', formats: ['svg', 'png', 'pdf', 'html', 'vl.json'], what: 'pictures' },
  { flag: '--log-y', given: (o) => o.logY === true, formats: ['terminal', 'txt', 'svg', 'png', 'pdf', 'html', 'vl.json'], what: 'charts (exported rates are the same either way)' },
  { flag: '--legend', given: (o) => o.legend !== undefined, formats: ['svg', 'png', 'pdf', 'html', 'vl.json'], what: 'pictures' },
];

/** One line naming the flags the chosen format does not use, and what each is for. */
function unusedFlagsNote(format: OutputFormat, options: OutputFlags): string | undefined {
  const unused = FLAG_FORMATS.filter((entry) => entry.given(options) && !entry.formats.includes(format));
  if (unused.length === 0) return undefined;
  const shownFormat = format === 'terminal' ? 'the terminal chart' : `${format} output`;
  const flags = unused.map((entry) => entry.flag);
  const named = flags.length === 1 ? `${flags[0]} is` : `${flags.slice(0, -1).join(', ')} and ${flags[flags.length - 1]} are`;
  return `lrviz: note: ${named} ignored for ${shownFormat}; ${unused.map((entry) => `${entry.flag} applies to ${entry.what}`).join(', ')}`;
}

/**
 * Renders and writes: to stdout or atomically to the file. A stream cannot take back what it sent, so
 * streamed CSV/JSON values are checked before the first byte. Notes follow the output, so a run that fails
 * ends in its one error line.
 */
export async function writeChart(options: OutputFlags, request: RenderRequest, notes: readonly string[]): Promise<void> {
  const format = outputFormat(options);
  if (toStdout(options) && (format === 'csv' || format === 'json')) ensureFinite(request.curves, request.every);
  const rendered = await render(format, request);
  if (options.output === undefined || options.output === '-') writeStdout(rendered);
  else await writeOutputFile(options.output, rendered);
  for (const note of notes) process.stderr.write(`${note}\n`);
}

/** fit's and compare's -o: the curves and logs they drew, as plot would write them. */
export async function exportChart(options: OutputFlags, curves: readonly Curve[], logs: readonly LoggedPoints[], context: FigureContext): Promise<void> {
  const notes: string[] = [];
  const request: RenderRequest = { curves, logs: logs.length > 0 ? logs : undefined, ...presentation(options, context, notes) };
  await writeChart(options, request, notes);
}

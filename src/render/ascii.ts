import asciichart from 'asciichart';
import { envelopeOf, type Envelope } from '../curve/envelope.js';
import { floorNote, lrAxis } from './lr-axis.js';
import { niceStep, stepLabel } from './number-format.js';
import type { LoggedPoints } from '../logs/points.js';
import type { RenderRequest } from './request.js';
import { largest } from '../extent.js';
import { ensureLogAxisHasValues } from './log-axis.js';

/** Series colours, in order; the same order the pictures use. */
const PALETTE = [asciichart.blue, asciichart.red, asciichart.green, asciichart.magenta, asciichart.cyan, asciichart.yellow];
const RESET = asciichart.reset;
const DEFAULT_WIDTH = 80;
const DEFAULT_HEIGHT = 16;
const MIN_PLOT_COLUMNS = 8;
const USUAL_LABEL_WIDTH = 7;

/** Columns left for the curves once the labels and the axis take their share. */
function plotColumns(width: number, labelWidth: number): number {
  return Math.max(MIN_PLOT_COLUMNS, width - labelWidth - 2);
}

/**
 * The terminal chart: every curve overlaid by asciichart, resampled to the width by its envelope (each
 * column's min and max drawn in the curve's colour, so spikes and restart peaks survive), with y labels
 * that read right for small rates, an x axis in steps, a legend and an optional title.
 */
export function renderAscii(request: RenderRequest): string {
  const width = Math.max(request.width ?? DEFAULT_WIDTH, 20);
  const rows = Math.max((request.height ?? DEFAULT_HEIGHT) - 1, 2);
  const steps = request.curves[0]?.steps ?? 0;

  // One pass over each curve: the plot gets the width left after a label column of the usual size
  // ("7.33e-4"); only labels wider than that cost a second pass.
  let labelWidth = USUAL_LABEL_WIDTH;
  let envelopes = request.curves.map((c) => envelopeOf(c, plotColumns(width, labelWidth)));
  if (request.logY) ensureLogAxisHasValues(envelopes, request.logs);
  const axis = lrAxis(envelopes, [], request.logY, Math.max(2, Math.round(rows / 2.5)), request.ylim);
  const note = floorNote(axis, envelopes, request.curves.map((c) => c.label));
  if (note !== undefined) request.note?.(note);
  const widest = largest(axis.ticks.labels.map((label) => label.length));
  if (widest > labelWidth) {
    labelWidth = widest;
    envelopes = request.curves.map((c) => envelopeOf(c, plotColumns(width, labelWidth)));
  }
  // On a log axis the chart is drawn in log10 of the rates, those at or below the floor on the floor.
  const transform = request.logY ? (v: number) => Math.log10(axis.plotted(v)) : (v: number) => Math.min(Math.max(v, axis.domain[0]), axis.domain[1]);
  const [low, high] = request.logY ? axis.domain.map(Math.log10) : axis.domain;

  const series: number[][] = [];
  const colors: (string | undefined)[] = [];
  envelopes.forEach((envelope, k) => {
    series.push(extremes(envelope).map(transform));
    colors.push(request.color ? PALETTE[k % PALETTE.length] : undefined);
  });
  for (const [k, log] of (request.logs ?? []).entries()) {
    series.push(loggedSeries(log, steps, envelopes[0]?.columns ?? plotColumns(width, labelWidth), transform));
    colors.push(request.color ? PALETTE[(envelopes.length + k) % PALETTE.length] : undefined);
  }

  // Each round tick labels the row nearest it; the top and bottom rows are the axis' ends, both ticks.
  const rowLabels = new Map<number, string>();
  axis.ticks.values.forEach((value, k) => {
    const row = Math.round(((high - (request.logY ? Math.log10(value) : value)) / (high - low)) * rows);
    if (!rowLabels.has(row)) rowLabels.set(row, axis.ticks.labels[k]);
  });
  // asciichart works out its labels as max - y * (max - min) / rows, which overflows to -Infinity for
  // rates near the largest double: hand it values in units of the largest magnitude and scale back.
  const unit = Math.max(Math.abs(low), Math.abs(high)) || 1;
  const chart = asciichart.plot(
    series.map((values) => values.map((v) => v / unit)),
    {
      height: rows,
      min: low / unit,
      max: high / unit,
      offset: 3,
      colors: colors as string[],
      // Only the axis' own mark: asciichart would put ┼ where each series starts and on the zero row.
      symbols: ['┤', '┤', '╶', '╴', '─', '╰', '╭', '╮', '╯', '│'],
      format: (_value: number, row: number) => (rowLabels.get(row) ?? '').padStart(labelWidth),
    },
  )
    .split('\n')
    // A row without a label gets a plain axis line, so the labelled rows stand out.
    .map((line) => (line.startsWith(' '.repeat(labelWidth + 1)) ? line.replace(/^( +)(\x1b\[[0-9;]*m)?┤(\x1b\[0m)?/, '$1│') : line))
    .join('\n');
  const chartColumns = largest(series.map((s) => s.length));
  const lines: string[] = [];
  if (request.title) lines.push(' '.repeat(Math.max(0, Math.floor((labelWidth + chartColumns - request.title.length) / 2) + 2)) + request.title);
  lines.push(chart, ...xAxis(labelWidth, chartColumns, steps), ...legend(request, envelopes.length));
  return lines.join('\n') + '\n';
}

/**
 * One value per column from the envelope: whichever of the column's min and max lies farther from the
 * value drawn before it. A monotone stretch stays one clean line, while a restart peak or a one-step
 * spike is drawn at its full height (asciichart joins consecutive values with a vertical run).
 */
function extremes(envelope: Envelope): number[] {
  const out: number[] = new Array(envelope.columns);
  let previous = envelope.first;
  for (let c = 0; c < envelope.columns; c++) {
    const low = envelope.min[c];
    const high = envelope.max[c];
    previous = Math.abs(high - previous) > Math.abs(previous - low) ? high : low;
    out[c] = previous;
  }
  return out;
}

/** A logged run as a series on the chart's columns: each column holds the last logged value at or before it. */
function loggedSeries(log: LoggedPoints, steps: number, columns: number, transform: (v: number) => number): number[] {
  const out: number[] = [];
  let j = 0;
  let current = log.values[0] ?? 0;
  for (let c = 0; c < columns; c++) {
    const columnEnd = Math.floor(((c + 1) * steps) / columns);
    while (j < log.steps.length && log.steps[j] < columnEnd) current = log.values[j++];
    out.push(transform(current));
  }
  return out;
}

/** An axis line with ticks at round step numbers, and their labels below. */
function xAxis(labelWidth: number, columns: number, steps: number): string[] {
  const indent = labelWidth + 1;
  const axis = ['└', ...'─'.repeat(columns)];
  const labels: string[] = Array(indent + 1 + columns).fill(' ');
  const spacing = niceStep((steps / Math.max(1, columns)) * 12);
  // The axis title sits at the right end; tick labels stop short of it.
  const title = 'step';
  const titleAt = indent + 1 + columns - title.length;
  let lastEnd = -1;
  for (let step = 0; step < steps; step += spacing) {
    const column = Math.min(columns - 1, Math.floor((step * columns) / steps));
    const text = stepLabel(step);
    const begin = Math.max(0, indent + 1 + column - Math.floor(text.length / 2));
    if (begin <= lastEnd + 1 || begin + text.length >= titleAt) continue;
    axis[column + 1] = '┬';
    for (let i = 0; i < text.length; i++) labels[begin + i] = text[i];
    lastEnd = begin + text.length;
  }
  for (let i = 0; i < title.length; i++) labels[titleAt + i] = title[i];
  return [' '.repeat(indent) + axis.join(''), labels.join('').trimEnd()];
}

function legend(request: RenderRequest, curves: number): string[] {
  const names = [...request.curves.map((c) => c.label), ...(request.logs ?? []).map((l) => `${l.label} (logged)`)];
  return names.map((name, k) => {
    const swatch = k < curves ? '━━' : '··';
    const colored = request.color ? `${PALETTE[k % PALETTE.length]}${swatch}${RESET}` : swatch;
    return `  ${colored} ${name}`;
  });
}

import { envelopeOf, type Envelope } from '../curve/envelope.js';
import { floorNote, lrAxis } from './lr-axis.js';
import { stepLabel } from './number-format.js';
import { epochBoundaries, stepAxis, type StepAxis } from './step-axis.js';
import { chartSteps, LOGGED_SUFFIX, loggedPoints, logWithin } from './picture-data.js';
import { TerminalCanvas } from './terminal-canvas.js';
import { lineStyle, logDot, RESET } from './terminal-glyphs.js';
import type { Mark, RenderRequest } from './request.js';
import { largest } from '../extent.js';
import { ensureLogAxisHasValues } from './log-axis.js';

/** Series colours (ANSI blue, red, green, magenta, cyan, yellow), in order; the same order the pictures use. */
const PALETTE = ['\x1b[34m', '\x1b[31m', '\x1b[32m', '\x1b[35m', '\x1b[36m', '\x1b[33m'];
const DEFAULT_WIDTH = 80;
const DEFAULT_HEIGHT = 16;
const MIN_PLOT_COLUMNS = 8;
const USUAL_LABEL_WIDTH = 7;

/** Columns left for the curves once the labels and the axis take their share. */
function plotColumns(width: number, labelWidth: number): number {
  return Math.max(MIN_PLOT_COLUMNS, width - labelWidth - 2);
}

/**
 * The terminal chart: every curve overlaid, resampled to the width by its envelope (each column's min and
 * max drawn, so spikes and restart peaks survive), each in its own line style (terminal-glyphs.ts) and,
 * when asked, its own colour, so that series stay apart in a CI log; logged runs as dots; y labels that
 * read right for small rates, an x axis in steps, a legend showing the same glyphs and an optional title.
 */
export function renderAscii(request: RenderRequest): string {
  const width = Math.max(request.width ?? DEFAULT_WIDTH, 20);
  const rows = Math.max((request.height ?? DEFAULT_HEIGHT) - 1, 2);
  const steps = chartSteps(request);
  const xAxisSpan = stepAxis(request, steps);
  // The steps the columns cover: the whole run, or those --xlim shows (its last step included).
  const range = xAxisSpan.stepRange(steps);
  const logs = (request.logs ?? []).map((log) => logWithin(log, range.from, range.to));

  // One pass over each curve: the plot gets the width left after a label column of the usual size
  // ("7.33e-4"); only labels wider than that cost a second pass.
  let labelWidth = USUAL_LABEL_WIDTH;
  let envelopes = request.curves.map((c) => envelopeOf(c, plotColumns(width, labelWidth), range));
  if (request.logY) ensureLogAxisHasValues(envelopes, logs);
  const keptLogs = logs.map((log) => loggedPoints(log, range.to - range.from, plotColumns(width, labelWidth)));
  const axis = lrAxis(envelopes, keptLogs, request.logY, Math.max(2, Math.round(rows / 2.5)), request.ylim);
  const note = floorNote(axis, envelopes, request.curves.map((c) => c.label));
  if (note !== undefined) request.note?.(note);
  const widest = largest(axis.ticks.labels.map((label) => label.length));
  if (widest > labelWidth) {
    labelWidth = widest;
    envelopes = request.curves.map((c) => envelopeOf(c, plotColumns(width, labelWidth), range));
  }
  // On a log axis the chart is drawn in log10 of the rates, those at or below the floor on the floor.
  const transform = request.logY ? (v: number) => Math.log10(axis.plotted(v)) : (v: number) => Math.min(Math.max(v, axis.domain[0]), axis.domain[1]);
  const [low, high] = request.logY ? axis.domain.map(Math.log10) : axis.domain;

  // On a terminal row r of 0..rows: the rate's place between the axis' ends, rounded, kept inside.
  const rowOf = (v: number) => Math.min(rows, Math.max(0, Math.round(((high - transform(v)) / (high - low || 1)) * rows)));
  const columns = envelopes[0]?.columns ?? Math.min(plotColumns(width, labelWidth), range.to - range.from);
  const columnOf = (step: number) => Math.min(columns - 1, Math.floor(((step - range.from) * columns) / (range.to - range.from)));
  const canvas = new TerminalCanvas(rows + 1, columns);
  // Marks under everything: a dotted rule a column.
  const rules = markColumns(request, range, columns, columnOf);
  for (const column of rules.columns) for (let row = 0; row <= rows; row++) canvas.drawPoint(row, column, MARK_GLYPH);
  // Logged dots next: where one falls on a planned line, the line is drawn over it and stays whole.
  logs.forEach((log, k) => {
    const color = request.color ? PALETTE[(envelopes.length + k) % PALETTE.length] : undefined;
    for (const { step, lr } of loggedPoints(log, range.to - range.from, columns)) canvas.drawPoint(rowOf(lr), columnOf(step), logDot(k), color);
  });
  envelopes.forEach((envelope, k) => canvas.drawLine(extremes(envelope).map(rowOf), lineStyle(k), request.color ? PALETTE[k % PALETTE.length] : undefined));

  // Each round tick labels the row nearest it; the top and bottom rows are the axis' ends, both ticks.
  const rowLabels = new Map<number, string>();
  axis.ticks.values.forEach((value, k) => {
    const row = Math.round(((high - (request.logY ? Math.log10(value) : value)) / (high - low)) * rows);
    if (!rowLabels.has(row)) rowLabels.set(row, axis.ticks.labels[k]);
  });
  // A labelled row gets a tick on the axis, the others a plain axis line, so the labelled rows stand out.
  const chart = canvas
    .lines()
    .map((cells, row) => `${(rowLabels.get(row) ?? '').padStart(labelWidth)} ${rowLabels.has(row) ? '┤' : '│'}${cells}`)
    .join('\n');
  const lines: string[] = [];
  if (request.title) lines.push(' '.repeat(Math.max(0, Math.floor((labelWidth + columns - request.title.length) / 2) + 2)) + request.title);
  if (request.ylabel !== undefined) lines.push(request.ylabel);
  lines.push(chart, ...xAxis(labelWidth, columns, xAxisSpan, columnOf, range), ...legend(request, envelopes.length), ...rules.legend);
  return lines.join('\n') + '\n';
}

/** The glyph of a mark's rule: light and dotted, so the curves drawn over it read first. */
const MARK_GLYPH = '┊';

/** The columns of the --mark rules inside the range, and a legend line saying what they are. */
function markColumns(request: RenderRequest, range: { from: number; to: number }, columns: number, columnOf: (step: number) => number): { columns: number[]; legend: string[] } {
  const inside = (step: number) => step > range.from && step < range.to;
  const marks = (request.marks ?? []).filter((mark) => inside(mark.step));
  const out = new Set(marks.map((mark) => columnOf(mark.step)));
  const whose = (mark: Mark) => (mark.curve === undefined ? '' : ` (${request.curves[mark.curve].label})`);
  const legend = marks.length > 0 ? [`  ${MARK_GLYPH}  ${marks.map((mark) => mark.text + whose(mark)).join(', ')}`] : [];
  if (request.markEpochs && request.stepsPerEpoch !== undefined) {
    const { steps, every } = epochBoundaries(request.stepsPerEpoch, range.from, range.to, Math.floor(columns / 3));
    for (const step of steps) out.add(columnOf(step));
    legend.push(`  ${MARK_GLYPH}  ${every === 1 ? 'epoch boundaries' : `every ${every} epochs`} (${stepLabel(request.stepsPerEpoch)} steps an epoch)`);
  }
  return { columns: [...out], legend };
}

/**
 * One value per column from the envelope: whichever of the column's min and max lies farther from the
 * value drawn before it. A monotone stretch stays one clean line, while a restart peak or a one-step
 * spike is drawn at its full height (the canvas joins consecutive values with a vertical run).
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

/** An axis line with ticks at round steps (or epochs), their labels below, and its title at the right end. */
function xAxis(labelWidth: number, columns: number, span: StepAxis, columnOf: (step: number) => number, range: { from: number; to: number }): string[] {
  const indent = labelWidth + 1;
  const axis = ['└', ...'─'.repeat(columns)];
  const labels: string[] = Array(indent + 1 + columns).fill(' ');
  // The axis title sits at the right end; tick labels stop short of it.
  const title = span.title;
  const titleAt = Math.max(0, indent + 1 + columns - title.length);
  let lastEnd = -1;
  for (const step of span.ticks(Math.max(1, columns / 12))) {
    if (step < range.from || step >= range.to) continue;
    const column = columnOf(step);
    const text = span.label(step);
    const begin = Math.max(0, indent + 1 + column - Math.floor(text.length / 2));
    if (begin <= lastEnd + 1 || begin + text.length >= titleAt) continue;
    axis[column + 1] = '┬';
    for (let i = 0; i < text.length; i++) labels[begin + i] = text[i];
    lastEnd = begin + text.length;
  }
  for (let i = 0; i < title.length; i++) labels[titleAt + i] = title[i];
  return [' '.repeat(indent) + axis.join(''), labels.join('').trimEnd()];
}

/** One line a series: its glyphs (and colour), as drawn on the chart, and its label. */
function legend(request: RenderRequest, curves: number): string[] {
  const names = [...request.curves.map((c) => c.label), ...(request.logs ?? []).map((l) => `${l.label}${LOGGED_SUFFIX}`)];
  return names.map((name, k) => {
    const swatch = k < curves ? lineStyle(k).swatch : `${logDot(k - curves)} ${logDot(k - curves)}`;
    const colored = request.color ? `${PALETTE[k % PALETTE.length]}${swatch}${RESET}` : swatch;
    return `  ${colored} ${name}`;
  });
}

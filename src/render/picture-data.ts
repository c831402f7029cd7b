import type { Curve } from '../curve/curve.js';
import type { Envelope } from '../curve/envelope.js';
import { lastLoggedStep, type LoggedPoints } from '../logs/points.js';

export { LOGGED_SUFFIX } from '../logs/points.js';

/**
 * The steps a chart spans: the planned curves' run, or, for logs drawn alone, up to the last step a log
 * holds (so a log is a series of its own, with or without a plan).
 */
export function chartSteps(request: { readonly curves: readonly Curve[]; readonly logs?: readonly LoggedPoints[] }): number {
  if (request.curves.length > 0) return request.curves[0].steps;
  return Math.max(1, Math.floor(lastLoggedStep(request.logs ?? [])) + 1);
}

/** A log's points at steps from..to-1 (those a chart with --xlim shows); the log itself when all are. */
export function logWithin(log: LoggedPoints, from: number, to: number): LoggedPoints {
  const n = log.steps.length;
  if (n === 0 || (log.steps[0] >= from && log.steps[n - 1] < to)) return log;
  const first = lowerBound(log.steps, from);
  const end = lowerBound(log.steps, to);
  return { label: log.label, steps: log.steps.slice(first, end), values: log.values.slice(first, end) };
}

/** First index whose step is >= value (> value when `past`), steps sorted ascending. */
export function lowerBound(steps: ArrayLike<number>, value: number, past = false): number {
  let lo = 0;
  let hi = steps.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (steps[mid] < value || (past && steps[mid] === value)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** One point of a drawn line: a step and the learning rate there. */
export interface LinePoint {
  step: number;
  lr: number;
}

/**
 * The envelope as a polyline a picture can draw, at most two points a column plus the exact ends. In
 * each column the line visits the column's min and max, the one nearer the point drawn before first, at
 * the column's first step, and the other at its last step. On a monotone stretch those are exactly the
 * curve's values at those steps (a decreasing column starts at its max and ends at its min), so the
 * line is the curve; a restart peak or a one-step spike inside a column becomes a vertical stroke at
 * its full height. When the nearer extreme lies between the point before and the farther one, the
 * segment between those two already passes through it within the column, so it is left out: a smooth
 * curve costs one point a column, not two, and a flat run only its ends. The curve's first and last values are drawn at steps 0 and
 * steps-1. Steps strictly increase, so a renderer that sorts by step keeps this order.
 */
export function envelopeLine(envelope: Envelope): LinePoint[] {
  const points: LinePoint[] = [];
  let previous = envelope.first;
  const lastColumn = envelope.columns - 1;
  for (let c = 0; c <= lastColumn; c++) {
    const low = envelope.min[c];
    const high = envelope.max[c];
    const exit = c === lastColumn ? envelope.last : undefined;
    // The extreme the curve leaves the column at goes last; otherwise the one nearer the line so far.
    const highFirst = exit === low ? true : exit === high ? false : Math.abs(high - previous) < Math.abs(previous - low);
    const visits = c === 0 ? [envelope.first] : [];
    visits.push(highFirst ? high : low, highFirst ? low : high);
    if (exit !== undefined) visits.push(exit);
    const values = visits.filter((v, k) => k === 0 || v !== visits[k - 1]);
    const passedThrough = c > 0 && values.length > 1 && between(previous, values[0], values[1]);
    if (passedThrough) values.shift();
    const firstStep = envelope.start[c];
    const lastStep = envelope.start[c + 1] - 1;
    // A flat curve narrower than one column: it still starts at step 0 and ends at steps-1.
    if (c === 0 && c === lastColumn && values.length === 1 && firstStep < lastStep) values.push(values[0]);
    // A column holds at least as many steps as distinct values visited, so these steps stay inside it:
    // from its first step on, or, when the line comes in from the column before, ending at its last.
    values.forEach((lr, k) => {
      const step = passedThrough ? lastStep - (values.length - 1 - k) : k === values.length - 1 && (k > 0 || exit !== undefined) ? lastStep : firstStep + k;
      points.push({ step, lr });
    });
    previous = values[values.length - 1];
  }
  // Inside a flat run only its two ends matter: a constant schedule is two points, not one a column.
  return points.filter((p, k) => k === 0 || k === points.length - 1 || p.lr !== points[k - 1].lr || p.lr !== points[k + 1].lr);
}

function between(a: number, x: number, b: number): boolean {
  return (a <= x && x <= b) || (b <= x && x <= a);
}

/** Exact values of every curve at a few sample steps (one per column and the last step), for tooltips. */
export function sampleRows(curves: readonly Curve[], columns: number): Record<string, number>[] {
  const steps = curves[0]?.steps ?? 0;
  const count = Math.max(1, Math.min(columns, steps));
  const sampled = new Set<number>();
  for (let c = 0; c < count; c++) sampled.add(Math.floor((c * steps) / count));
  if (steps > 0) sampled.add(steps - 1);
  const one = new Float64Array(1);
  return [...sampled].map((step) => {
    const row: Record<string, number> = { step };
    curves.forEach((curve, k) => {
      curve.fill(step, one);
      row[seriesField(k)] = one[0];
    });
    return row;
  });
}

/**
 * The field a curve's values go by in tooltip rows. Never the label itself: vega-lite reads dots and
 * brackets in field names as nested access, and labels like `cosine:lr=0.1` have them.
 */
export function seriesField(index: number): string {
  return `lr${index}`;
}

/**
 * Logged points to draw, thinned to at most the first, the lowest and the highest point of each
 * column so that a run logged at every step of a million still makes a small picture; every point
 * kept is one the run really logged.
 */
export function loggedPoints(log: { readonly steps: ArrayLike<number>; readonly values: ArrayLike<number> }, steps: number, columns: number): LinePoint[] {
  const count = log.steps.length;
  if (count <= 2 * columns) return Array.from(log.steps, (step, j) => ({ step, lr: log.values[j] }));
  const width = Math.max(1, steps) / columns;
  const kept: LinePoint[] = [];
  let j = 0;
  while (j < count) {
    const column = Math.floor(log.steps[j] / width);
    const first = j;
    let low = j;
    let high = j;
    for (j++; j < count && Math.floor(log.steps[j] / width) === column; j++) {
      if (log.values[j] < log.values[low]) low = j;
      if (log.values[j] > log.values[high]) high = j;
    }
    for (const index of new Set([first, low, high].sort((a, b) => a - b))) kept.push({ step: log.steps[index], lr: log.values[index] });
  }
  return kept;
}

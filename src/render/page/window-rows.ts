import type { Curve } from '../../curve/curve.js';
import { envelopeOf } from '../../curve/envelope.js';
import { envelopeLine, LOGGED_SUFFIX, loggedPoints, lowerBound, type LinePoint } from '../picture-data.js';
import type { PageLog } from './payload.js';

/** A series as the page draws it: its curve, or only the line it came with (see PageSeries). */
export interface DrawnSeries {
  readonly label: string;
  readonly curve?: Curve;
  readonly line?: readonly LinePoint[];
}

/** A row of the page's `lines` or `logs` data set. */
export interface Row {
  series: string;
  step: number;
  lr: number;
}

/**
 * What the page draws for the steps from `low` to `high` (fractional: the x axis' domain): every
 * curve's envelope over the whole steps in view, one column a pixel, computed from the curve itself, so
 * a restart sits at its exact step at any zoom (every step, once there are two pixels a step or fewer); logged points in view, thinned to a few a column. One
 * step past each edge is included so the line runs to the frame, which clips it. `logFloor`: the log
 * axis' bottom, where rates at or below it are drawn.
 */
export function windowRows(series: readonly DrawnSeries[], logs: readonly PageLog[], low: number, high: number, columns: number, logFloor?: number): { lines: Row[]; logs: Row[] } {
  // A log axis draws rates at or below its floor (0 included) on the floor, as the still pictures do.
  const plotted = logFloor === undefined ? (lr: number) => lr : (lr: number) => (lr > logFloor ? lr : logFloor);
  const lines: Row[] = [];
  for (const s of series) {
    if (s.curve !== undefined) {
      const from = Math.max(0, Math.floor(low) - 1);
      const to = Math.min(s.curve.steps, Math.ceil(high) + 2);
      if (to - from <= 2 * columns) {
        // Two steps a pixel or fewer: every step, since an envelope column cannot tell which of its
        // extremes came first (a restart at a column's first step would be drawn a step late).
        const values = new Float64Array(Math.max(0, to - from));
        s.curve.fill(from, values);
        values.forEach((lr, j) => lines.push({ series: s.label, step: from + j, lr: plotted(lr) }));
      } else {
        for (const { step, lr } of envelopeLine(envelopeOf(s.curve, columns, { from, to }))) lines.push({ series: s.label, step, lr: plotted(lr) });
      }
    } else if (s.line !== undefined) {
      const [first, last] = indexRange(s.line.map((p) => p.step), low, high);
      for (let j = Math.max(0, first - 1); j < Math.min(s.line.length, last + 1); j++) lines.push({ series: s.label, step: s.line[j].step, lr: plotted(s.line[j].lr) });
    }
  }
  const logRows: Row[] = [];
  for (const log of logs) {
    const [first, last] = indexRange(log.steps, low, high);
    const offset = Math.max(0, Math.floor(low));
    const inView = { label: log.label, steps: log.steps.slice(first, last).map((s) => s - offset), values: log.values.slice(first, last) };
    for (const { step, lr } of loggedPoints(inView, Math.max(1, high - offset), columns)) {
      logRows.push({ series: log.label + LOGGED_SUFFIX, step: step + offset, lr: plotted(lr) });
    }
  }
  return { lines, logs: logRows };
}

/** Indices [first, last) of the sorted steps that lie within [low, high]. */
export function indexRange(steps: readonly number[], low: number, high: number): [number, number] {
  return [lowerBound(steps, low), lowerBound(steps, high, true)];
}

/** The logged point nearest `step` within `tolerance` steps, if any. */
export function nearestLogged(log: PageLog, step: number, tolerance: number): { step: number; lr: number } | undefined {
  const at = lowerBound(log.steps, step);
  let best: number | undefined;
  for (const j of [at - 1, at]) {
    if (j < 0 || j >= log.steps.length) continue;
    if (Math.abs(log.steps[j] - step) <= tolerance && (best === undefined || Math.abs(log.steps[j] - step) < Math.abs(log.steps[best] - step))) best = j;
  }
  return best === undefined ? undefined : { step: log.steps[best], lr: log.values[best] };
}

/** A series' learning rate at one step: exact from its curve; along its line for a line-only series. */
export function valueAt(series: DrawnSeries, step: number): number | undefined {
  if (series.curve !== undefined) {
    if (step < 0 || step >= series.curve.steps) return undefined;
    const one = new Float64Array(1);
    series.curve.fill(step, one);
    return one[0];
  }
  const line = series.line ?? [];
  const at = lowerBound(line.map((p) => p.step), step);
  if (at >= line.length || at === 0) return line[at]?.step === step ? line[at].lr : undefined;
  const [a, b] = [line[at - 1], line[at]];
  return b.step === step ? b.lr : a.lr + ((b.lr - a.lr) * (step - a.step)) / (b.step - a.step);
}

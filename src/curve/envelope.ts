import { CHUNK, type Curve } from './curve.js';
import { SAMPLE_RUN, sampleRunStarts } from './column-sample.js';

/**
 * Steps of one curve computed one by one, at most, for an envelope: a curve that cannot tell its
 * columns' extremes (see Curve.extremes) is walked in full up to this many steps, and sampled beyond
 * them, so that a chart costs the same at 1e12 steps as at 1e6.
 */
export const WALKED_STEPS = 1 << 20;

/**
 * A curve reduced to a fixed number of columns for display: the minimum and maximum of the steps that
 * fall in each column, so a restart peak or a one-step spike never vanishes between sample points.
 * Column c covers steps [start[c], start[c+1]). The only place lrviz downsamples.
 */
export interface Envelope {
  readonly label: string;
  readonly steps: number;
  readonly columns: number;
  /** First step of each column (length columns + 1; the last entry is the end of the range, `steps` by default). */
  readonly start: Float64Array;
  readonly min: Float64Array;
  readonly max: Float64Array;
  /** Exact end points of the range, for renderers that draw them. */
  readonly first: number;
  readonly last: number;
  /** Smallest and largest value of the whole curve. */
  readonly low: number;
  readonly high: number;
}

/** Whole steps from..to-1 of a curve: the part of it a zoomed view shows. */
export interface StepRange {
  readonly from: number;
  readonly to: number;
}

/**
 * One pass over the curve (or over the steps of `range`, all of them by default), O(columns) memory.
 * With columns >= steps every column is one step. A column whose extremes the curve can tell directly (a
 * monotone stretch, whole cycles) costs a few evaluations instead of one per step, so a long smooth curve
 * is as cheap to draw as a short one, and so is a narrow window into it. A column the curve cannot tell
 * about is computed step by step while the range stays within WALKED_STEPS, and otherwise from runs of
 * consecutive steps spread over it (see column-sample.ts), its first and last step always among them:
 * exact on a monotone column, and short of a narrow spike only when the range has more steps than
 * WALKED_STEPS and the curve no extremes of its own.
 */
export function envelopeOf(curve: Curve, columns: number, range: StepRange = { from: 0, to: curve.steps }): Envelope {
  const from = Math.max(0, Math.min(range.from, curve.steps - 1));
  const to = Math.max(from + 1, Math.min(range.to, curve.steps));
  const n = to - from;
  const cols = Math.max(1, Math.min(columns, n));
  const start = new Float64Array(cols + 1);
  for (let c = 0; c <= cols; c++) start[c] = from + Math.floor((c * n) / cols);
  const min = new Float64Array(cols).fill(Infinity);
  const max = new Float64Array(cols).fill(-Infinity);
  const buffer = new Float64Array(Math.min(CHUNK, Math.max(n, 1)));
  const sampled = n > WALKED_STEPS ? Math.max(2, Math.floor(WALKED_STEPS / cols / SAMPLE_RUN)) : Infinity;
  for (let c = 0; c < cols; c++) {
    const known = curve.extremes?.(start[c], start[c + 1]);
    if (known !== undefined) {
      min[c] = known[0];
      max[c] = known[1];
      continue;
    }
    const bounds = new Float64Array([Infinity, -Infinity]);
    if (start[c + 1] - start[c] > sampled * SAMPLE_RUN) {
      const run = buffer.subarray(0, SAMPLE_RUN);
      for (const first of sampleRunStarts(start[c], start[c + 1], sampled)) {
        curve.fill(first, run);
        widen(bounds, run);
      }
    } else {
      for (let offset = start[c]; offset < start[c + 1]; offset += buffer.length) {
        const values = offset + buffer.length <= start[c + 1] ? buffer : buffer.subarray(0, start[c + 1] - offset);
        curve.fill(offset, values);
        widen(bounds, values);
      }
    }
    min[c] = bounds[0];
    max[c] = bounds[1];
  }
  let low = Infinity;
  let high = -Infinity;
  for (let c = 0; c < cols; c++) {
    if (min[c] < low) low = min[c];
    if (max[c] > high) high = max[c];
  }
  return { label: curve.label, steps: curve.steps, columns: cols, start, min, max, first: valueAt(curve, from), last: valueAt(curve, to - 1), low, high };
}

/** Widens bounds = [min, max] to take in the values (a plain function: no closure in the hot loop). */
function widen(bounds: Float64Array, values: Float64Array): void {
  let lo = bounds[0];
  let hi = bounds[1];
  for (let j = 0; j < values.length; j++) {
    const v = values[j];
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  bounds[0] = lo;
  bounds[1] = hi;
}

/** One step's value (NaN for a step the curve does not have). */
function valueAt(curve: Curve, step: number): number {
  if (step < 0 || step >= curve.steps) return NaN;
  const one = new Float64Array(1);
  curve.fill(step, one);
  return one[0];
}

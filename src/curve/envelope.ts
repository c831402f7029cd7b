import { forEachChunk, type Curve } from './curve.js';

/**
 * A curve reduced to a fixed number of columns for display: the minimum and maximum of the steps that
 * fall in each column, so a restart peak or a one-step spike never vanishes between sample points.
 * Column c covers steps [start[c], start[c+1]). The only place lrviz downsamples.
 */
export interface Envelope {
  readonly label: string;
  readonly steps: number;
  readonly columns: number;
  /** First step of each column (length columns + 1; the last entry is `steps`). */
  readonly start: Float64Array;
  readonly min: Float64Array;
  readonly max: Float64Array;
  /** Exact end points, for renderers that draw them. */
  readonly first: number;
  readonly last: number;
  /** Smallest and largest value of the whole curve. */
  readonly low: number;
  readonly high: number;
}

/** One pass over the curve, O(columns) memory. With columns >= steps every column is one step. */
export function envelopeOf(curve: Curve, columns: number): Envelope {
  const n = curve.steps;
  const cols = Math.max(1, Math.min(columns, n));
  const start = new Float64Array(cols + 1);
  for (let c = 0; c <= cols; c++) start[c] = Math.floor((c * n) / cols);
  const min = new Float64Array(cols).fill(Infinity);
  const max = new Float64Array(cols).fill(-Infinity);
  let first = NaN;
  let last = NaN;
  let column = 0;
  forEachChunk(curve, (offset, values) => {
    if (offset === 0 && values.length > 0) first = values[0];
    const end = offset + values.length;
    // Walk the columns this chunk overlaps; each gets a tight min/max loop over its share.
    while (column < cols && start[column] < end) {
      const from = Math.max(start[column], offset) - offset;
      const to = Math.min(start[column + 1], end) - offset;
      let lo = min[column];
      let hi = max[column];
      for (let j = from; j < to; j++) {
        const v = values[j];
        if (v < lo) lo = v;
        if (v > hi) hi = v;
      }
      min[column] = lo;
      max[column] = hi;
      if (start[column + 1] > end) break;
      column++;
    }
    if (values.length > 0) last = values[values.length - 1];
  });
  let low = Infinity;
  let high = -Infinity;
  for (let c = 0; c < cols; c++) {
    if (min[c] < low) low = min[c];
    if (max[c] > high) high = max[c];
  }
  return { label: curve.label, steps: n, columns: cols, start, min, max, first, last, low, high };
}

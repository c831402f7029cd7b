import { schedule, type Schedule } from '../schedule.js';

/**
 * Constant pieces: `values[0]` before `boundaries[0]`, `values[k]` from `boundaries[k-1]` on.
 * `values` has one more entry than `boundaries`, which must be increasing.
 */
export function piecewiseConstant(boundaries: readonly number[], values: readonly number[]): Schedule {
  if (values.length !== boundaries.length + 1) throw new RangeError('piecewiseConstant: values must be one longer than boundaries');
  const last = boundaries.length > 0 ? boundaries[boundaries.length - 1] : 0;
  // The extremes of a stretch are among the pieces it touches.
  const extremes = (start: number, end: number): [number, number] | undefined => {
    if (!(end > start)) return undefined;
    let low = Infinity;
    let high = -Infinity;
    for (let k = segmentOf(boundaries, start); k <= segmentOf(boundaries, end - 1); k++) {
      if (!(values[k] >= low)) low = values[k];
      if (!(values[k] <= high)) high = values[k];
    }
    return [low, high];
  };
  return schedule((i) => values[segmentOf(boundaries, i)], last, undefined, extremes);
}

/** Index of the segment that step i falls in: the number of boundaries <= i (binary search). */
export function segmentOf(boundaries: readonly number[], i: number): number {
  let lo = 0;
  let hi = boundaries.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (boundaries[mid] <= i) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

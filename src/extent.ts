/**
 * The largest of many numbers without spreading them into arguments: `Math.max(...values)` overflows
 * the call stack past some 120,000 values (a long log, a CSV of many series).
 */
export function largest(values: ArrayLike<number>, start = -Infinity): number {
  let best = start;
  for (let k = 0; k < values.length; k++) if (values[k] > best || Number.isNaN(values[k])) best = values[k];
  return best;
}

/** The smallest of many numbers, as `largest`. */
export function smallest(values: ArrayLike<number>, start = Infinity): number {
  let best = start;
  for (let k = 0; k < values.length; k++) if (values[k] < best || Number.isNaN(values[k])) best = values[k];
  return best;
}

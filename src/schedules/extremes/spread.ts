/**
 * How many cycles, periods or monotone pieces a range's extremes are worked out from, at most. A chart
 * column of a billion steps over cycles of two steps spans half a billion cycles; their extremes are
 * those of the first and last cycle it touches and of this many spread between them.
 */
export const MANY_PIECES = 256;

/**
 * `count` whole numbers from `first` to `last` inclusive, both always among them, spread evenly; every
 * number between when there are no more than `count`. Increasing, without repeats.
 */
export function spreadIndices(first: number, last: number, count = MANY_PIECES): number[] {
  if (last - first + 1 <= count) return Array.from({ length: last - first + 1 }, (_, j) => first + j);
  const picked: number[] = [];
  for (let j = 0; j < count; j++) {
    const k = j === count - 1 ? last : first + Math.floor((j * (last - first)) / (count - 1));
    if (picked.length === 0 || k > picked[picked.length - 1]) picked.push(k);
  }
  return picked;
}

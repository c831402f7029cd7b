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

/** Multiples an extremes query looks beside, at most (four steps each). */
const MAX_MULTIPLES = 2 * MANY_PIECES;

/**
 * The whole steps in [start, last] beside each multiple `k * length`, k from `first` to `final`: where a
 * shape made of monotone pieces turns (a cycle boundary, an easing's turn), a step either side of it, as
 * it rounds either way. Undefined past 2 * MANY_PIECES multiples: whoever asks samples instead.
 */
export function stepsBesideMultiples(length: number, first: number, final: number, start: number, last: number): number[] | undefined {
  if (final - first + 1 > MAX_MULTIPLES) return undefined;
  const steps: number[] = [];
  for (let k = first; k <= final; k++) {
    const at = k * length;
    for (const step of [Math.floor(at) - 1, Math.floor(at), Math.ceil(at), Math.ceil(at) + 1]) if (step >= start && step <= last) steps.push(step);
  }
  return steps;
}

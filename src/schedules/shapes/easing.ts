/**
 * Easings: how much of the way from the start value to the end value is still left at progress p
 * (p = 0 at the start, 1 at the end). Each maps 0 -> 1 and 1 -> 0; `anneal` turns one into a schedule.
 */
export type Easing = (progress: number) => number;

/** Easings known to move one way only for 0 <= p <= 1: an anneal along one has its extremes at its ends. */
const MONOTONE = new WeakSet<Easing>();
/**
 * Easings known to move one way between consecutive multiples of a length in p, for every p >= 0: a
 * cosine's half waves (length 1), HF's num_cycles waves (1 / (2 num_cycles)), its hard restarts' saw
 * teeth (1 / num_cycles). The extremes of a stretch are then at its ends and beside those multiples.
 */
const PIECES = new WeakMap<Easing, number>();

export function isMonotone(easing: Easing): boolean {
  return MONOTONE.has(easing);
}

/** The length in p of the stretches the easing moves one way in, for every p >= 0; undefined when unknown. */
export function monotonePiece(easing: Easing): number | undefined {
  return PIECES.get(easing);
}

/** Marks an easing as moving one way for 0 <= p <= 1 (a dialect's own composition of known ones). */
export function monotone(easing: Easing): Easing {
  MONOTONE.add(easing);
  return easing;
}

/** Marks an easing as moving one way between consecutive multiples of `piece` in p, for every p >= 0. */
export function monotoneInPieces(easing: Easing, piece: number): Easing {
  if (!(piece > 0)) return easing;
  PIECES.set(easing, piece);
  return piece >= 1 ? monotone(easing) : easing;
}

/** Straight line: 1 - p. */
export const linearEasing: Easing = monotoneInPieces((p) => 1 - p, Infinity);

/** Half a cosine wave: (1 + cos(pi p)) / 2. Past p = 1 it keeps oscillating, as the frameworks do. */
export const cosineEasing: Easing = monotoneInPieces((p) => (1 + Math.cos(Math.PI * p)) / 2, 1);

/** (1 - p)^power: power 1 is linear, 2 is the usual "poly" decay. */
export function polynomialEasing(power: number): Easing {
  return monotone((p) => (1 - p) ** power);
}

/**
 * Easings: how much of the way from the start value to the end value is still left at progress p
 * (p = 0 at the start, 1 at the end). Each maps 0 -> 1 and 1 -> 0; `anneal` turns one into a schedule.
 */
export type Easing = (progress: number) => number;

/** Easings known to move one way only for 0 <= p <= 1: an anneal along one has its extremes at its ends. */
const MONOTONE = new WeakSet<Easing>();

export function isMonotone(easing: Easing): boolean {
  return MONOTONE.has(easing);
}

function monotone(easing: Easing): Easing {
  MONOTONE.add(easing);
  return easing;
}

/** Straight line: 1 - p. */
export const linearEasing: Easing = monotone((p) => 1 - p);

/** Half a cosine wave: (1 + cos(pi p)) / 2. Past p = 1 it keeps oscillating, as the frameworks do. */
export const cosineEasing: Easing = monotone((p) => (1 + Math.cos(Math.PI * p)) / 2);

/** (1 - p)^power: power 1 is linear, 2 is the usual "poly" decay. */
export function polynomialEasing(power: number): Easing {
  return monotone((p) => (1 - p) ** power);
}

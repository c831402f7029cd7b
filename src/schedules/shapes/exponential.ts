import { extremesAt, schedule, type Schedule } from '../schedule.js';

export interface ExponentialOptions {
  /** Value at step 0. */
  from: number;
  /** Factor applied every `every` steps. */
  rate: number;
  /** Steps per application of `rate` (1 = every step). */
  every?: number;
  /** Apply the factor in whole jumps (floor(i / every)) instead of smoothly. */
  staircase?: boolean;
}

/** lr(i) = from * rate^(i / every), or rate^floor(i / every) with `staircase`. */
export function exponential({ from, rate, every = 1, staircase = false }: ExponentialOptions): Schedule {
  const lr = (i: number) => from * rate ** (staircase ? Math.floor(i / every) : i / every);
  // With a rate >= 0 and steps per application > 0 it only ever moves one way: extremes at the ends.
  const monotone = rate >= 0 && every > 0;
  return schedule(lr, undefined, undefined, (start, end) => (monotone && end > start ? extremesAt(lr, [start, end - 1]) : undefined));
}

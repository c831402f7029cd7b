import { schedule, type Schedule } from '../schedule.js';

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
  return schedule((i) => from * rate ** (staircase ? Math.floor(i / every) : i / every));
}

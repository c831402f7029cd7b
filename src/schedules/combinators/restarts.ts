import { schedule, type Schedule } from '../schedule.js';

export interface RestartsOptions {
  /** Length of the first cycle in steps (> 0). */
  firstCycle: number;
  /** Each cycle is this many times longer than the one before (>= 1). */
  cycleMult?: number;
  /** Cycle k (0-based) of the given length, run from its own step 0. */
  cycle(k: number, length: number): Schedule;
  /** Stop restarting after this many cycles: past them the last value of the last cycle holds. */
  maxCycles?: number;
}

/**
 * Warm restarts (SGDR): cycles of growing length, each a schedule of its own, run back to back.
 * Cycle lengths are firstCycle * cycleMult^k; cycle k starts where the lengths before it add up.
 */
export function restarts({ firstCycle, cycleMult = 1, cycle, maxCycles = Infinity }: RestartsOptions): Schedule {
  if (!(firstCycle > 0)) throw new RangeError('restarts: firstCycle must be > 0');
  if (!(cycleMult >= 1)) throw new RangeError('restarts: cycleMult must be >= 1');
  const cache = new Map<number, Schedule>();
  const cycleSchedule = (k: number, length: number): Schedule => {
    let s = cache.get(k);
    if (s === undefined) {
      s = cycle(k, length);
      if (cache.size < 4096) cache.set(k, s);
    }
    return s;
  };
  const total = Number.isFinite(maxCycles) ? cycleStart(firstCycle, cycleMult, maxCycles) : undefined;
  return schedule((i) => {
    const { k, start, length } = locateCycle(firstCycle, cycleMult, i);
    if (k >= maxCycles) {
      const lastLength = firstCycle * cycleMult ** (maxCycles - 1);
      return cycleSchedule(maxCycles - 1, lastLength).lr(lastLength);
    }
    return cycleSchedule(k, length).lr(i - start);
  }, total);
}

/** Step at which cycle k starts: the sum of the k lengths before it. */
function cycleStart(first: number, mult: number, k: number): number {
  return mult === 1 ? first * k : (first * (mult ** k - 1)) / (mult - 1);
}

/** Which cycle step i falls in, where that cycle starts and how long it is. */
export function locateCycle(first: number, mult: number, i: number): { k: number; start: number; length: number } {
  if (mult === 1) {
    const k = Math.floor(i / first);
    return { k, start: k * first, length: first };
  }
  // Closed form for the geometric series, then nudged by one either way: the log can round across a
  // boundary, and an off-by-one here would move a restart.
  let k = Math.max(0, Math.floor(Math.log((i * (mult - 1)) / first + 1) / Math.log(mult)));
  while (k > 0 && cycleStart(first, mult, k) > i) k--;
  while (cycleStart(first, mult, k + 1) <= i) k++;
  return { k, start: cycleStart(first, mult, k), length: first * mult ** k };
}

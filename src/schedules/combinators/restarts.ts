import { MANY_PIECES, spreadIndices } from '../extremes/spread.js';
import { fillValues, NO_CYCLE_STARTS, numberedStarts, schedule, withCycleStarts, type Schedule } from '../schedule.js';

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
  const lastLength = Number.isFinite(maxCycles) ? firstCycle * cycleMult ** (maxCycles - 1) : Infinity;
  const lr = (i: number): number => {
    const { k, start, length } = locateCycle(firstCycle, cycleMult, i);
    if (k >= maxCycles) return cycleSchedule(maxCycles - 1, lastLength).lr(lastLength);
    return cycleSchedule(k, length).lr(i - start);
  };
  const cycles = schedule(lr, total, (start, out) => {
    // One fill per cycle the range touches.
    let j = 0;
    while (j < out.length) {
      const cycle = locateCycle(firstCycle, cycleMult, start + j);
      if (cycle.k >= maxCycles) {
        out.fill(lr(start + j), j);
        return;
      }
      const end = Math.min(out.length, endOfCycle(firstCycle, cycleMult, cycle, start + j) - start);
      const part = out.subarray(j, end);
      const s = cycleSchedule(cycle.k, cycle.length);
      if (Number.isInteger(cycle.start)) fillValues(s, start + j - cycle.start, part);
      else for (let m = 0; m < part.length; m++) part[m] = lr(start + j + m);
      j += part.length;
    }
  }, (start, end) => {
    // The extremes of each cycle the range touches, from the cycle's own (whole-step cycles only). A range
    // over more than MANY_PIECES cycles (cycles of a step or two, a column of a billion steps) looks at the
    // two it cuts and MANY_PIECES whole ones spread between, the first and last whole ones among them: exact when cycles are alike or move one way from cycle
    // to cycle (a peak that decays), as every cycle-decay schedule does; the extremes of those otherwise.
    let low = Infinity;
    let high = -Infinity;
    const add = (range: readonly [number, number] | undefined): boolean => {
      if (range === undefined) return false;
      if (!(range[0] >= low)) low = range[0];
      if (!(range[1] <= high)) high = range[1];
      return true;
    };
    const firstK = locateCycle(firstCycle, cycleMult, start).k;
    const lastK = Math.min(locateCycle(firstCycle, cycleMult, end - 1).k, maxCycles);
    if (lastK - firstK + 1 > MANY_PIECES) {
      // Both cycles the range cuts, and the whole ones between spread from the first to the last of them.
      for (const k of [firstK, ...spreadIndices(firstK + 1, lastK - 1), lastK]) {
        if (k >= maxCycles) {
          add([lr(end - 1), lr(end - 1)]);
          continue;
        }
        const cycleFirst = Math.max(start, cycleStart(firstCycle, cycleMult, k));
        const cycle = locateCycle(firstCycle, cycleMult, cycleFirst);
        if (cycle.k !== k || !Number.isInteger(cycle.start)) return undefined;
        const cycleEnd = Math.min(end, endOfCycle(firstCycle, cycleMult, cycle, cycleFirst));
        if (!add(cycleSchedule(k, cycle.length).extremes?.(cycleFirst - cycle.start, cycleEnd - cycle.start))) return undefined;
      }
      return [low, high];
    }
    for (let step = start; step < end; ) {
      const cycle = locateCycle(firstCycle, cycleMult, step);
      const cycleEnd = Math.min(end, endOfCycle(firstCycle, cycleMult, cycle, step));
      const range: readonly [number, number] | undefined =
        cycle.k >= maxCycles
          ? [lr(step), lr(step)]
          : Number.isInteger(cycle.start)
            ? cycleSchedule(cycle.k, cycle.length).extremes?.(step - cycle.start, cycleEnd - cycle.start)
            : undefined;
      if (!add(range)) return undefined;
      if (cycle.k >= maxCycles) break;
      step = cycleEnd;
    }
    return [low, high];
  });
  // Whole-step cycles begin at whole steps, cycleStart(k) exactly (below 2^53); cycles that begin between
  // steps are left to whoever reads the values.
  if (!Number.isInteger(firstCycle) || !Number.isInteger(cycleMult)) return cycles;
  const lastRestart = Number.isFinite(maxCycles) ? maxCycles - 1 : Infinity;
  return withCycleStarts(cycles, (start, end, keep) => {
    if (end - 1 > Number.MAX_SAFE_INTEGER) return undefined;
    if (end <= start) return NO_CYCLE_STARTS;
    const atStart = locateCycle(firstCycle, cycleMult, Math.max(0, start));
    const low = Math.max(1, atStart.start >= start ? atStart.k : atStart.k + 1);
    const high = Math.min(lastRestart, locateCycle(firstCycle, cycleMult, end - 1).k);
    return numberedStarts(low, high, keep, (k) => cycleStart(firstCycle, cycleMult, k));
  });
}

/**
 * The first whole step after `cycle`, which holds step i. start + length can round past where locateCycle
 * starts the next cycle (cycle_mult an ulp above 1), so the end is walked back to agree with it.
 */
function endOfCycle(first: number, mult: number, cycle: { k: number; start: number; length: number }, i: number): number {
  let end = Math.ceil(cycle.start + cycle.length);
  while (end > i + 1 && locateCycle(first, mult, end - 1).k !== cycle.k) end--;
  // Never before i + 1: a walk over the cycles always moves on.
  return Math.max(end, i + 1);
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
  // boundary, and an off-by-one here would move a restart. Extreme parameters (a cycle of 1e-300 steps,
  // a multiplier an ulp above 1) overflow the estimate or put it beyond 2^53, where stepping by one
  // never moves: those are searched for instead of looping for ever.
  let k = Math.max(0, Math.floor(Math.log((i * (mult - 1)) / first + 1) / Math.log(mult)));
  if (!Number.isSafeInteger(k)) k = searchCycle(first, mult, i);
  let start = cycleStart(first, mult, k);
  if (k > 0 && start > i) start = cycleStart(first, mult, --k);
  let next = cycleStart(first, mult, k + 1);
  if (next <= i) {
    start = next;
    next = cycleStart(first, mult, ++k + 1);
  }
  if (start > i || next <= i) {
    k = searchCycle(first, mult, i);
    start = cycleStart(first, mult, k);
  }
  return { k, start, length: first * mult ** k };
}

/** The last cycle starting at or before step i, by doubling then bisection: bounded work for any input. */
function searchCycle(first: number, mult: number, i: number): number {
  let low = 0;
  let high = 1;
  while (cycleStart(first, mult, high) <= i) {
    low = high;
    high *= 2;
  }
  while (high - low > 1) {
    const middle = Math.floor(low + (high - low) / 2);
    if (middle === low || middle === high) break;
    if (cycleStart(first, mult, middle) <= i) low = middle;
    else high = middle;
  }
  return low;
}

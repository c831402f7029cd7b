import { schedule, type Schedule } from '../schedules/schedule.js';

/** Steps between remembered values: evaluating a step behind the last one re-steps at most this many. */
const CHECKPOINT_EVERY = 4096;

/** Past its `exactUntil` step, a recurrence reads its values from the closed form it drifts around. */
export interface ClosedFormBeyond {
  /** The last step walked step by step; every later one comes from `schedule`. */
  readonly exactUntil: number;
  /** Equal to the recurrence up to the drift its caller documents (and its tests prove). */
  readonly schedule: Schedule;
}

/**
 * A schedule defined the way torch's chainable schedulers compute it: each value from the one before it
 * (`get_lr` reads the optimizer's current lr and multiplies or shifts it). Seen from outside it is still a
 * pure function of the step: the last (step, value) is kept so that walking forward costs O(1) a step, a
 * step behind it restarts from the nearest remembered checkpoint at or before it, and a step far ahead from
 * the latest value the recurrence is known to reach exactly (`knownBefore`), if there is one.
 *
 * With `beyond`, no step past `beyond.exactUntil` is walked: a chart, a check or a sample of a billion
 * steps then costs what the closed form costs, and at most `exactUntil` steps of walking in all.
 *
 * `next(step, previous)` returns the value at `step` (>= 1) from the value at `step - 1`.
 */
export function recurrence(
  first: number,
  next: (step: number, previous: number) => number,
  horizon?: number,
  /** A step at or before `target` whose value the recurrence is known to reach exactly, whatever came before. */
  knownBefore?: (target: number) => { step: number; value: number } | undefined,
  beyond?: ClosedFormBeyond,
): Schedule {
  const checkpoints: number[] = [first];
  let lastStep = 0;
  let lastValue = first;
  const exactUntil = beyond?.exactUntil ?? Infinity;
  const lr = (i: number): number => {
    const target = Math.floor(i);
    if (target <= 0) return first;
    if (target > exactUntil) return beyond!.schedule.lr(target);
    if (target < lastStep) {
      const k = Math.min(Math.floor(target / CHECKPOINT_EVERY), checkpoints.length - 1);
      lastStep = k * CHECKPOINT_EVERY;
      lastValue = checkpoints[k];
    }
    const known = knownBefore?.(target);
    if (known !== undefined && known.step > lastStep && known.step <= target) {
      lastStep = known.step;
      lastValue = known.value;
    }
    while (lastStep < target) {
      lastStep++;
      lastValue = next(lastStep, lastValue);
      if (lastStep === checkpoints.length * CHECKPOINT_EVERY) checkpoints.push(lastValue);
    }
    return lastValue;
  };
  // Walked steps one by one (at most exactUntil of them, forward from the last); the rest from the closed form.
  const extremes = (start: number, end: number): readonly [number, number] | undefined => {
    if (beyond === undefined || !Number.isInteger(start) || !Number.isInteger(end) || !(end > start)) return undefined;
    let low = Infinity;
    let high = -Infinity;
    const walkedEnd = Math.min(end, exactUntil + 1);
    for (let step = start; step < walkedEnd; step++) {
      const value = lr(step);
      if (!(value >= low)) low = value;
      if (!(value <= high)) high = value;
    }
    if (end > walkedEnd) {
      const rest = beyond.schedule.extremes?.(Math.max(start, walkedEnd), end);
      if (rest === undefined) return undefined;
      if (!(rest[0] >= low)) low = rest[0];
      if (!(rest[1] <= high)) high = rest[1];
    }
    return [low, high];
  };
  return schedule(lr, horizon, undefined, extremes);
}

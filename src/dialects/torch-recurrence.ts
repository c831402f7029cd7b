import { schedule, type Schedule } from '../schedules/schedule.js';

/** Steps between remembered values: evaluating a step behind the last one re-steps at most this many. */
const CHECKPOINT_EVERY = 4096;

/**
 * A schedule defined the way torch's chainable schedulers compute it: each value from the one before it
 * (`get_lr` reads the optimizer's current lr and multiplies or shifts it). Seen from outside it is still a
 * pure function of the step: the last (step, value) is kept so that walking forward costs O(1) a step, a
 * step behind it restarts from the nearest remembered checkpoint at or before it, and a step far ahead from
 * the latest value the recurrence is known to reach exactly (`knownBefore`), if there is one.
 *
 * `next(step, previous)` returns the value at `step` (>= 1) from the value at `step - 1`.
 */
export function recurrence(
  first: number,
  next: (step: number, previous: number) => number,
  horizon?: number,
  /** A step at or before `target` whose value the recurrence is known to reach exactly, whatever came before. */
  knownBefore?: (target: number) => { step: number; value: number } | undefined,
): Schedule {
  const checkpoints: number[] = [first];
  let lastStep = 0;
  let lastValue = first;
  return schedule((i) => {
    const target = Math.floor(i);
    if (target <= 0) return first;
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
  }, horizon);
}

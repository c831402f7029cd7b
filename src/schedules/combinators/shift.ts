import { fillValues, movedStarts, schedule, withCycleStarts, type Schedule } from '../schedule.js';

/** The same schedule started `offset` steps in: lr(i) = inner.lr(i + offset) (a run resumed from a checkpoint). */
export function shift(inner: Schedule, offset: number): Schedule {
  if (offset === 0) return inner;
  const shifted = schedule(
    (i) => inner.lr(i + offset),
    inner.horizon === undefined ? undefined : Math.max(0, inner.horizon - offset),
    (start, out) => fillValues(inner, start + offset, out),
    (start, end) => inner.extremes?.(start + offset, end + offset),
  );
  const { cycleStarts } = inner;
  if (cycleStarts === undefined || !Number.isInteger(offset)) return shifted;
  return withCycleStarts(shifted, (start, end, keep) => movedStarts(cycleStarts(start + offset, end + offset, keep), (step) => step - offset));
}

import { schedule, type Schedule } from '../schedules/schedule.js';

/**
 * A framework schedule that raises once training reaches `firstStep` (a division by zero, an overflow the
 * framework does not catch): the steps before it are the inner schedule's, and asking for any step from
 * `firstStep` on calls `fail`, so lrviz refuses a plot that reaches it instead of drawing values the run
 * never gets to.
 */
export function raisesAt(inner: Schedule, firstStep: number, fail: (step: number) => never): Schedule {
  if (!Number.isFinite(firstStep)) return inner;
  return schedule(
    (i) => (i >= firstStep ? fail(i) : inner.lr(i)),
    inner.horizon,
    undefined,
    (start, end) => (end > firstStep ? fail(firstStep) : inner.extremes?.(start, end)),
  );
}

import { extremesAt, movedStarts, NO_CYCLE_STARTS, schedule, withCycleStarts, type Schedule } from '../schedule.js';

/**
 * A scheduler stepped once per epoch, seen per optimizer update: `scheduler.step()` runs after each
 * epoch, so every update of epoch e uses the scheduler's value e. lr(i) = inner.lr(floor(i / stepsPerEpoch)),
 * a staircase with one stair per epoch. The horizon is the inner one's, counted in updates.
 */
export function perEpoch(inner: Schedule, stepsPerEpoch: number): Schedule {
  if (!(Number.isInteger(stepsPerEpoch) && stepsPerEpoch >= 1)) throw new RangeError(`steps per epoch must be a whole number >= 1, got ${stepsPerEpoch}`);
  if (stepsPerEpoch === 1) return inner;
  const epochOf = (step: number): number => Math.floor(step / stepsPerEpoch);
  const stepped = schedule(
    (i) => inner.lr(epochOf(i)),
    inner.horizon === undefined ? undefined : inner.horizon * stepsPerEpoch,
    (start, out) => {
      // One value per epoch, computed once and spread over the epoch's updates.
      const first = epochOf(start);
      const last = epochOf(start + out.length - 1);
      const epochs = new Float64Array(last - first + 1);
      if (inner.fill) inner.fill(first, epochs);
      else for (let e = 0; e < epochs.length; e++) epochs[e] = inner.lr(first + e);
      for (let j = 0; j < out.length; j++) out[j] = epochs[epochOf(start + j) - first];
    },
    (start, end) => {
      if (end <= start) return undefined;
      const first = epochOf(start);
      const last = epochOf(end - 1);
      if (inner.extremes) return inner.extremes(first, last + 1);
      // Without the inner's fast path the stairs are still far fewer than the updates: visit each once.
      if (last - first > 1e6) return undefined;
      return extremesAt(inner.lr, Array.from({ length: last - first + 1 }, (_, k) => first + k));
    },
  );
  const { cycleStarts } = inner;
  if (cycleStarts === undefined) return stepped;
  // A cycle that begins at epoch e begins at that epoch's first update.
  return withCycleStarts(stepped, (start, end, keep) =>
    end <= start ? NO_CYCLE_STARTS : movedStarts(cycleStarts(Math.ceil(start / stepsPerEpoch), epochOf(end - 1) + 1, keep), (epoch) => epoch * stepsPerEpoch),
  );
}

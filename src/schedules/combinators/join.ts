import { fillValues, movedStarts, schedule, withCycleStarts, type CycleStarts, type Schedule } from '../schedule.js';
import { segmentOf } from '../shapes/piecewise.js';

/**
 * Run schedules one after another: `parts[0]` until `boundaries[0]`, then `parts[1]` restarted at its own
 * step 0, and so on (optax `join_schedules`, torch `SequentialLR`). `boundaries` are absolute steps,
 * increasing, one fewer than `parts`.
 */
export function join(parts: readonly Schedule[], boundaries: readonly number[]): Schedule {
  if (parts.length === 0) throw new RangeError('join: needs at least one schedule');
  if (boundaries.length !== parts.length - 1) throw new RangeError('join: needs one boundary fewer than schedules');
  const starts = [0, ...boundaries];
  const lastPart = parts[parts.length - 1];
  const horizon = lastPart.horizon === undefined ? undefined : starts[starts.length - 1] + lastPart.horizon;
  const joined = schedule(
    (i) => {
      const k = segmentOf(boundaries, i);
      return parts[k].lr(i - starts[k]);
    },
    horizon,
    (start, out) => {
      // One fill per part the range touches.
      let j = 0;
      while (j < out.length) {
        const step = start + j;
        const k = segmentOf(boundaries, step);
        // Whole steps before a fractional boundary (timm's warmup_t=2.5) belong to the part before it.
        const end = k < boundaries.length ? Math.min(out.length, Math.ceil(boundaries[k] - start)) : out.length;
        fillValues(parts[k], step - starts[k], out.subarray(j, end));
        j = end;
      }
    },
    (start, end) => {
      // The extremes of each part the range touches; whole-step boundaries only, as parts are asked
      // about whole steps of their own.
      if (!boundaries.every(Number.isInteger)) return undefined;
      let low = Infinity;
      let high = -Infinity;
      for (let step = start; step < end; ) {
        const k = segmentOf(boundaries, step);
        const partEnd = k < boundaries.length ? Math.min(end, boundaries[k]) : end;
        const range = parts[k].extremes?.(step - starts[k], partEnd - starts[k]);
        if (range === undefined) return undefined;
        if (!(range[0] >= low)) low = range[0];
        if (!(range[1] <= high)) high = range[1];
        step = partEnd;
      }
      return [low, high];
    },
  );
  // The cycles of the parts that have them, where each part runs. A boundary is not a cycle start: a
  // warmup ending is not a restart.
  if (!parts.some((part) => part.cycleStarts !== undefined) || !boundaries.every(Number.isInteger)) return joined;
  return withCycleStarts(joined, (start, end, keep) => {
    const found: CycleStarts[] = [];
    for (let k = 0; k < parts.length; k++) {
      const from = Math.max(start, starts[k]);
      const to = Math.min(end, k < boundaries.length ? boundaries[k] : end);
      if (from >= to || parts[k].cycleStarts === undefined) continue;
      const part = movedStarts(parts[k].cycleStarts!(from - starts[k], to - starts[k], keep), (step) => step + starts[k]);
      if (part === undefined) return undefined;
      found.push(part);
    }
    return {
      count: found.reduce((sum, part) => sum + part.count, 0),
      first: found.flatMap((part) => part.first).slice(0, keep),
      last: found.flatMap((part) => part.last).slice(-keep),
    };
  });
}

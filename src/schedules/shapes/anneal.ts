import { extremesAt, schedule, type Schedule } from '../schedule.js';
import { cosineEasing, isMonotone, linearEasing, type Easing } from './easing.js';

export interface AnnealOptions {
  /** Value at step 0. */
  from: number;
  /** Value at step `steps` and, by default, after it. */
  to: number;
  /** Length of the transition in steps; 0 means "already at `to`". */
  steps: number;
  /** Shape of the transition; linear by default. */
  easing?: Easing;
  /**
   * What happens past `steps`: 'hold' stays at `to` (what a user of a plain "cosine" expects);
   * 'continue' keeps evaluating the easing at progress > 1, which is how torch, HF and Paddle cosines
   * rebound when trained past their horizon.
   */
  past?: 'hold' | 'continue';
}

/**
 * The workhorse: move from `from` to `to` over `steps` steps along an easing.
 *   lr(i) = to + (from - to) * easing(i / steps)
 */
export function anneal({ from, to, steps, easing = linearEasing, past = 'hold' }: AnnealOptions): Schedule {
  if (steps <= 0) return schedule(() => to, 0, undefined, () => [to, to]);
  const span = from - to;
  const hold = past === 'hold';
  // Both ends exactly: `to + (from - to)` can miss `from` by an ulp, and a warmup must reach its lr exactly.
  const lr = (i: number) => (i === 0 ? from : hold && i >= steps ? to : to + span * easing(i / steps));
  // Along a monotone easing the extremes of a stretch are at its ends, and at the last step before the
  // hold. Step 1 is looked at too: step 0 is pinned to `from`, which may sit an ulp inside the formula.
  const monotone = isMonotone(easing);
  const extremes = (start: number, end: number): readonly [number, number] | undefined => {
    const last = end - 1;
    if (!monotone || !Number.isInteger(start) || !Number.isInteger(end) || last < start || (!hold && last > steps)) return undefined;
    const beforeHold = Math.min(last, Math.max(start, Math.ceil(steps) - 1));
    return extremesAt(lr, [start, Math.min(start + 1, last), beforeHold, last]);
  };
  return schedule(
    lr,
    steps,
    (start, out) => {
      for (let j = 0; j < out.length; j++) out[j] = lr(start + j);
    },
    extremes,
  );
}

/** A cosine from `from` down to `to` over `steps` steps. */
export function cosine(from: number, to: number, steps: number, past: 'hold' | 'continue' = 'hold'): Schedule {
  return anneal({ from, to, steps, easing: cosineEasing, past });
}

/** A straight line from `from` to `to` over `steps` steps, then `to`. */
export function linear(from: number, to: number, steps: number): Schedule {
  return anneal({ from, to, steps, easing: linearEasing });
}

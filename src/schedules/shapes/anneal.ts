import { extremesAt, schedule, type Schedule } from '../schedule.js';
import { stepsBesideMultiples } from '../extremes/spread.js';
import { cosineEasing, isMonotone, linearEasing, monotonePiece, type Easing } from './easing.js';

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
  // Along an easing that moves one way in pieces, the extremes of a stretch are at its ends, beside each
  // turn between pieces (a step either side: the turn's step rounds either way), and at the last step
  // before the hold. Step 1 is looked at too: step 0 is pinned to `from`, which may sit an ulp inside the
  // formula. A stretch over too many turns is left to whoever asks (it samples).
  const extremes = (start: number, end: number): readonly [number, number] | undefined => {
    const last = end - 1;
    if (!Number.isInteger(start) || !Number.isInteger(end) || last < start) return undefined;
    const along = hold ? Math.min(last, Math.ceil(steps) - 1) : last;
    const piece = monotonePiece(easing) ?? (isMonotone(easing) && along <= steps ? Infinity : undefined);
    if (piece === undefined) return undefined;
    const candidates = [start, Math.min(start + 1, last), last];
    if (hold) candidates.push(Math.min(last, Math.max(start, Math.ceil(steps) - 1)));
    const length = piece * steps;
    if (Number.isFinite(length) && along >= start) {
      const besideTurns = stepsBesideMultiples(length, Math.floor(start / length) + 1, Math.floor(along / length), start, last);
      if (besideTurns === undefined) return undefined;
      candidates.push(...besideTurns);
    }
    return extremesAt(lr, candidates);
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

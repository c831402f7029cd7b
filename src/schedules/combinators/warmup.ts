import type { Schedule } from '../schedule.js';
import { linear } from '../shapes/anneal.js';
import { join } from './join.js';

export interface WarmupOptions {
  /** Length of the ramp in steps. The wrapped schedule starts (at its own step 0) at step `steps`. */
  steps: number;
  /** Learning rate at step 0. */
  startLr?: number;
  /** Where the ramp ends; by default the wrapped schedule's first value, so there is no jump. */
  endLr?: number;
}

/**
 * A linear warmup in front of a schedule: lr(i) = startLr + (endLr - startLr) * i / steps for i < steps,
 * then `after` shifted by `steps` (so the warmup reaches endLr exactly at step `steps`).
 */
export function warmup(after: Schedule, { steps, startLr = 0, endLr = after.lr(0) }: WarmupOptions): Schedule {
  if (steps <= 0) return after;
  return join([linear(startLr, endLr, steps), after], [steps]);
}

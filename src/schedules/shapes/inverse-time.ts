import { schedule, type Schedule } from '../schedule.js';

export interface InverseTimeOptions {
  /** Value at step 0. */
  from: number;
  /** How much the divisor grows every `every` steps. */
  rate: number;
  every?: number;
  /** Grow the divisor in whole jumps (floor(i / every)). */
  staircase?: boolean;
}

/**
 * lr(i) = from / (1 + rate * i/every), the divisor growing linearly with time: Keras InverseTimeDecay (keras/src/optimizers/schedules/
 * learning_rate_schedule.py, InverseTimeDecay.__call__) and paddle InverseTimeDecay (every = 1).
 */
export function inverseTime({ from, rate, every = 1, staircase = false }: InverseTimeOptions): Schedule {
  return schedule((i) => from / (1 + rate * (staircase ? Math.floor(i / every) : i / every)));
}

import { correctlyRoundedLog } from './python-math.js';

export interface Restart {
  /** Which cycle (0-based). */
  index: number;
  /** How far into it, 0..1 (and exactly 1 where Keras rounds a restart into the cycle before). */
  fraction: number;
}

/**
 * Where `completed` = step / first_decay_steps falls among cycles that grow t_mul times, found the way
 * Keras CosineDecayRestarts.__call__ (compute_step, learning_rate_schedule.py) finds it: the cycle is
 * floor(log(1 - completed (1 - t_mul)) / log(t_mul)), not an exact search. At the first step of a cycle
 * that quotient can round just below the whole number (t_mul = 3, completed = 121: 4.999...), and Keras
 * then gives the last value of the cycle before, its floor, instead of the restart's peak. The logs are
 * correctly rounded as Python's math.log gives them, since V8's Math.log can be an ulp off.
 */
export function kerasRestarts(tMul: number): (completed: number) => Restart {
  if (tMul === 1) {
    return (completed) => {
      const index = Math.floor(completed);
      return { index, fraction: completed - index };
    };
  }
  const logTMul = correctlyRoundedLog(tMul);
  return (completed) => {
    const argument = 1 - completed * (1 - tMul);
    let quotient = Math.log(argument) / logTMul;
    // Math.log is within an ulp or two: only a quotient this close to a whole number can round either way.
    if (Math.abs(quotient - Math.round(quotient)) <= 1e-9 * Math.max(1, Math.abs(quotient))) quotient = correctlyRoundedLog(argument) / logTMul;
    const index = Math.floor(quotient);
    const sumBefore = (1 - tMul ** index) / (1 - tMul);
    return { index, fraction: (completed - sumBefore) / tMul ** index };
  };
}

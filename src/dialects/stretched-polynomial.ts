import { schedule, type Schedule } from '../schedules/schedule.js';
import { polynomialEasing } from '../schedules/shapes/easing.js';

/**
 * Polynomial decay with `cycle=True` as Keras (learning_rate_schedule.py, PolynomialDecay.__call__) and
 * paddle (python/paddle/optimizer/lr.py, PolynomialDecay.get_lr) both inherit it from TensorFlow: not a
 * restart at `from` but a horizon stretched to the next multiple of decaySteps, so each new cycle jumps
 * only part of the way back up (to 1/2, 2/3, 3/4 ... of the distance for power 1) and decays from there.
 */
export function stretchedPolynomial(from: number, to: number, decaySteps: number, power: number): Schedule {
  const easing = polynomialEasing(power);
  return schedule((i) => {
    const horizon = decaySteps * (i === 0 ? 1 : Math.ceil(i / decaySteps));
    return to + (from - to) * easing(i / horizon);
  });
}

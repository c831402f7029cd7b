import { LrvizError } from '../errors.js';
import { schedule, type Schedule } from '../schedules/schedule.js';
import { anneal } from '../schedules/shapes/anneal.js';
import type { Easing } from '../schedules/shapes/easing.js';

export interface PaddleOneCycleOptions {
  maxLr: number;
  totalSteps: number;
  initialLr: number;
  endLr: number;
  phasePct: number;
  easing: Easing;
  threePhase: boolean;
}

/**
 * paddle's OneCycleLR (python/paddle/optimizer/lr.py, OneCycleLR.__init__ and get_lr): phases end at the
 * fractional steps phase_pct*total_steps - 1 (2*phase_pct*total_steps - 2), total_steps - 1, never
 * rounded; a step belongs to the first phase whose end it does not pass, and the last phase keeps
 * going one step past its end, to total_steps. paddle raises beyond that, and so does this.
 */
export function paddleOneCycle({ maxLr, totalSteps, initialLr, endLr, phasePct, easing, threePhase }: PaddleOneCycleOptions): Schedule {
  const rise = phasePct * totalSteps - 1;
  const corners = threePhase
    ? [
        { end: rise, from: initialLr, to: maxLr },
        { end: 2 * phasePct * totalSteps - 2, from: maxLr, to: initialLr },
        { end: totalSteps - 1, from: initialLr, to: endLr },
      ]
    : [
        { end: rise, from: initialLr, to: maxLr },
        { end: totalSteps - 1, from: maxLr, to: endLr },
      ];
  const phases = corners.map(({ end, from, to }, k) => {
    const start = k === 0 ? 0 : corners[k - 1].end;
    return { start, end, shape: anneal({ from, to, steps: end - start, easing, past: 'continue' }) };
  });
  const last = phases.length - 1;
  return schedule((step) => {
    if (step > totalSteps) {
      throw new LrvizError(`paddle.OneCycleLR: step ${step} is past total_steps=${totalSteps}, where paddle raises; plot at most ${totalSteps + 1} steps`);
    }
    let k = 0;
    while (k < last && step > phases[k].end) k++;
    return phases[k].shape.lr(step - phases[k].start);
  }, totalSteps);
}

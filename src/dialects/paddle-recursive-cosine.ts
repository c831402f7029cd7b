import { schedule, type Schedule } from '../schedules/schedule.js';
import { cosine } from '../schedules/shapes/anneal.js';

/** A paddle scheduler that paddle evaluates differently when told the epoch than when stepped one by one. */
export interface SteppedSchedule extends Schedule {
  /** The values paddle gives when the epoch is passed to `step(epoch)`: its `_get_closed_form_lr`. */
  readonly closedForm: Schedule;
}

/**
 * Past this step the recursion is not walked: walking it costs a cosine per step from step 0, and by
 * here it has drifted from the closed form by about 1e-10 of the value at most (paddle's recursion run
 * in Python for T_max 1..1000), under the 1e-9 the goldens are held to.
 */
export const RECURSION_LIMIT = 2 ** 18;

/** Values are remembered every this many steps, so that going back costs at most this many steps. */
const CHECKPOINT_EVERY = 4096;

/**
 * paddle's CosineAnnealingDecay stepped one step at a time: each value is computed from the previous one
 * (python/paddle/optimizer/lr.py, CosineAnnealingDecay.get_lr), like torch's CosineAnnealingLR, with an
 * additive step where the ratio would divide by zero (T_cur = (2k+1) T_max + 1). Past T_max it does not
 * hold: it climbs back to learning_rate at 2 T_max and keeps oscillating. It drifts from the closed form
 * by ulps per step; `closedForm` is that closed form, the cosine that keeps going past its horizon.
 */
export function recursiveCosine(base: number, etaMin: number, tMax: number): SteppedSchedule {
  const closedForm = cosine(base, etaMin, tMax, 'continue');
  const checkpoints: number[] = [base];
  let cursorStep = 0;
  let cursorLr = base;

  const restartRise = ((base - etaMin) * (1 - Math.cos(Math.PI / tMax))) / 2;
  // 1 + cos(pi * (epoch - 1)/T_max), the denominator of the next step: the numerator of the step before.
  let previousNumerator = 2;

  const walkTo = (step: number): void => {
    let epoch = cursorStep;
    let last = cursorLr;
    let denominator = previousNumerator;
    while (epoch < step) {
      epoch++;
      const numerator = 1 + Math.cos((Math.PI * epoch) / tMax);
      last = (epoch - 1 - tMax) % (2 * tMax) === 0 ? last + restartRise : (numerator / denominator) * (last - etaMin) + etaMin;
      denominator = numerator;
      if (epoch % CHECKPOINT_EVERY === 0 && epoch / CHECKPOINT_EVERY === checkpoints.length) checkpoints.push(last);
    }
    cursorStep = epoch;
    cursorLr = last;
    previousNumerator = denominator;
  };

  const lr = (step: number): number => {
    if (step > RECURSION_LIMIT) return closedForm.lr(step);
    if (step < cursorStep) {
      const k = Math.min(Math.floor(step / CHECKPOINT_EVERY), checkpoints.length - 1);
      cursorStep = k * CHECKPOINT_EVERY;
      cursorLr = checkpoints[k];
      previousNumerator = 1 + Math.cos((Math.PI * cursorStep) / tMax);
    }
    if (step > cursorStep) walkTo(step);
    return cursorLr;
  };

  return { ...schedule(lr, tMax), closedForm };
}

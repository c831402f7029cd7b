import { schedule, type Schedule } from '../schedules/schedule.js';

export interface OneCycleOptions {
  maxLr: number;
  totalSteps: number;
  pctStart: number;
  annealStrategy: 'cos' | 'linear';
  divFactor: number;
  finalDivFactor: number;
  threePhase: boolean;
  /** Called with a one-line reason where torch raises (a phase of no length, a step past total_steps). */
  fail(message: string): never;
}

interface Phase {
  /** Last step of the phase, inclusive; a float, as torch keeps it. */
  end: number;
  from: number;
  to: number;
}

/**
 * OneCycleLR's two anneals (OneCycleLR._annealing_cos, _annealing_linear): from `start` at pct 0 to `end` at
 * pct 1, evaluated at any pct, as torch writes them.
 */
const ANNEALS = {
  cos: (start: number, end: number, pct: number) => end + ((start - end) / 2) * (Math.cos(Math.PI * pct) + 1),
  linear: (start: number, end: number, pct: number) => (end - start) * pct + start,
};

/**
 * torch's OneCycleLR, phase by phase as `get_lr` walks them (torch/optim/lr_scheduler.py, OneCycleLR.__init__
 * and get_lr, 1.13.1): phase ends are `pct_start * total_steps - 1` (a float, not rounded), a phase runs while
 * step <= its end, the next one measures its progress from the previous end (not end + 1), and the last
 * phase takes every step after that, even when its end comes before the previous one (short three-phase
 * cycles), so pct may leave [0, 1]. The phases are not lrviz anneals for that reason: lengths can be negative.
 */
export function oneCycle(o: OneCycleOptions): Schedule {
  const initial = o.maxLr / o.divFactor;
  const minimum = initial / o.finalDivFactor;
  const phases: Phase[] = o.threePhase
    ? [
        { end: o.pctStart * o.totalSteps - 1, from: initial, to: o.maxLr },
        { end: 2 * o.pctStart * o.totalSteps - 2, from: o.maxLr, to: initial },
        { end: o.totalSteps - 1, from: initial, to: minimum },
      ]
    : [
        { end: o.pctStart * o.totalSteps - 1, from: initial, to: o.maxLr },
        { end: o.totalSteps - 1, from: o.maxLr, to: minimum },
      ];
  const anneal = ANNEALS[o.annealStrategy];
  const last = phases.length - 1;
  return schedule((step) => {
    if (step > o.totalSteps) {
      o.fail(`step ${step} is past total_steps=${o.totalSteps}; torch raises "Tried to step ${step} times" here (raise total_steps to cover the plot)`);
    }
    let start = 0;
    for (let k = 0; k <= last; k++) {
      const phase = phases[k];
      if (step <= phase.end || k === last) {
        if (phase.end === start) {
          o.fail(`phase ${k + 1} of the cycle has no length (pct_start=${o.pctStart}, total_steps=${o.totalSteps}); torch divides by zero at step ${step}`);
        }
        return anneal(phase.from, phase.to, (step - start) / (phase.end - start));
      }
      start = phase.end;
    }
    return NaN;
  }, o.totalSteps);
}

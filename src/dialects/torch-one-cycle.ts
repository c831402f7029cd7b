import { anneal } from '../schedules/shapes/anneal.js';
import { cosineEasing, linearEasing } from '../schedules/shapes/easing.js';
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
 * torch's OneCycleLR, phase by phase as `get_lr` walks them (torch/optim/lr_scheduler.py, OneCycleLR.__init__
 * and get_lr, 1.13.1): phase ends are `pct_start * total_steps - 1` (a float, not rounded), a phase runs while
 * step <= its end, the next one measures its progress from the previous end (not end + 1), and the last
 * phase takes every step after that. Each phase is an anneal over its own length.
 */
export function oneCycle(o: OneCycleOptions): Schedule {
  const initial = o.maxLr / o.divFactor;
  const minimum = initial / o.finalDivFactor;
  const rise = o.pctStart * o.totalSteps - 1;
  const phases: Phase[] = o.threePhase
    ? [
        { end: rise, from: initial, to: o.maxLr },
        { end: 2 * o.pctStart * o.totalSteps - 2, from: o.maxLr, to: initial },
        { end: o.totalSteps - 1, from: initial, to: minimum },
      ]
    : [
        { end: rise, from: initial, to: o.maxLr },
        { end: o.totalSteps - 1, from: o.maxLr, to: minimum },
      ];
  const easing = o.annealStrategy === 'cos' ? cosineEasing : linearEasing;
  const parts = phases.map((phase, k) => {
    const start = k === 0 ? 0 : phases[k - 1].end;
    const length = phase.end - start;
    // 'continue': the last phase is also asked for step total_steps, just past its end, and extrapolates.
    return { start, end: phase.end, length, shape: anneal({ from: phase.from, to: phase.to, steps: length, easing, past: 'continue' }) };
  });
  const last = parts.length - 1;
  return schedule((step) => {
    if (step > o.totalSteps) {
      o.fail(`step ${step} is past total_steps=${o.totalSteps}; torch raises "Tried to step ${step} times" here (raise total_steps to cover the plot)`);
    }
    for (let k = 0; k <= last; k++) {
      const part = parts[k];
      if (step <= part.end || k === last) {
        if (part.length === 0) {
          o.fail(`phase ${k + 1} of the cycle has no length (pct_start=${o.pctStart}, total_steps=${o.totalSteps}); torch divides by zero at step ${step}`);
        }
        return part.shape.lr(step - part.start);
      }
    }
    return NaN;
  }, o.totalSteps);
}

/**
 * Detectron2's learning rate (facebookresearch/detectron2 detectron2/solver/build.py build_lr_scheduler and
 * solver/lr_scheduler.py, commit 02b5c4e295e9) on fvcore's ParamSchedulers (facebookresearch/fvcore
 * fvcore/common/param_scheduler.py, commit 3378afe0d71d): an LRMultiplier that sets the lr of iteration i
 * to BASE_LR × multiplier(i / MAX_ITER), the multiplier a warmup composed in front of the main scheduler.
 *
 * Where fvcore is particular, this follows it: `where` is the fraction of training, milestones are found
 * with `int((where + 1e-6) × num_updates)`, and the warmup ends at the fraction WARMUP_ITERS / MAX_ITER
 * (so the main scheduler's shape does not move with the warmup unless RESCALE_INTERVAL is set).
 */
import { schedule, type Schedule } from '../schedules/schedule.js';

export const DETECTRON2_SCHEDULERS = ['WarmupMultiStepLR', 'WarmupCosineLR', 'WarmupStepWithFixedGammaLR'] as const;
export type Detectron2SchedulerName = (typeof DETECTRON2_SCHEDULERS)[number];

export interface Detectron2Solver {
  name: Detectron2SchedulerName;
  baseLr: number;
  baseLrEnd: number;
  maxIter: number;
  steps: readonly number[];
  gamma: number;
  numDecays: number;
  warmupFactor: number;
  warmupIters: number;
  warmupMethod: 'linear' | 'constant';
  rescaleInterval: boolean;
}

/** fvcore's ParamScheduler.WHERE_EPSILON. */
const WHERE_EPSILON = 1e-6;

function bisectRight(sorted: readonly number[], x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (x < sorted[mid]) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** The main ParamScheduler build_lr_scheduler makes for the name, as a function of `where`. */
function mainScheduler(s: Detectron2Solver, fail: (message: string) => never): (where: number) => number {
  switch (s.name) {
    case 'WarmupMultiStepLR': {
      const steps = s.steps.filter((x) => x <= s.maxIter);
      const values = Array.from({ length: steps.length + 1 }, (_, k) => s.gamma ** k);
      // MultiStepParamScheduler.__init__ refuses these.
      if (s.maxIter < values.length) fail(`MAX_ITER ${s.maxIter} is below the ${values.length} values of the schedule (fvcore raises)`);
      let start = 0;
      for (const m of steps) {
        if (m >= s.maxIter) fail(`STEPS holds ${m}, not below MAX_ITER ${s.maxIter} (fvcore raises "Milestone must be smaller than total number of updates")`);
        if (start >= m) fail(`STEPS ${JSON.stringify(s.steps)} must be increasing and above 0 (fvcore raises)`);
        start = m;
      }
      return (where) => values[bisectRight(steps, Math.trunc((where + WHERE_EPSILON) * s.maxIter))];
    }
    case 'WarmupCosineLR': {
      const end = s.baseLrEnd / s.baseLr;
      if (!(end >= 0 && end <= 1)) fail(`BASE_LR_END / BASE_LR is ${end}; detectron2 asserts it is within [0, 1]`);
      return (where) => end + 0.5 * (1 - end) * (1 + Math.cos(Math.PI * where));
    }
    case 'WarmupStepWithFixedGammaLR': {
      if (!(Number.isInteger(s.numDecays) && s.numDecays > 0)) fail(`NUM_DECAYS is ${s.numDecays}; fvcore needs a positive whole number`);
      // fvcore keeps one value per stair in a list; more stairs than this are not a schedule anyone trains.
      if (s.numDecays > 10000) fail(`NUM_DECAYS is ${s.numDecays}; lrviz takes at most 10000 decays`);
      if (!(s.gamma > 0)) fail(`GAMMA is ${s.gamma}; fvcore needs a positive number`);
      const values = [1];
      for (let k = 0; k < s.numDecays; k++) values.push(values[values.length - 1] * s.gamma);
      return (where) => values[Math.trunc((where + WHERE_EPSILON) * values.length)];
    }
  }
}

/** The lr of iteration i: BASE_LR × WarmupParamScheduler(i / MAX_ITER). */
export function detectron2Schedule(s: Detectron2Solver, fail: (message: string) => never): Schedule {
  const main = mainScheduler(s, fail);
  const warmupLength = Math.min(s.warmupIters / s.maxIter, 1.0);
  const endValue = s.rescaleInterval ? main(0.0) : main(warmupLength);
  const startValue = s.warmupFactor * main(0.0);
  const warmup = s.warmupMethod === 'constant' ? () => startValue : (where: number) => endValue * where + startValue * (1 - where);
  // CompositeParamScheduler: lengths [warmup, 1 - warmup]; the warmup is rescaled to [0, 1), the main
  // scheduler sees the overall `where` unless RESCALE_INTERVAL.
  const lengths = [warmupLength, 1 - warmupLength];
  const multiplier = (where: number): number => {
    let i = 0;
    let runningTotal = lengths[0];
    while (where + WHERE_EPSILON > runningTotal && i < 1) {
      i += 1;
      runningTotal += lengths[i];
    }
    const start = runningTotal - lengths[i];
    if (i === 0) return warmup((where - start) / lengths[0]);
    return main(s.rescaleInterval ? (where - start) / lengths[1] : where);
  };
  return schedule((i) => s.baseLr * multiplier(i / s.maxIter), s.maxIter);
}

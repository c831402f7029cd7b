/**
 * Dialect: DeepSpeed's schedulers (deepspeed/runtime/lr_schedules.py, DeepSpeed 0.19.6), under their class
 * names and constructor parameters. DeepSpeed sets a value when a scheduler is built (last_batch_iteration
 * -1, since 0.15.3) and steps it after every optimizer update, so update 0 uses that first value and update
 * i the value at last_batch_iteration i - 1: each definition is `join([first value, the schedule], [1])`.
 * The warmups (WarmupLR, WarmupDecayLR, WarmupCosineLR) use warmup_num_steps = max(2, given) and, by default,
 * a logarithmic rise: log(k + 1) / log(warmup_num_steps) at iteration k. Before 0.15.3 those three set nothing
 * when built (deepspeedai/DeepSpeed#6597, 85b7469ea), so update 0 ran at the optimizer's own lr: their
 * `first_update_lr` says so (OneCycle and LRRangeTest always set theirs).
 */
import { join } from '../schedules/combinators/join.js';
import { constant } from '../schedules/shapes/constant.js';
import { schedule, type Schedule } from '../schedules/schedule.js';
import { bool, choice, define, givenNumber, int, None, num, theRunsSteps, type ScheduleDefinition } from '../schedules/definition.js';

const warmupNumSteps = int({ above: 0, default: 1000, doc: 'iterations of the warmup (DeepSpeed uses at least 2)' });
const warmupType = choice(['log', 'linear'], { default: 'log', doc: 'shape of the warmup: log (the default) or linear' });
const totalNumSteps = int({ min: 0, ...theRunsSteps, doc: 'iterations until the decay ends' });
const warmupMinLr = num({ min: 0, default: 0, doc: 'lr at the start of the warmup' });
const optimizerLr = num({ min: 0, default: 0.001, doc: "the optimizer's lr (optimizer.params.lr)" });

/** Fraction of the warmup done at iteration k < warmupSteps (WarmupLR._get_gamma, WarmupCosineLR.get_lr_ratio). */
function warmupGamma(type: string, warmupSteps: number): (k: number) => number {
  if (type === 'linear') return (k) => k / warmupSteps;
  const inverseLog = 1 / Math.log(warmupSteps);
  return (k) => inverseLog * Math.log(k + 1);
}

const firstUpdateLr = num({
  min: 0,
  default: None,
  doc: "lr of update 0 when it is not the one the scheduler sets when built: the optimizer's lr before DeepSpeed 0.15.3",
});

/**
 * Update 0 runs with the value set when the scheduler is built (`built`), or with `firstUpdateLr` where the
 * scheduler set nothing (before 0.15.3); update i with the value after i - 1 steps.
 */
function steppedAfterEachUpdate(built: number, byIteration: Schedule, firstUpdateLr?: number): Schedule {
  return join([constant(firstUpdateLr ?? built), byIteration], [1]);
}

interface Warmup {
  readonly warmup_min_lr: number;
  readonly warmup_max_lr: number;
  readonly warmup_num_steps: number;
  readonly warmup_type: string;
  readonly first_update_lr?: number;
}

/** WarmupLR and WarmupDecayLR: min_lr + (max_lr - min_lr) * gamma(k); gamma 1 after the warmup unless `decay`. */
function warmupLr(p: Warmup, decay?: (k: number, warmupSteps: number) => number): Schedule {
  const min = p.warmup_min_lr;
  const delta = p.warmup_max_lr - min;
  const warmupSteps = Math.max(2, p.warmup_num_steps);
  const gamma = warmupGamma(p.warmup_type, warmupSteps);
  const byIteration = schedule((k) => min + delta * (k < warmupSteps ? gamma(k) : decay ? decay(k, warmupSteps) : 1));
  // get_lr before the first step returns min_lrs.
  return steppedAfterEachUpdate(min, byIteration, p.first_update_lr);
}

export const deepspeedDefinitions: readonly ScheduleDefinition[] = [
  define({
    name: 'deepspeed.WarmupLR',
    framework: 'deepspeed',
    summary: 'warm up from warmup_min_lr to warmup_max_lr (log by default), then hold',
    formula: 'min + (max - min) * log(k + 1)/log(W)  (k = i - 1, W = max(2, warmup_num_steps));  max after',
    params: {
      lr: optimizerLr,
      warmup_min_lr: warmupMinLr,
      warmup_max_lr: num({ min: 0, default: (given) => givenNumber(given, 'lr')!, defaultText: 'lr', doc: 'lr at the end of the warmup (None: the optimizer lr)' }),
      warmup_num_steps: warmupNumSteps,
      warmup_type: warmupType,
      first_update_lr: firstUpdateLr,
    },
    build: (p) => warmupLr(p),
  }),
  define({
    name: 'deepspeed.WarmupDecayLR',
    framework: 'deepspeed',
    summary: 'warm up (log by default), then a straight line down to 0 at total_num_steps',
    formula: 'warmup as WarmupLR;  min + (max - min) * max(0, (total - k) / max(1, total - W))',
    params: {
      total_num_steps: totalNumSteps,
      warmup_min_lr: warmupMinLr,
      warmup_max_lr: num({ min: 0, default: 0.001, doc: 'lr at the end of the warmup (default 0.001, not the optimizer lr)' }),
      warmup_num_steps: warmupNumSteps,
      warmup_type: warmupType,
      first_update_lr: firstUpdateLr,
    },
    build: (p) => warmupLr(p, (k, warmupSteps) => Math.max(0, (p.total_num_steps - k) / Math.max(1, p.total_num_steps - warmupSteps))),
  }),
  define({
    name: 'deepspeed.WarmupCosineLR',
    framework: 'deepspeed',
    summary: 'warm up from lr * warmup_min_ratio (log by default), then a cosine down to lr * cos_min_ratio at total_num_steps',
    formula: 'lr * (ratio + (1 - ratio) * log(k + 1)/log(W));  lr * max(0, cos_min + (1 - cos_min) * (1 + cos(pi * min(1, (k - W + 1)/max(1, total - W))))/2)',
    params: {
      lr: optimizerLr,
      total_num_steps: totalNumSteps,
      warmup_min_ratio: num({ min: 0, default: 0, doc: 'start of the warmup as a fraction of lr' }),
      warmup_num_steps: warmupNumSteps,
      cos_min_ratio: num({ min: 0, default: 0.0001, doc: 'end of the cosine as a fraction of lr' }),
      warmup_type: warmupType,
      first_update_lr: firstUpdateLr,
    },
    build: (p) => {
      const warmupSteps = Math.max(2, p.warmup_num_steps);
      const gamma = warmupGamma(p.warmup_type, warmupSteps);
      const decaySteps = Math.max(1, p.total_num_steps - warmupSteps);
      const ratio = (k: number) => {
        if (k < warmupSteps) return p.warmup_min_ratio + gamma(k) * (1 - p.warmup_min_ratio);
        const progress = Math.min(1, (k - warmupSteps + 1) / decaySteps);
        return Math.max(0, p.cos_min_ratio + (1 - p.cos_min_ratio) * ((1 + Math.cos(Math.PI * progress)) / 2));
      };
      // Before the first step get_lr returns 0.0 for every group, and the constructor sets it: update 0 trains at 0.
      return steppedAfterEachUpdate(0, schedule((k) => p.lr * ratio(k), p.total_num_steps), p.first_update_lr);
    },
  }),
  define({
    name: 'deepspeed.OneCycle',
    framework: 'deepspeed',
    summary: 'one triangle from cycle_min_lr up to cycle_max_lr and back (optionally in stairs), then cycle_min_lr / (1 + decay_lr_rate * d/decay_step_size)',
    formula: 'min + (max - min) * scale(i);  min / (1 + decay_lr_rate * (i - total)/decay_step_size) after the cycle',
    params: {
      cycle_min_lr: num({ min: 0, doc: 'lr at both ends of the cycle' }),
      cycle_max_lr: num({ min: 0, doc: 'lr at the top of the cycle' }),
      decay_lr_rate: num({ min: 0, default: 0, doc: 'decay after the cycle (0: hold cycle_min_lr)' }),
      cycle_first_step_size: num({ above: 0, default: 2000, doc: 'iterations of the rise' }),
      cycle_second_step_size: num({ min: 0, default: (given) => givenNumber(given, 'cycle_first_step_size')!, defaultText: 'cycle_first_step_size', doc: 'iterations of the fall' }),
      cycle_first_stair_count: int({ min: 0, default: 0, doc: 'stairs in the rise (0: smooth)' }),
      cycle_second_stair_count: int({ min: 0, default: (given) => givenNumber(given, 'cycle_first_stair_count')!, defaultText: 'cycle_first_stair_count', doc: 'stairs in the fall' }),
      decay_step_size: num({ min: 0, default: 0, doc: 'iterations per unit of decay after the cycle (0: no decay)' }),
    },
    build: (p) => oneCycle(p),
  }),
  define({
    name: 'deepspeed.LRRangeTest',
    framework: 'deepspeed',
    summary: 'grow from lr_range_test_min_lr by lr_range_test_step_rate every lr_range_test_step_size iterations (continuously, or in stairs)',
    formula: 'min_lr * (1 + step_rate * i/step_size)   (floor(i/step_size) with staircase)',
    params: {
      lr_range_test_min_lr: num({ min: 0, default: 0.001, doc: 'lr at the start' }),
      lr_range_test_step_size: int({ above: 0, default: 2000, doc: 'iterations per unit of growth' }),
      lr_range_test_step_rate: num({ min: 0, default: 1, doc: 'growth per unit' }),
      lr_range_test_staircase: bool({ default: false, doc: 'grow in stairs' }),
    },
    build: (p) => {
      const size = p.lr_range_test_step_size;
      const interval = p.lr_range_test_staircase ? (i: number) => Math.floor(i / size) : (i: number) => i / size;
      // Built: min_lr. After the update at iteration i - 1, interval((i - 1) + 1): so update i grows by interval(i).
      return schedule((i) => p.lr_range_test_min_lr * (1 + p.lr_range_test_step_rate * interval(i)));
    },
  }),
];

/**
 * OneCycle._get_scale_factor and _get_cycle_lr / _get_decay_lr. Built it sets cycle_min_lr, which is also
 * the cycle's value at batch 0; after the update at iteration i - 1 it uses batch i (last_batch_iteration + 1)
 * while i - 1 < total_size, then the decay at i - total_size.
 */
interface OneCycle {
  readonly cycle_min_lr: number;
  readonly cycle_max_lr: number;
  readonly decay_lr_rate: number;
  readonly cycle_first_step_size: number;
  readonly cycle_second_step_size: number;
  readonly cycle_first_stair_count: number;
  readonly cycle_second_stair_count: number;
  readonly decay_step_size: number;
}

function oneCycle(p: OneCycle): Schedule {
  const min = p.cycle_min_lr;
  const height = p.cycle_max_lr - min;
  const first = p.cycle_first_step_size;
  const second = p.cycle_second_step_size;
  const total = first + second;
  const stepRatio = first / total;
  const firstStairs = p.cycle_first_stair_count;
  const secondStairs = p.cycle_second_stair_count;
  const decayRate = p.decay_lr_rate;
  const decayStepSize = p.decay_step_size;
  // math.isclose(x, 0) with its default tolerances holds only for x == 0.
  const noDecay = decayStepSize === 0 || decayRate === 0;
  const scaleAt = (batch: number) => {
    const cycle = Math.floor(1 + batch / total);
    const x = 1 + batch / total - cycle;
    let factor = x <= stepRatio ? x / stepRatio : (x - 1) / (stepRatio - 1);
    const stairs = x <= stepRatio ? firstStairs : secondStairs;
    if (stairs > 0) {
      const within = batch % total;
      const position = within <= first ? (within * stairs) / first : ((total - within) * stairs) / second;
      factor = Math.floor(position) / stairs;
    }
    return factor;
  };
  return schedule((i) => {
    if (i - 1 < total) return min + height * scaleAt(i);
    return noDecay ? min : min / (1 + decayRate * ((i - total) / decayStepSize));
  });
}

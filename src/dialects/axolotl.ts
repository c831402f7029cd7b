/**
 * Dialect: axolotl's own schedulers (src/axolotl/utils/schedulers.py, axolotl 0.18.0), the ones its
 * trainer builds for `lr_scheduler: cosine` with `cosine_min_lr_ratio` (and `cosine_constant_lr_ratio`) or
 * `lr_quadratic_warmup`, and for `lr_scheduler: rex`. The cosines are LambdaLR multipliers of the optimizer's
 * lr; RexLR is an LRScheduler of its own that counts one step ahead (see there).
 */
import { join } from '../schedules/combinators/join.js';
import { scale } from '../schedules/combinators/scale.js';
import { schedule } from '../schedules/schedule.js';
import { define, int, num, theRunsSteps, type ScheduleDefinition } from '../schedules/definition.js';
import { cosineWaves } from './hf.js';

const lr = num({ min: 0, default: 0.001, doc: "the optimizer's lr (learning_rate)", aliases: ['learning_rate'] });
const warmupSteps = int({ min: 0, default: 0, doc: 'steps of the linear warmup from 0', aliases: ['warmup_steps'] });
const trainingSteps = int({ min: 0, ...theRunsSteps, doc: 'total training steps', aliases: ['max_steps'] });
const minLrRatio = num({ min: 0, max: 1, default: 0, doc: 'floor as a fraction of lr (cosine_min_lr_ratio)', aliases: ['cosine_min_lr_ratio'] });

/** HF's warmup: step / max(1, num_warmup_steps) before num_warmup_steps. */
const warmupFactor = (step: number, warmup: number) => step / Math.max(1, warmup);

/**
 * RexLR.get_lr at last_step s (the reflected exponential of arXiv 2107.04197), with the optimizer's lr
 * max_lr: max_lr * s / W while 1 <= s <= W, then max_lr * (r + (1 - r) * z / (0.1 + 0.9 z)) with
 * r = min_lr / max_lr and z = 1 - (s - W)/(T - W), and min_lr from s - W >= T - W on.
 */
function rexLr(s: number, p: { max_lr: number; min_lr: number; total_steps: number; num_warmup_steps: number }): number {
  const W = p.num_warmup_steps;
  if (s >= 1 && s <= W) return (p.max_lr * s) / W;
  const after = s - W;
  const remaining = p.total_steps - W;
  if (after >= remaining || after === -1 || remaining <= 0) return p.min_lr;
  const z = (remaining - (after % remaining)) / remaining;
  const floor = p.min_lr / p.max_lr;
  return p.max_lr * (floor + (1 - floor) * (z / (0.1 + 0.9 * z)));
}

export const axolotlDefinitions: readonly ScheduleDefinition[] = [
  define({
    name: 'axolotl.get_cosine_schedule_with_min_lr',
    framework: 'axolotl',
    summary: 'linear warmup from 0, then a cosine from lr to lr * min_lr_ratio at num_training_steps (climbs back past it)',
    formula: 'lr * i/max(1, W);  lr * ((1 - min_lr_ratio) * 0.5 * (1 + cos(pi * (i - W)/max(1, T - W))) + min_lr_ratio)',
    params: { lr, num_warmup_steps: warmupSteps, num_training_steps: trainingSteps, min_lr_ratio: minLrRatio },
    build: (p) => {
      const W = p.num_warmup_steps;
      const span = Math.max(1, p.num_training_steps - W);
      const factor = (i: number) =>
        i < W ? warmupFactor(i, W) : (1 - p.min_lr_ratio) * (0.5 * (1 + Math.cos((Math.PI * (i - W)) / span))) + p.min_lr_ratio;
      return schedule((i) => p.lr * factor(i), p.num_training_steps);
    },
  }),
  define({
    name: 'axolotl.get_cosine_schedule_with_warmup_decay_constant',
    framework: 'axolotl',
    summary: 'linear warmup from 0, a cosine to lr * min_lr_ratio until num_training_steps * constant_lr_ratio, then held there',
    formula: 'lr * i/max(1, W);  lr * (max(0, (1 - min_lr_ratio) * 0.5 * (1 + cos(pi * num_cycles * 2 * progress))) + min_lr_ratio), progress = (min(i, C) - W)/max(1, C - W), C = int(T * constant_lr_ratio)',
    params: {
      lr,
      num_warmup_steps: warmupSteps,
      num_training_steps: trainingSteps,
      constant_lr_ratio: num({ min: 0, max: 1, doc: 'fraction of num_training_steps the cosine takes (cosine_constant_lr_ratio)', aliases: ['cosine_constant_lr_ratio'] }),
      min_lr_ratio: minLrRatio,
      num_cycles: num({ min: 0, default: 0.5, doc: 'cosine waves over the decay (0.5: down once)' }),
    },
    build: (p) => {
      const W = p.num_warmup_steps;
      const constantFrom = Math.trunc(p.num_training_steps * p.constant_lr_ratio);
      const span = Math.max(1, constantFrom - W);
      const factor = (i: number) => {
        if (i < W) return warmupFactor(i, W);
        const progress = (Math.min(i, constantFrom) - W) / span;
        return Math.max(0, (1 - p.min_lr_ratio) * 0.5 * (1 + Math.cos(Math.PI * p.num_cycles * 2 * progress))) + p.min_lr_ratio;
      };
      return schedule((i) => p.lr * factor(i), constantFrom);
    },
  }),
  define({
    name: 'axolotl.get_cosine_schedule_with_quadratic_warmup',
    framework: 'axolotl',
    summary: 'quadratic warmup from 0, (i/W)^2, then a cosine to 0 at num_training_steps (climbs back past it)',
    formula: 'lr * (i/max(1, W))^2;  lr * max(0, 0.5 * (1 + cos(pi * num_cycles * 2 * progress)))',
    params: { lr, num_warmup_steps: warmupSteps, num_training_steps: trainingSteps, num_cycles: num({ min: 0, default: 0.5, doc: 'cosine waves over the decay (0.5: down once)' }) },
    build: (p) => {
      const W = p.num_warmup_steps;
      // (float(step) / float(max(1, W))) ** 2, as axolotl squares it: not an anneal, whose 1 - (1 - p²) loses digits near 0.
      const multiplier = W > 0 ? join([schedule((i) => (i / W) ** 2, W), cosineWaves(p)], [W]) : cosineWaves(p);
      return scale(multiplier, p.lr);
    },
  }),
  define({
    name: 'axolotl.RexLR',
    framework: 'axolotl',
    summary: 'linear warmup to max_lr, then the reflected exponential (REX) down to min_lr at total_steps; min_lr after',
    formula: 's = i + 1;  max_lr * s/W for s <= W;  max_lr * (r + (1 - r) * z/(0.1 + 0.9 z)), z = 1 - (s - W)/(T - W), r = min_lr/max_lr;  min_lr from s >= T',
    params: {
      max_lr: num({ above: 0, default: 0.001, doc: "peak lr, and the optimizer's lr (axolotl passes learning_rate for both)", aliases: ['lr', 'learning_rate'] }),
      min_lr: num({ min: 0, default: 0, doc: 'floor (axolotl: learning_rate × cosine_min_lr_ratio, else 0)' }),
      total_steps: { ...trainingSteps, aliases: ['num_training_steps'] },
      num_warmup_steps: warmupSteps,
    },
    build: (p, ctx) => {
      if (p.min_lr > p.max_lr) ctx.fail(`min_lr=${p.min_lr} is above max_lr=${p.max_lr} (RexLR raises a ValueError)`);
      if (p.num_warmup_steps > p.total_steps) ctx.fail(`num_warmup_steps=${p.num_warmup_steps} is above total_steps=${p.total_steps} (RexLR raises a ValueError)`);
      // Built with last_epoch = max(last_step - 1, 0) = 0, torch's initial step moves it to 1: update i runs at
      // last_step i + 1, so the warmup reaches max_lr one update early and min_lr arrives at update T - 1.
      return schedule((i) => rexLr(i + 1, p), p.total_steps - 1);
    },
  }),
];

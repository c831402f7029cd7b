/**
 * Dialect: axolotl's own schedulers (src/axolotl/utils/schedulers.py, axolotl 0.18.0), the ones its
 * trainer builds for `lr_scheduler: cosine` with `cosine_min_lr_ratio` (and `cosine_constant_lr_ratio`).
 * Both are LambdaLR multipliers of the optimizer's lr with HF's warmup, step / max(1, num_warmup_steps).
 */
import { schedule } from '../schedules/schedule.js';
import { define, int, num, type ScheduleDefinition } from '../schedules/definition.js';

const lr = num({ min: 0, default: 0.001, doc: "the optimizer's lr (learning_rate)", aliases: ['learning_rate'] });
const warmupSteps = int({ min: 0, default: 0, doc: 'steps of the linear warmup from 0', aliases: ['warmup_steps'] });
const trainingSteps = int({ min: 0, default: (_given, steps) => steps, defaultText: '--steps', doc: 'total training steps', aliases: ['max_steps'] });
const minLrRatio = num({ min: 0, max: 1, default: 0, doc: 'floor as a fraction of lr (cosine_min_lr_ratio)', aliases: ['cosine_min_lr_ratio'] });

/** HF's warmup: step / max(1, num_warmup_steps) before num_warmup_steps. */
const warmupFactor = (step: number, warmup: number) => step / Math.max(1, warmup);

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
];

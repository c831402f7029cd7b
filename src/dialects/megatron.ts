/**
 * Dialect: Megatron-LM's OptimizerParamScheduler (megatron/core/optimizer_param_scheduler.py, Megatron Core
 * 0.20.0, get_lr), under its constructor's names. Its steps count samples: training.py builds it with
 * lengths in samples (iterations × global batch size) and steps it by the global batch size after every
 * update, having set the first value with step(0). So update i runs at num_steps = i × increment:
 *   num_steps <= lr_warmup_steps (when > 0): init_lr + (max_lr - init_lr) × num_steps / lr_warmup_steps
 *   constant: max_lr;   num_steps > lr_decay_steps: min_lr
 *   inverse-square-root: max(min_lr, max_lr × sqrt(max(warmup, 1)) / sqrt(max(num_steps, 1)))
 *   otherwise min_lr + coeff × (max_lr - min_lr), coeff from the decay style at
 *   (num_steps - lr_warmup_steps) / (lr_decay_steps - lr_warmup_steps).
 */
import { schedule } from '../schedules/schedule.js';
import { choice, define, None, num, type ScheduleDefinition } from '../schedules/definition.js';

const DECAY_STYLES = ['constant', 'linear', 'cosine', 'inverse-square-root', 'WSD'] as const;
const WSD_STYLES = ['exponential', 'linear', 'cosine', 'minus_sqrt'] as const;

/** The annealing of WSD's last `wsd_decay_steps`, from 1 down (get_lr). */
const WSD_COEFF: Record<(typeof WSD_STYLES)[number], (ratio: number) => number> = {
  linear: (r) => 1 - r,
  cosine: (r) => 0.5 * (Math.cos(Math.PI * r) + 1),
  exponential: (r) => 2 * Math.pow(0.5, r) - 1,
  minus_sqrt: (r) => 1 - Math.sqrt(r),
};

export const megatronDefinitions: readonly ScheduleDefinition[] = [
  define({
    name: 'megatron.OptimizerParamScheduler',
    framework: 'megatron',
    aliases: ['megatron.get_optimizer_param_scheduler'],
    summary: 'linear warmup from init_lr, then constant, linear, cosine, inverse-square-root or WSD decay to min_lr at lr_decay_steps; min_lr after',
    formula: 'n = i × increment;  init + (max - init) × n/warmup;  min + coeff((n - warmup)/(decay - warmup)) × (max - min);  min for n > decay',
    params: {
      max_lr: num({ min: 0, doc: 'peak learning rate (--lr)', aliases: ['lr'] }),
      min_lr: num({ min: 0, default: 0, doc: 'floor (--min-lr)' }),
      init_lr: num({ min: 0, default: 0, doc: 'start of the warmup (--lr-warmup-init)' }),
      lr_warmup_steps: num({ min: 0, default: 0, doc: 'warmup length in samples (iterations × global batch size)' }),
      lr_decay_steps: num({ above: 0, doc: 'end of the decay in samples (iterations × global batch size)' }),
      lr_decay_style: choice(DECAY_STYLES, { default: 'linear', doc: 'shape of the decay (--lr-decay-style)' }),
      wsd_decay_steps: num({ above: 0, default: None, doc: "samples of WSD's final annealing (--lr-wsd-decay-iters × global batch size)" }),
      lr_wsd_decay_style: choice(WSD_STYLES, { default: 'exponential', doc: "shape of WSD's annealing (--lr-wsd-decay-style)" }),
      increment: num({ above: 0, default: 1, doc: 'samples each update adds to num_steps: the global batch size (1: count in iterations)' }),
    },
    build: (p, ctx) => {
      const { max_lr: max, min_lr: min, init_lr: init, lr_warmup_steps: warmup, lr_decay_steps: decay, lr_decay_style: style } = p;
      if (max < min) ctx.fail(`max_lr=${max} is below min_lr=${min} (Megatron asserts max_lr >= min_lr)`);
      if (init > max) ctx.fail(`init_lr=${init} is above max_lr=${max} (Megatron asserts init_lr <= max_lr)`);
      if (!(warmup < decay)) ctx.fail(`lr_warmup_steps=${warmup} is not below lr_decay_steps=${decay} (Megatron asserts it)`);
      if (style === 'WSD' && p.wsd_decay_steps === undefined) ctx.fail('lr_decay_style WSD needs wsd_decay_steps (--lr-wsd-decay-iters)');
      const wsdSteps = p.wsd_decay_steps ?? 0;
      const wsdCoeff = WSD_COEFF[p.lr_wsd_decay_style];
      const coeff = (n: number): number => {
        const ratio = (n - warmup) / (decay - warmup);
        if (style === 'linear') return 1 - ratio;
        if (style === 'cosine') return 0.5 * (Math.cos(Math.PI * ratio) + 1);
        const annealStart = decay - wsdSteps;
        return n <= annealStart ? 1 : wsdCoeff((n - annealStart) / wsdSteps);
      };
      const lrAt = (n: number): number => {
        if (warmup > 0 && n <= warmup) return init + ((max - init) * n) / warmup;
        if (style === 'constant') return max;
        if (n > decay) return min;
        if (style === 'inverse-square-root') return Math.max(min, (max * Math.sqrt(Math.max(warmup, 1))) / Math.sqrt(Math.max(n, 1)));
        return min + coeff(n) * (max - min);
      };
      return schedule((i) => lrAt(i * p.increment), decay / p.increment);
    },
  }),
];

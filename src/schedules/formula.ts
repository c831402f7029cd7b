/**
 * Schedules written as formulas or copied from a training script: `expr` (any formula of the step) and
 * nanoGPT's `get_lr`. Both are lrviz's own names, gathered into the catalog beside the builtins.
 */
import { formulaOfStep } from '../expression/index.js';
import { DEFAULT_LR } from './builtins.js';
import { join } from './combinators/join.js';
import { constant } from './shapes/constant.js';
import { bool, define, int, num, text, theRunsSteps, type ScheduleDefinition } from './definition.js';
import { extremesAt, schedule, type Schedule } from './schedule.js';

/**
 * nanoGPT's cosine with warmup, `get_lr(it)` in karpathy/nanoGPT train.py (commit e2221318e607eb5ee0669d6b7641af25a2111545),
 * with its own arithmetic, operation for operation:
 *   it < warmup_iters:      learning_rate * (it + 1) / (warmup_iters + 1)
 *   it > lr_decay_iters:    min_lr
 *   otherwise:              min_lr + 0.5 * (1 + cos(pi * (it - warmup_iters) / (lr_decay_iters - warmup_iters))) * (learning_rate - min_lr)
 * The warmup never reaches learning_rate (it ends at warmup_iters/(warmup_iters + 1) of it); the cosine
 * holds min_lr at it = lr_decay_iters and after. Python raises ZeroDivisionError at it = warmup_iters when
 * lr_decay_iters equals warmup_iters.
 */
function nanoGptGetLr(learningRate: number, warmupIters: number, lrDecayIters: number, minLr: number, fail: (step: number) => never): Schedule {
  const rising = schedule((it) => (learningRate * (it + 1)) / (warmupIters + 1), warmupIters, undefined, (start, end) =>
    extremesAt((it) => (learningRate * (it + 1)) / (warmupIters + 1), [start, end - 1]),
  );
  const span = lrDecayIters - warmupIters;
  const decayAt = (local: number): number => {
    if (span === 0) return fail(warmupIters + local);
    const decayRatio = local / span;
    const coeff = 0.5 * (1.0 + Math.cos(Math.PI * decayRatio));
    return minLr + coeff * (learningRate - minLr);
  };
  // Monotone from learning_rate down to min_lr over its stretch: the extremes are at its ends.
  const falling = schedule(decayAt, span, undefined, (start, end) => extremesAt(decayAt, [start, end - 1]));
  if (lrDecayIters < warmupIters) return join([rising, constant(minLr)], [warmupIters]);
  return join([rising, falling, constant(minLr)], [warmupIters, lrDecayIters + 1]);
}

/** A formula's `total`: the run's length unless given (expr, torch's LambdaLR, paddle's LambdaDecay). */
export const formulaTotal = int({ above: 0, ...theRunsSteps, doc: 'what `total` means in the formula' });

export const formulaDefinitions: readonly ScheduleDefinition[] = [
  define({
    name: 'expr',
    aliases: ['formula'],
    summary: 'any formula of step (and total, lr), in Python arithmetic: expr:f="lr * 0.5 * (1 + cos(pi * step / total))"',
    formula: 'f(step, total, lr)',
    params: {
      f: text({ doc: 'the learning rate as a formula of step, total and lr (math: cos, exp, log, sqrt, min, max, floor, pi, **, a if c else b)' }),
      lr: num({ min: 0, default: DEFAULT_LR, doc: 'what `lr` means in the formula' }),
      total: formulaTotal,
    },
    build: (p, ctx) => {
      const value = formulaOfStep(p.f, 'f', { total: p.total, lr: p.lr }, ctx.fail);
      return schedule(value, p.total);
    },
  }),
  define({
    name: 'nanogpt',
    aliases: ['nanogpt.get_lr', 'get_lr'],
    summary: "nanoGPT's get_lr (train.py): warmup to learning_rate * w/(w+1), cosine to min_lr at lr_decay_iters, then min_lr",
    formula: 'lr * (i+1)/(warmup_iters+1)  for i < warmup_iters;  min_lr + (1 + cos(pi * (i - warmup_iters)/(lr_decay_iters - warmup_iters)))/2 * (lr - min_lr);  min_lr past lr_decay_iters',
    params: {
      learning_rate: num({ min: 0, default: 6e-4, aliases: ['lr'], doc: 'max learning rate (train.py: 6e-4)' }),
      warmup_iters: int({ min: 0, default: 2000, doc: 'steps of the linear warmup (train.py: 2000)' }),
      lr_decay_iters: int({ min: 0, default: 600000, doc: 'step at which the cosine reaches min_lr (train.py: 600000, ~ max_iters)' }),
      min_lr: num({ min: 0, default: 6e-5, doc: 'learning rate from lr_decay_iters on (train.py: 6e-5)' }),
      decay_lr: bool({ default: true, doc: 'false: learning_rate throughout' }),
    },
    build: (p, ctx) => {
      if (!p.decay_lr) return constant(p.learning_rate);
      return nanoGptGetLr(p.learning_rate, p.warmup_iters, p.lr_decay_iters, p.min_lr, (step) =>
        ctx.fail(`lr_decay_iters=${p.lr_decay_iters} equals warmup_iters: nanoGPT's get_lr raises "ZeroDivisionError: division by zero" at step ${step}; make lr_decay_iters larger`),
      );
    },
  }),
];

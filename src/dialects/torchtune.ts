/**
 * Dialect: torchtune's schedulers (torchtune/training/lr_schedulers.py, pytorch/torchtune
 * bd2a0fc7c31430972728494fa01aaeeb0ebf1ba1, torchtune 0.7.0; before the move of #1801 it was
 * torchtune.modules.get_cosine_schedule_with_warmup). Its one scheduler says it is "based on the Hugging
 * Face implementation" of transformers 4.23.1, and its lr_lambda is that one line for line (warmup
 * step / max(1, num_warmup_steps), then max(0, 0.5 × (1 + cos(pi × num_cycles × 2 × progress)))), so it is
 * built by the same function as hf.cosine; the recipes give it num_training_steps = epochs × steps per
 * epoch and step it after every optimizer update.
 */
import { define, int, num, theRunsSteps, type ScheduleDefinition } from '../schedules/definition.js';
import { cosineWithWarmup } from './hf.js';

export const torchtuneDefinitions: readonly ScheduleDefinition[] = [
  define({
    name: 'torchtune.get_cosine_schedule_with_warmup',
    framework: 'torchtune',
    summary: 'linear warmup from 0, then cosine to 0 at num_training_steps; past it the cosine climbs back',
    formula: 'lr * i/max(1, num_warmup_steps);  lr * max(0, 0.5 * (1 + cos(pi * num_cycles * 2 * progress)))',
    params: {
      lr: num({ min: 0, default: 0.001, doc: "the optimizer's lr (optimizer.lr), which lr_lambda multiplies" }),
      num_warmup_steps: int({ min: 0, doc: 'steps of the linear warmup from 0 (lr_scheduler.num_warmup_steps)' }),
      num_training_steps: int({
        min: 0,
        ...theRunsSteps,
        doc: 'total training steps (the recipe passes epochs × steps per epoch)',
      }),
      num_cycles: num({ min: 0, default: 0.5, doc: 'number of cosine waves over the decay (0.5: from lr down to 0 once)' }),
    },
    build: (p) => cosineWithWarmup(p),
  }),
];

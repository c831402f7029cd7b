/**
 * Dialect: HuggingFace transformers (src/transformers/optimization.py), one definition per Trainer
 * `lr_scheduler_type` that is a function of the step. Every one is a torch LambdaLR: the optimizer's lr
 * times a multiplier `lr_lambda(step)`, so each is built here as a multiplier schedule scaled by `lr`.
 * Parameters are those of its get_*_schedule* function; num_training_steps defaults to the plot's --steps
 * (the Trainer passes max_steps), num_warmup_steps to 0 (TrainingArguments.warmup_steps).
 */
import { join } from '../schedules/combinators/join.js';
import { shift } from '../schedules/combinators/shift.js';
import { scale } from '../schedules/combinators/scale.js';
import { warmup } from '../schedules/combinators/warmup.js';
import { anneal, linear } from '../schedules/shapes/anneal.js';
import { constant } from '../schedules/shapes/constant.js';
import { cosineEasing, linearEasing, monotoneInPieces, polynomialEasing, type Easing } from '../schedules/shapes/easing.js';
import { inverseSqrt } from '../schedules/shapes/inverse-sqrt.js';
import { schedule, type Schedule } from '../schedules/schedule.js';
import { choice, define, givenNumber, int, None, num, type BuildContext, theRunsSteps, type ScheduleDefinition } from '../schedules/definition.js';
import { trainerWarmupSteps } from './hf-warmup.js';

const lr = num({
  min: 0,
  default: 5e-5,
  doc: "the optimizer's lr, which lr_lambda multiplies (TrainingArguments.learning_rate, default 5e-5)",
  aliases: ['learning_rate'],
});
/** The warmup the Trainer's names come to (./hf-warmup.ts); undefined when neither is given. */
function warmupFromTrainerNames(named: number | undefined, ratio: number | undefined, trainingSteps: number): number | undefined {
  return named === undefined && ratio === undefined ? undefined : trainerWarmupSteps(named ?? 0, ratio, trainingSteps);
}

/**
 * num_warmup_steps, and TrainingArguments' two names for it, turned into steps as the Trainer turns them
 * (./hf-warmup.ts) against num_training_steps (the run's length: --steps where the schedule takes none).
 */
const trainerWarmup = {
  num_warmup_steps: int({
    min: 0,
    default: (given, steps) =>
      warmupFromTrainerNames(givenNumber(given, 'warmup_steps'), givenNumber(given, 'warmup_ratio'), givenNumber(given, 'num_training_steps') ?? steps) ?? 0,
    defaultText: '0, or from warmup_steps / warmup_ratio',
    doc: 'steps of the linear warmup from 0',
  }),
  warmup_steps: num({
    min: 0,
    default: None,
    doc: 'TrainingArguments.warmup_steps: int(warmup_steps), or below 1 a ratio, ceil(warmup_steps × num_training_steps) (transformers 5)',
  }),
  warmup_ratio: num({
    min: 0,
    max: 1,
    default: None,
    doc: 'TrainingArguments.warmup_ratio (transformers 4.x): ceil(warmup_ratio × num_training_steps), unless warmup_steps > 0',
  }),
};

/**
 * Where the Trainer's names are given, num_warmup_steps is what they come to; given as well, it must agree,
 * since the Trainer has only one warmup to pass.
 */
function withTrainerWarmupNames(definition: ScheduleDefinition): ScheduleDefinition {
  if (!definition.params.some((param) => param.name === 'warmup_ratio')) return definition;
  return {
    ...definition,
    build(values, ctx) {
      const named = values.warmup_steps as number | undefined;
      const ratio = values.warmup_ratio as number | undefined;
      const trainingSteps = (values.num_training_steps as number | undefined) ?? ctx.steps;
      const expected = warmupFromTrainerNames(named, ratio, trainingSteps);
      if (expected !== undefined && values.num_warmup_steps !== expected) {
        const given = [named === undefined ? '' : `warmup_steps=${named}`, ratio === undefined ? '' : `warmup_ratio=${ratio}`].filter(Boolean).join(', ');
        ctx.fail(`num_warmup_steps=${String(values.num_warmup_steps)} but ${given} give ${expected} warmup steps of ${trainingSteps} training steps; give num_warmup_steps or the TrainingArguments names, not both`);
      }
      return definition.build(values, ctx);
    },
  };
}
const trainingSteps = int({
  min: 0,
  ...theRunsSteps,
  doc: 'total training steps (the Trainer passes max_steps)',
  aliases: ['max_steps'],
});
const cycles = (fallback: number, doc: string) => num({ min: 0, default: fallback, doc });
const halfWaves = cycles(0.5, 'number of cosine waves over the decay (0.5: from lr down to the floor once)');

/** min_lr and min_lr_rate name one floor two ways; transformers takes exactly one of them (see minLrRate). */
const minLrPair = {
  min_lr: num({ min: 0, default: None, doc: 'floor of the cosine (give this or min_lr_rate, not both)' }),
  min_lr_rate: num({ min: 0, default: None, doc: 'floor of the cosine as a fraction of lr (give this or min_lr, not both)' }),
};

/** The parameters every transformers schedule reads through the helpers below. */
interface Common {
  readonly lr: number;
  readonly num_warmup_steps: number;
  readonly num_training_steps: number;
}

/**
 * The floor as transformers computes it (optimization.py, get_cosine_with_min_lr_schedule_with_warmup and
 * _lr_rate): min_lr_rate as given, else min_lr / lr. Both given raises even when they agree, and neither
 * raises too, so lrviz refuses both with transformers' own words.
 */
function minLrRate(p: { readonly lr: number; readonly min_lr: number | undefined; readonly min_lr_rate: number | undefined }, ctx: BuildContext): number {
  if (p.min_lr !== undefined && p.min_lr_rate !== undefined) {
    ctx.fail(`min_lr=${p.min_lr} and min_lr_rate=${p.min_lr_rate}: give only one; transformers raises "ValueError: Only one of min_lr or min_lr_rate should be set"`);
  }
  if (p.min_lr_rate !== undefined) return p.min_lr_rate;
  if (p.min_lr === undefined) {
    ctx.fail('give min_lr or min_lr_rate; transformers raises "ValueError: One of min_lr or min_lr_rate should be set through the `lr_scheduler_kwargs`"');
  }
  if (p.lr === 0) ctx.fail(`min_lr=${p.min_lr} with lr=0: transformers divides min_lr by lr and raises "ZeroDivisionError: float division by zero"; give min_lr_rate instead`);
  return p.min_lr / p.lr;
}

/** LambdaLR: the optimizer's lr times the multiplier. */
function lambdaLR(p: Pick<Common, 'lr'>, multiplier: Schedule): Schedule {
  return scale(multiplier, p.lr);
}

/** The warmup every transformers schedule opens with: step / max(1, num_warmup_steps), so update 0 uses 0. */
function withWarmup(p: Pick<Common, 'num_warmup_steps'>, after: Schedule): Schedule {
  return warmup(after, { steps: p.num_warmup_steps, startLr: 0, endLr: 1 });
}

/** The decay after warmup: its progress is (step - warmup) / max(1, num_training_steps - num_warmup_steps). */
function decayLength(p: Common): number {
  return Math.max(1, p.num_training_steps - p.num_warmup_steps);
}

/**
 * 0.5 * (1 + cos(pi * num_cycles * 2 * progress)): num_cycles full waves over the decay (0.5 is one way down).
 * transformers keeps evaluating it past num_training_steps (progress > 1), so the lr climbs back; its
 * max(0, ...) never bites, as 1 + cos is never negative.
 */
function wavesEasing(numCycles: number): Easing {
  // Half a wave, one way, every 1 / (2 num_cycles) of progress: known extremes at any step count.
  return monotoneInPieces((progress) => cosineEasing(numCycles * 2 * progress), 1 / Math.abs(2 * numCycles));
}

/**
 * transformers' hard restarts (optimization.py, _get_cosine_with_hard_restarts_schedule_with_warmup_lr_lambda):
 * the position in the cycle is (num_cycles * progress) % 1.0 of the whole decay's progress, not whole cycles
 * of steps, so a restart falls where that float product wraps; 0 from the end of the decay on.
 */
function hardRestartsEasing(numCycles: number): Easing {
  // Down one tooth, one way, every 1 / num_cycles of progress; the wrap's step is looked at either side.
  return monotoneInPieces((progress) => cosineEasing((numCycles * progress) % 1), 1 / Math.abs(numCycles));
}

const WSD_WARMUPS: Record<string, Easing> = { linear: linearEasing, cosine: cosineEasing, '1-sqrt': (p) => Math.sqrt(1 - p) };
const wsdDecays = (numCycles: number): Record<string, Easing> => ({ linear: linearEasing, cosine: wavesEasing(numCycles), '1-sqrt': (p) => 1 - Math.sqrt(p) });

/**
 * transformers' cosine_warmup_with_min_lr counts one step ahead (optimization.py,
 * _get_cosine_with_min_lr_schedule_with_warmup_lr_rate_lambda): its warmup reaches lr at step
 * num_warmup_steps - 1 and its cosine starts at progress 1/(num_training_steps - num_warmup_steps).
 */
function oneStepAhead(inner: Schedule): Schedule {
  return schedule((i) => inner.lr(i + 1), inner.horizon === undefined ? undefined : inner.horizon - 1);
}

/**
 * get_cosine_schedule_with_warmup's lr_lambda: warmup, then num_cycles cosine waves to 0 at
 * num_training_steps, climbing back past it. torchtune copies it line for line (./torchtune.ts).
 */
export function cosineWithWarmup(p: Common & { readonly num_cycles: number }): Schedule {
  return lambdaLR(p, withWarmup(p, cosineWaves(p)));
}

/** The multiplier after the warmup: num_cycles waves from 1 to 0 over the decay, on past it. */
export function cosineWaves(p: Common & { readonly num_cycles: number }): Schedule {
  return anneal({ from: 1, to: 0, steps: decayLength(p), easing: wavesEasing(p.num_cycles), past: 'continue' });
}

const framework = 'hf';

export const hfDefinitions: readonly ScheduleDefinition[] = ([
  define({
    name: 'hf.constant',
    framework,
    aliases: ['hf.get_constant_schedule'],
    summary: 'the optimizer lr at every step',
    formula: 'lr',
    params: { lr },
    build: (p) => lambdaLR(p, constant(1)),
  }),
  define({
    name: 'hf.constant_with_warmup',
    framework,
    aliases: ['hf.get_constant_schedule_with_warmup'],
    summary: 'linear warmup from 0 to lr over num_warmup_steps, then lr',
    formula: 'lr * i/num_warmup_steps  for i < num_warmup_steps;  lr after',
    params: { lr, ...trainerWarmup },
    build: (p) => lambdaLR(p, withWarmup(p, constant(1))),
  }),
  define({
    name: 'hf.linear',
    framework,
    aliases: ['hf.get_linear_schedule_with_warmup'],
    summary: 'linear warmup from 0, then a straight line down to 0 at num_training_steps',
    formula: 'warmup;  lr * max(0, (num_training_steps - i) / max(1, num_training_steps - num_warmup_steps))',
    params: { lr, ...trainerWarmup, num_training_steps: trainingSteps },
    build: (p) => lambdaLR(p, withWarmup(p, linear(1, 0, p.num_training_steps - p.num_warmup_steps))),
  }),
  define({
    name: 'hf.cosine',
    framework,
    aliases: ['hf.get_cosine_schedule_with_warmup'],
    summary: 'linear warmup from 0, then cosine to 0 at num_training_steps; past it the cosine climbs back',
    formula: 'warmup;  lr * max(0, 0.5 * (1 + cos(pi * num_cycles * 2 * progress)))',
    params: { lr, ...trainerWarmup, num_training_steps: trainingSteps, num_cycles: halfWaves },
    build: (p) => cosineWithWarmup(p),
  }),
  define({
    name: 'hf.cosine_with_restarts',
    framework,
    aliases: ['hf.get_cosine_with_hard_restarts_schedule_with_warmup'],
    summary: 'linear warmup from 0, then num_cycles cosines each restarting at lr; 0 from num_training_steps on',
    formula: 'warmup;  lr * 0.5 * (1 + cos(pi * ((num_cycles * progress) % 1)))  for progress < 1;  0 after',
    params: { lr, ...trainerWarmup, num_training_steps: trainingSteps, num_cycles: cycles(1, 'number of cosines (hard restarts) over the decay') },
    build: (p) => lambdaLR(p, withWarmup(p, anneal({ from: 1, to: 0, steps: decayLength(p), easing: hardRestartsEasing(p.num_cycles) }))),
  }),
  define({
    name: 'hf.polynomial',
    framework,
    aliases: ['hf.get_polynomial_decay_schedule_with_warmup'],
    summary: 'linear warmup from 0, then (lr - lr_end) * (1 - progress)^power + lr_end; lr_end after num_training_steps',
    formula: 'warmup;  (lr - lr_end) * (1 - (i - num_warmup_steps)/(num_training_steps - num_warmup_steps))^power + lr_end',
    params: {
      lr,
      ...trainerWarmup,
      num_training_steps: trainingSteps,
      lr_end: num({ min: 0, default: 1e-7, doc: 'learning rate at and after num_training_steps' }),
      power: num({ min: 0, default: 1, doc: 'exponent of the decay' }),
    },
    build: (p, ctx) => {
      if (!(p.lr > p.lr_end)) ctx.fail(`lr_end=${p.lr_end} must be smaller than lr=${p.lr} (transformers raises otherwise)`);
      const decaySteps = p.num_training_steps - p.num_warmup_steps;
      if (decaySteps === 0) ctx.fail(`num_training_steps=${p.num_training_steps} equals num_warmup_steps; transformers divides by zero at that step`);
      const end = p.lr_end / p.lr;
      return lambdaLR(p, withWarmup(p, anneal({ from: 1, to: end, steps: decaySteps, easing: polynomialEasing(p.power) })));
    },
  }),
  define({
    name: 'hf.inverse_sqrt',
    framework,
    aliases: ['hf.get_inverse_sqrt_schedule'],
    summary: 'linear warmup from 0, then lr / sqrt((i - num_warmup_steps + timescale) / timescale)',
    formula: 'warmup;  lr / sqrt((i + timescale - num_warmup_steps) / timescale)',
    params: {
      lr,
      ...trainerWarmup,
      timescale: num({
        above: 0,
        acceptsNone: true,
        default: (given) => givenNumber(given, 'num_warmup_steps') || 10_000,
        defaultText: 'num_warmup_steps, or 10000 when it is 0',
        doc: 'unit of the decay: lr / sqrt(1 + (i - num_warmup_steps)/timescale)',
      }),
    },
    build: (p) => {
      const timescale = p.timescale;
      return lambdaLR(p, withWarmup(p, inverseSqrt(1, timescale, timescale)));
    },
  }),
  define({
    name: 'hf.cosine_with_min_lr',
    framework,
    aliases: ['hf.get_cosine_with_min_lr_schedule_with_warmup'],
    summary: 'linear warmup from 0, then cosine from lr to min_lr (or lr * min_lr_rate); climbs back past num_training_steps',
    formula: 'warmup;  lr * (0.5 * (1 + cos(pi * num_cycles * 2 * progress)) * (1 - min_lr_rate) + min_lr_rate)',
    params: { lr, ...trainerWarmup, num_training_steps: trainingSteps, num_cycles: halfWaves, ...minLrPair },
    build: (p, ctx) => {
      const floor = minLrRate(p, ctx);
      return lambdaLR(p, withWarmup(p, anneal({ from: 1, to: floor, steps: decayLength(p), easing: wavesEasing(p.num_cycles), past: 'continue' })));
    },
  }),
  define({
    name: 'hf.cosine_warmup_with_min_lr',
    framework,
    aliases: ['hf.get_cosine_with_min_lr_schedule_with_warmup_lr_rate'],
    summary: 'warmup from lr * warmup_lr_rate reaching lr one step early, then cosine to min_lr ending one step early',
    formula: 'lr * (warmup_lr_rate + (1 - warmup_lr_rate) * i/max(1, num_warmup_steps - 1));  then cosine at progress (i - num_warmup_steps + 1)/max(1, num_training_steps - num_warmup_steps)',
    params: {
      lr,
      ...trainerWarmup,
      num_training_steps: trainingSteps,
      num_cycles: halfWaves,
      ...minLrPair,
      warmup_lr_rate: num({
        min: 0,
        max: 1,
        acceptsNone: true,
        // Unset, transformers ramps (i + 1)/num_warmup_steps: the same line as starting at 1/num_warmup_steps.
        default: (given) => 1 / Math.max(1, givenNumber(given, 'num_warmup_steps')!),
        defaultText: '1/num_warmup_steps',
        doc: 'fraction of lr at step 0 of the warmup',
      }),
    },
    build: (p, ctx) => {
      const floor = minLrRate(p, ctx);
      const ramp = linear(p.warmup_lr_rate, 1, Math.max(1, p.num_warmup_steps - 1));
      const decay = anneal({ from: 1, to: floor, steps: decayLength(p), easing: wavesEasing(p.num_cycles), past: 'continue' });
      return lambdaLR(p, join([ramp, oneStepAhead(decay)], [p.num_warmup_steps]));
    },
  }),
  define({
    name: 'hf.warmup_stable_decay',
    framework,
    aliases: ['hf.wsd', 'hf.get_wsd_schedule'],
    summary: 'warmup from lr * min_lr_ratio, hold lr for num_stable_steps, decay to lr * min_lr_ratio over num_decay_steps, then hold',
    formula: 'warmup (warmup_type);  lr;  lr * (decay(progress) * (1 - min_lr_ratio) + min_lr_ratio);  lr * min_lr_ratio',
    params: {
      lr,
      ...trainerWarmup,
      num_decay_steps: int({ min: 0, doc: 'steps of the final decay' }),
      // get_wsd_schedule's num_training_steps and num_stable_steps default to None: one of them is needed.
      num_training_steps: { ...trainingSteps, acceptsNone: true },
      num_stable_steps: int({
        min: 0,
        acceptsNone: true,
        default: (given) => givenNumber(given, 'num_training_steps')! - givenNumber(given, 'num_warmup_steps')! - givenNumber(given, 'num_decay_steps')!,
        defaultText: 'num_training_steps - num_warmup_steps - num_decay_steps',
        doc: 'steps held at lr (takes precedence over num_training_steps)',
      }),
      warmup_type: choice(Object.keys(WSD_WARMUPS), { default: 'linear', doc: 'shape of the warmup' }),
      decay_type: choice(['linear', 'cosine', '1-sqrt'], { default: 'cosine', doc: 'shape of the decay' }),
      min_lr_ratio: num({ min: 0, max: 1, default: 0, doc: 'start of the warmup and end of the decay, as a fraction of lr' }),
      num_cycles: halfWaves,
    },
    build: (p, ctx) => {
      const warmupSteps = p.num_warmup_steps;
      const stable = p.num_stable_steps;
      const floor = p.min_lr_ratio;
      const rise = anneal({ from: floor, to: 1, steps: warmupSteps, easing: WSD_WARMUPS[p.warmup_type] });
      const decay = anneal({ from: 1, to: floor, steps: p.num_decay_steps, easing: wsdDecays(p.num_cycles)[p.decay_type] });
      // Warmup plus decay longer than the run leaves num_stable_steps negative, and transformers does not
      // raise (checked with 5.18): its decay starts num_stable_steps before the warmup ends, and the warmup
      // branch wins until then, so the lr drops from the warmup's end straight into the middle of the decay.
      if (stable < 0) return lambdaLR(p, join([rise, shift(decay, -stable)], [warmupSteps]));
      return lambdaLR(p, join([rise, constant(1), decay], [warmupSteps, warmupSteps + stable]));
    },
  }),
] satisfies ScheduleDefinition[]).map(withTrainerWarmupNames);

/**
 * DeepSpeed `ds_config.json`: the `scheduler` block (deepspeed/runtime/lr_schedules.py, DeepSpeed 0.19.6),
 * alone or named by an HF training_args.json, whose arguments then fill its "auto" values the way
 * transformers/integrations/deepspeed.py does (trainer_config_process, trainer_config_finalize): a value
 * that is not "auto" must equal the Trainer's, or transformers refuses to start.
 */
import { LrvizError, shown, type Words } from '../../errors.js';
import { count, Plan } from '../plan.js';
import type { ResolvedConfig, StackReader } from '../types.js';
import { isObject, Keys } from '../values.js';

export const DS_RELEASE = 'DeepSpeed 0.19.6';

/** What an HF Trainer fills into "auto" (and requires of values that are not). */
export interface HfFill {
  lr: number;
  updates: number;
  warmup: number;
}

type Default = number | string | boolean | null | 'optimizer lr' | 'required';
interface DsParam {
  default: Default;
  /** The Trainer's value for "auto", and whether a value given otherwise must equal it. */
  hf?: { value: (fill: HfFill) => number; key: string; mustMatch: boolean };
  integer?: boolean;
  choices?: readonly string[];
}

const WARMUP_TYPES = ['log', 'linear'] as const;
const hfLr = { value: (f: HfFill) => f.lr, key: 'learning_rate', mustMatch: true };
const hfTotal = { value: (f: HfFill) => f.updates, key: 'num_training_steps (calculated)', mustMatch: true };
// transformers fills max(1, warmup): DeepSpeed >= 0.19.6 refuses a warmup_num_steps of 0.
const hfWarmup = { value: (f: HfFill) => Math.max(1, f.warmup), key: 'warmup_steps', mustMatch: true };
const hfZero = { value: () => 0, key: '0 (not a trainer argument)', mustMatch: false };

/** Each scheduler's constructor parameters and defaults (lr_schedules.py). */
export const DS_SCHEDULERS: Record<string, Record<string, DsParam>> = {
  WarmupLR: {
    warmup_min_lr: { default: 0, hf: hfZero },
    warmup_max_lr: { default: 'optimizer lr', hf: hfLr },
    warmup_num_steps: { default: 1000, hf: hfWarmup, integer: true },
    warmup_type: { default: 'log', choices: WARMUP_TYPES },
  },
  WarmupDecayLR: {
    total_num_steps: { default: 'required', hf: hfTotal, integer: true },
    warmup_min_lr: { default: 0, hf: hfZero },
    warmup_max_lr: { default: 0.001, hf: hfLr },
    warmup_num_steps: { default: 1000, hf: hfWarmup, integer: true },
    warmup_type: { default: 'log', choices: WARMUP_TYPES },
  },
  WarmupCosineLR: {
    total_num_steps: { default: 'required', hf: hfTotal, integer: true },
    warmup_min_ratio: { default: 0 },
    warmup_num_steps: { default: 1000, hf: hfWarmup, integer: true },
    cos_min_ratio: { default: 0.0001 },
    warmup_type: { default: 'log', choices: WARMUP_TYPES },
  },
  OneCycle: {
    cycle_min_lr: { default: 'required' },
    cycle_max_lr: { default: 'required' },
    decay_lr_rate: { default: 0 },
    cycle_first_step_size: { default: 2000 },
    cycle_second_step_size: { default: null },
    cycle_first_stair_count: { default: 0, integer: true },
    cycle_second_stair_count: { default: null },
    decay_step_size: { default: 0 },
  },
  LRRangeTest: {
    lr_range_test_min_lr: { default: 0.001 },
    lr_range_test_step_size: { default: 2000, integer: true },
    lr_range_test_step_rate: { default: 1.0 },
    lr_range_test_staircase: { default: false },
  },
};
/** Momentum and resume parameters: accepted by the constructors, no effect on the learning rate. */
const NOT_LR = new Set(['cycle_momentum', 'cycle_min_mom', 'cycle_max_mom', 'decay_mom_rate', 'last_batch_iteration']);

export const deepSpeed: StackReader = {
  id: 'deepspeed',
  title: 'DeepSpeed (ds_config.json)',
  detect: (doc) =>
    isObject(doc.value) &&
    ['scheduler', 'zero_optimization', 'train_micro_batch_size_per_gpu', 'train_batch_size', 'fp16', 'bf16'].some((key) => Object.hasOwn(doc.value as object, key)) &&
    !Object.hasOwn(doc.value as object, 'lr_scheduler_type'),
  resolve(doc, ctx) {
    const keys = new Keys(doc.name, doc.value as Record<string, unknown>);
    const plan = new Plan(doc.name, ctx);
    if (!keys.has('scheduler')) {
      plan.fail('has no "scheduler" block: the scheduler is the one the training script passes to deepspeed.initialize (resolve the training_args.json that names this file for the HF Trainer\'s)');
    }
    const { spec, release, updates } = resolveDeepSpeed(keys, plan, undefined);
    return { stack: 'deepspeed', release, file: doc.file, spec, updates, derivations: plan.derivations, assumptions: plan.assumptions, notes: plan.notes };
  },
};

/** The scheduler block as a `deepspeed.*` spec, "auto" filled from `fill` when an HF Trainer runs it. */
export function resolveDeepSpeed(keys: Keys, plan: Plan, fill: HfFill | undefined): { spec: ResolvedConfig['spec']; release: string; updates?: number } {
  const scheduler = keys.child('scheduler') as Keys;
  const type = scheduler.string('type');
  if (type === undefined) throw new LrvizError(`${scheduler.where('type')} is missing; name one of ${Object.keys(DS_SCHEDULERS).join(', ')}`);
  const params = scheduler.child('params') ?? new Keys(keys.name, {}, 'scheduler.params');
  const optimizerLr = () => optimizerLearningRate(keys, plan, fill);
  if (!Object.hasOwn(DS_SCHEDULERS, type)) {
    if (/^[A-Z]\w*LR$|^[A-Z]\w*Annealing\w*$/.test(type)) {
      // engine.py _scheduler_from_config: a name lr_schedules lacks is looked up in torch.optim.lr_scheduler.
      plan.assume(`scheduler.type "${type}" is not one of DeepSpeed's: DeepSpeed builds torch.optim.lr_scheduler.${type} with the optimizer's lr`);
      return { spec: { type: `torch.${type}`, lr: optimizerLr(), ...params.object }, release: DS_RELEASE };
    }
    throw new LrvizError(`${scheduler.where('type')} is ${shown(type)}: not a DeepSpeed scheduler (${Object.keys(DS_SCHEDULERS).join(', ')}) nor a torch.optim.lr_scheduler class`);
  }
  const declared = DS_SCHEDULERS[type];
  for (const key of Object.keys(params.object)) {
    if (!Object.hasOwn(declared, key) && !NOT_LR.has(key)) {
      throw new LrvizError(`${params.where(key)} is not a parameter of ${type} (DeepSpeed would raise a TypeError); its parameters are ${Object.keys(declared).join(', ')}`);
    }
  }
  const spec: Record<string, unknown> = { type: `deepspeed.${type}` };
  if (type === 'WarmupCosineLR') spec.lr = optimizerLr();
  for (const [key, param] of Object.entries(declared)) {
    const value = paramValue(params, plan, key, param, fill, optimizerLr);
    // None: the dialect computes it as DeepSpeed does (OneCycle's second half from its first).
    if (value !== null) spec[key] = value;
  }
  if ('warmup_type' in declared && !params.has('warmup_type')) {
    plan.note({
      code: 'LRV103',
      message: `${type} warms up logarithmically by default (warmup_type "log"): lr reaches half of its rise after sqrt(${count(spec.warmup_num_steps as number)}) updates, not half of them`,
      fix: `add "warmup_type": "linear" to scheduler.params in ${keys.name} for a straight-line warmup`,
    });
  }
  let updates = fill?.updates;
  if (updates === undefined && typeof spec.total_num_steps === 'number') {
    updates = plan.derive('updates', spec.total_num_steps, 'scheduler.params.total_num_steps', 'a DeepSpeed config does not know the run; its scheduler horizon is taken as the run');
  } else if (updates === undefined && plan.inputs.epochs !== undefined && plan.inputs.stepsPerEpoch !== undefined) {
    updates = plan.derive('updates', plan.inputs.epochs * plan.inputs.stepsPerEpoch, `${count(plan.inputs.epochs)} × ${count(plan.inputs.stepsPerEpoch)}`, (name) => `${name('epochs')} × ${name('stepsPerEpoch')}`);
  }
  const release = firstUpdate(type, spec, keys, plan, fill, optimizerLr);
  return { spec: { type: spec.type as string, ...spec }, release, updates };
}

/** Schedulers that set no lr when built before DeepSpeed 0.15.3 (deepspeedai/DeepSpeed#6597). */
const UNSET_BEFORE_0_15_3 = new Set(['WarmupLR', 'WarmupDecayLR', 'WarmupCosineLR']);
export const DS_OLD_FIRST_UPDATE = 'deepspeed-first-update-optimizer-lr';
/** The old rule, named as the caller asks for it (`legacy`, which the CLI spells as its flag). */
const oldRule: Words = (name) => `${name('legacy')} ${DS_OLD_FIRST_UPDATE}`;

/** Update 0: the value set when built (≥ 0.15.3), or, with the old rule, the optimizer's own lr. */
function firstUpdate(type: string, spec: Record<string, unknown>, keys: Keys, plan: Plan, fill: HfFill | undefined, optimizerLr: () => number): string {
  if (!plan.inputs.legacy?.has(DS_OLD_FIRST_UPDATE)) {
    plan.assume((name) => `update 0 uses the value the scheduler sets when built (iteration -1), update i the value after i steps (DeepSpeed ≥ 0.15.3; before, ${[...UNSET_BEFORE_0_15_3].join(', ')} left update 0 at the optimizer's own lr: ${oldRule(name)})`);
    return DS_RELEASE;
  }
  const release = plan.worded((name) => `DeepSpeed 0.15.2 (${oldRule(name)})`);
  if (!UNSET_BEFORE_0_15_3.has(type)) {
    plan.assume((name) => `${type} set its lr when built before 0.15.3 too: ${oldRule(name)} changes nothing`);
    return release;
  }
  if (fill === undefined && !keys.has('optimizer')) {
    plan.fail((name) => `before DeepSpeed 0.15.3 update 0 runs at the optimizer's own lr, and there is no optimizer block; add optimizer.params.lr (or drop ${oldRule(name)})`);
  }
  spec.first_update_lr = plan.derive('update 0 lr', optimizerLr(), "the optimizer's lr", (name) => `${type} set no lr when built before DeepSpeed 0.15.3 (${oldRule(name)})`);
  return release;
}

function paramValue(params: Keys, plan: Plan, key: string, param: DsParam, fill: HfFill | undefined, optimizerLr: () => number): unknown {
  const raw = params.raw(key);
  if (raw === 'auto') {
    if (param.hf === undefined || fill === undefined) {
      throw new LrvizError(
        `${params.where(key)} is "auto", which only the HF Trainer fills in${param.hf === undefined ? '' : ': resolve the training_args.json that names this file, or write the number'}`,
      );
    }
    const value = param.hf.value(fill);
    return plan.derive(key, value, `"auto" ← ${param.hf.key}${key === 'warmup_num_steps' ? ' (at least 1)' : ''}`, `transformers fills ${params.path}.${key}`);
  }
  if (raw === undefined) {
    if (param.default === 'required') throw new LrvizError(`${params.where(key)} is missing; the schedule needs it`);
    if (param.default === 'optimizer lr') {
      const lr = optimizerLr();
      plan.assume(`${params.path}.${key} not given: the optimizer's lr ${lr}`);
      return lr;
    }
    if (param.default !== null) plan.assume(`${params.path}.${key}: ${param.default} (DeepSpeed's default)`);
    return param.default;
  }
  let value: unknown;
  if (param.choices !== undefined) {
    value = params.string(key);
    // lr_schedules.py warns and falls back to log for an unknown warmup_type.
    if (!param.choices.includes(value as string)) {
      plan.assume(`${params.path}.${key} "${String(value)}" is unknown to DeepSpeed, which warns and uses "log"`);
      value = 'log';
    }
  } else if (typeof param.default === 'boolean') value = params.boolean(key, param.default);
  else value = param.integer ? params.integer(key) : params.number(key);
  if (key === 'warmup_num_steps' && !((value as number) > 0)) {
    throw new LrvizError(`${params.where(key)} is ${String(value)}; DeepSpeed 0.19.6 requires a positive whole number`);
  }
  if (fill !== undefined && param.hf?.mustMatch && value !== param.hf.value(fill)) {
    throw new LrvizError(
      `${params.where(key)} is ${String(value)} but the Trainer's ${param.hf.key} is ${param.hf.value(fill)}; transformers refuses to start on the mismatch (set it to "auto")`,
    );
  }
  return value;
}

/** optimizer.params.lr: "auto" from the Trainer, a number, or (no optimizer block) the Trainer's own optimizer. */
function optimizerLearningRate(keys: Keys, plan: Plan, fill: HfFill | undefined): number {
  const optimizer = keys.child('optimizer');
  const params = optimizer?.child('params');
  const raw = params?.raw('lr');
  if (raw === 'auto' || (raw === undefined && fill !== undefined && optimizer === undefined)) {
    if (fill === undefined) throw new LrvizError(`${keys.name}: optimizer.params.lr is "auto", which only the HF Trainer fills in: resolve the training_args.json that names this file, or write the number`);
    return fill.lr;
  }
  if (raw === undefined) {
    if (optimizer === undefined) throw new LrvizError(`${keys.name}: the scheduler takes the optimizer's lr and there is no optimizer block; add optimizer.params.lr`);
    plan.assume(`optimizer.params.lr not given: 0.001 (the default of DeepSpeed's Adam optimizers)`);
    return 0.001;
  }
  const lr = (params as Keys).number('lr') as number;
  if (fill !== undefined && lr !== fill.lr) {
    throw new LrvizError(`${(params as Keys).where('lr')} is ${lr} but the Trainer's learning_rate is ${fill.lr}; transformers refuses to start on the mismatch (set it to "auto")`);
  }
  return lr;
}

/**
 * HF Trainer: `training_args.json` as TrainingArguments.to_json_string() writes it, or the same keys in
 * YAML (TRL, alignment-handbook, LLaMA-Factory). Rules of transformers 5.18 (src/transformers/trainer.py,
 * Trainer.set_initial_training_values and create_scheduler; training_args.py, get_warmup_steps):
 *   updates/epoch = max(ceil(batches per process / gradient_accumulation_steps), 1)
 *   updates       = max_steps when > 0, else ceil(num_train_epochs × updates/epoch)
 *   warmup        = int(warmup_steps) when >= 1, else ceil(warmup_steps × updates)
 * When the DeepSpeed config it names has a `scheduler` block, DeepSpeed's scheduler is what runs.
 */
import { LrvizError, shown, type Words } from '../../errors.js';
import { count, divide, divisionRule, Plan } from '../plan.js';
import type { ConfigDocument, ResolveContext, ResolvedConfig, StackReader } from '../types.js';
import { isObject, Keys } from '../values.js';
import { resolveDeepSpeed, type HfFill } from './deepspeed.js';
import { trainerWarmupSteps } from '../../dialects/hf-warmup.js';

export const HF_RELEASE = 'transformers 5.18';
/** The releases that rounded updates per epoch down, and the old rule that brings them back. */
const FLOOR_UPDATES_RELEASE: Words = (name) => `transformers 4.46-4.51 (${name('legacy')} hf-floor-updates)`;

/** lr_scheduler_type -> what get_scheduler passes the schedule function (transformers/optimization.py). */
const SCHEDULERS: Record<string, 'none' | 'warmup' | 'warmup+total'> = {
  linear: 'warmup+total',
  cosine: 'warmup+total',
  cosine_with_restarts: 'warmup+total',
  polynomial: 'warmup+total',
  constant: 'none',
  constant_with_warmup: 'warmup',
  inverse_sqrt: 'warmup',
  cosine_with_min_lr: 'warmup+total',
  cosine_warmup_with_min_lr: 'warmup+total',
  warmup_stable_decay: 'warmup+total',
};
/** Schedulers that follow a metric or the loss, not the step: no curve can be drawn ahead of the run. */
const NOT_OF_THE_STEP = new Set(['reduce_lr_on_plateau', 'greedy']);

/** Keys only TrainingArguments has: one of them makes a file an HF Trainer config. */
const HF_KEYS = ['lr_scheduler_type', 'per_device_train_batch_size', 'num_train_epochs', 'warmup_ratio', 'lr_scheduler_kwargs', 'logging_steps'];

export const hfTrainer: StackReader = {
  id: 'hf',
  title: 'HF Trainer (training_args.json, TRL / LLaMA-Factory YAML)',
  detect: (doc) => isObject(doc.value) && HF_KEYS.some((key) => Object.hasOwn(doc.value as object, key)),
  resolve: (doc, ctx) => resolveHf(doc, ctx),
};

/** The numbers HF derives before it builds a scheduler: shared with the DeepSpeed `auto` fill. */
export interface HfPlan {
  lr: number;
  updates: number;
  warmup: number;
  epochs?: number;
  stepsPerEpoch?: number;
  gradientAccumulation: number;
}

export async function resolveHf(doc: ConfigDocument, ctx: ResolveContext): Promise<ResolvedConfig> {
  const keys = new Keys(doc.name, doc.value as Record<string, unknown>);
  const plan = new Plan(doc.name, ctx);
  const numbers = hfPlan(keys, plan);
  const release = plan.inputs.legacy?.has('hf-floor-updates') ? plan.worded(FLOOR_UPDATES_RELEASE) : HF_RELEASE;
  const length = { updates: numbers.updates, epochs: numbers.epochs, stepsPerEpoch: numbers.stepsPerEpoch, gradientAccumulation: numbers.gradientAccumulation };

  const deepspeed = await deepSpeedConfig(doc, keys, ctx);
  if (deepspeed !== undefined && deepspeed.keys.has('scheduler')) {
    const type = keys.string('lr_scheduler_type');
    const dsType = deepspeed.keys.child('scheduler')?.string('type') ?? '?';
    if (type !== undefined) {
      plan.note({
        code: 'LRV101',
        message: `${deepspeed.where} has a scheduler block (${dsType}): DeepSpeed's scheduler runs and lr_scheduler_type "${type}" is ignored`,
        fix: `delete the "scheduler" block from ${deepspeed.where} to train with lr_scheduler_type "${type}", or delete lr_scheduler_type to say what runs`,
      });
    }
    plan.assume(`${deepspeed.where} has a scheduler block: DeepSpeed builds the scheduler, its "auto" values filled from these arguments (transformers/integrations/deepspeed.py, trainer_config_process and trainer_config_finalize)`);
    const fill: HfFill = { lr: numbers.lr, updates: numbers.updates, warmup: numbers.warmup };
    const ds = resolveDeepSpeed(deepspeed.keys, plan, fill);
    return { stack: 'hf', release: `${release} + ${ds.release}`, file: doc.file, spec: ds.spec, ...length, ...finish(plan) };
  }

  if (deepspeed !== undefined) plan.assume(`${deepspeed.where} has no scheduler block: the Trainer builds its own scheduler`);
  const type = keys.string('lr_scheduler_type', 'linear') as string;
  if (!keys.has('lr_scheduler_type')) plan.assume('lr_scheduler_type: linear (the TrainingArguments default)');
  if (NOT_OF_THE_STEP.has(type)) plan.fail(`lr_scheduler_type "${type}" follows the training metric, not the step; lrviz cannot draw it ahead of the run`);
  const takes = Object.hasOwn(SCHEDULERS, type) ? SCHEDULERS[type] : undefined;
  if (takes === undefined) {
    plan.fail(`lr_scheduler_type ${shown(type)} is not a transformers scheduler; use one of ${Object.keys(SCHEDULERS).join(', ')}`);
  }
  const spec: Record<string, unknown> = { type: `hf.${type}`, lr: numbers.lr };
  if (takes !== 'none') spec.num_warmup_steps = numbers.warmup;
  if (takes === 'warmup+total') spec.num_training_steps = numbers.updates;
  if (takes === 'none' && numbers.warmup > 0) plan.assume(`lr_scheduler_type "constant" takes no warmup: the ${numbers.warmup} warmup steps are not used (transformers get_scheduler)`);
  Object.assign(spec, schedulerKwargs(keys));
  if (takes === 'none' || numbers.warmup === 0) {
    plan.noWarmup('learning_rate', (steps) => (takes === 'none' ? `lr_scheduler_type: constant_with_warmup, warmup_steps: ${steps}` : `warmup_steps: ${steps}`), numbers.updates);
  }
  return { stack: 'hf', release, file: doc.file, spec: { type: spec.type as string, ...spec }, ...length, ...finish(plan) };
}

function finish(plan: Plan): Pick<ResolvedConfig, 'derivations' | 'assumptions' | 'notes'> {
  return { derivations: plan.derivations, assumptions: plan.assumptions, notes: plan.notes };
}

/** learning_rate, the run's length in updates and the warmup, as the Trainer derives them. */
export function hfPlan(keys: Keys, plan: Plan): HfPlan {
  const lr = keys.number('learning_rate', 5e-5) as number;
  if (!keys.has('learning_rate')) plan.assume('learning_rate: 5e-5 (the TrainingArguments default)');
  const gradientAccumulation = plan.overridden('gradAccum', 'gradient_accumulation_steps', keys.integer('gradient_accumulation_steps', 1) as number);
  if (!(gradientAccumulation >= 1)) plan.fail(`gradient_accumulation_steps is ${gradientAccumulation}; it must be at least 1`);
  const maxSteps = keys.integer('max_steps', -1) as number;
  let updates: number;
  let epochs: number | undefined;
  let stepsPerEpoch: number | undefined;
  if (maxSteps > 0) {
    updates = plan.derive('updates', maxSteps, `max_steps`, 'max_steps > 0 wins over num_train_epochs');
  } else {
    epochs = plan.overridden('epochs', 'num_train_epochs', keys.number('num_train_epochs', 3) as number);
    if (!(epochs > 0)) plan.fail(`num_train_epochs is ${epochs} and max_steps is ${maxSteps}: the run takes no update`);
    stepsPerEpoch = updatesPerEpoch(keys, plan, epochs, gradientAccumulation);
    updates = plan.derive('updates', Math.ceil(epochs * stepsPerEpoch), `ceil(${count(epochs)} epochs × ${count(stepsPerEpoch)} updates/epoch)`, 'num_train_epochs');
  }
  const warmup = warmupSteps(keys, plan, updates);
  return { lr, updates, warmup, epochs, stepsPerEpoch, gradientAccumulation };
}

function updatesPerEpoch(keys: Keys, plan: Plan, epochs: number, gradientAccumulation: number): number {
  const perEpochGiven = plan.givenStepsPerEpoch();
  if (perEpochGiven !== undefined) return perEpochGiven;
  const examples = plan.datasetSize(`trains ${count(epochs)} epochs`);
  const batch = keys.integer('per_device_train_batch_size', 8) as number;
  if (!(batch >= 1)) plan.fail(`per_device_train_batch_size is ${batch}; it must be at least 1`);
  const devices = plan.devices();
  const dropLast = keys.boolean('dataloader_drop_last', false);
  // accelerate shards the batches across processes, each process getting ceil(batches / processes)
  // (even_batches), or floor of them with drop_last: the same as dividing by batch × processes at once.
  const round = dropLast ? 'down' : 'up';
  const perProcess = plan.derive(
    'batches/epoch per process',
    divide(examples, batch * devices, round),
    divisionRule(examples, `(${batch} × ${devices})`, round),
    (name) => `${name('datasetSize')}, per_device_train_batch_size, ${name('devices')}${dropLast ? ', dataloader_drop_last' : ''}`,
  );
  if (plan.inputs.legacy?.has('hf-floor-updates')) {
    return plan.derive('updates/epoch', Math.max(divide(perProcess, gradientAccumulation, 'down'), 1), `max(${divisionRule(perProcess, gradientAccumulation, 'down')}, 1)`, (name) => `gradient_accumulation_steps, ${FLOOR_UPDATES_RELEASE(name)}`);
  }
  return plan.derive(
    'updates/epoch',
    Math.max(divide(perProcess, gradientAccumulation, 'up'), 1),
    `max(${divisionRule(perProcess, gradientAccumulation, 'up')}, 1)`,
    (name) => `gradient_accumulation_steps, transformers ≥ 4.52 (before: rounded down, ${name('legacy')} hf-floor-updates)`,
  );
}

/** TrainingArguments.get_warmup_steps; a file with warmup_ratio is a transformers 4.x file and gets 4.x's rule. */
function warmupSteps(keys: Keys, plan: Plan, updates: number): number {
  const steps = keys.number('warmup_steps', 0) as number;
  if (steps < 0) plan.fail(`warmup_steps is ${steps}; it must be 0 or more`);
  const ratio = keys.number('warmup_ratio');
  const warmup = trainerWarmupSteps(steps, ratio, updates);
  if (ratio !== undefined) {
    plan.assume('warmup_ratio is a transformers 4.x key (transformers 5 removed it: a warmup_steps below 1 is the ratio there); its 4.x rule is used');
    if (steps > 0) return plan.derive('warmup', warmup, `warmup_steps ${count(steps)} (warmup_ratio ${ratio} ignored)`, 'warmup_steps > 0 wins, transformers 4.x');
    return plan.derive('warmup', warmup, `ceil(${ratio} × ${count(updates)})`, 'warmup_ratio, transformers 4.x');
  }
  if (steps >= 1) return plan.derive('warmup', warmup, steps === Math.trunc(steps) ? `warmup_steps` : `int(${steps})`, 'warmup_steps');
  if (steps === 0) return plan.derive('warmup', warmup, 'warmup_steps 0', keys.has('warmup_steps') ? 'warmup_steps' : 'default');
  return plan.derive('warmup', warmup, `ceil(${steps} × ${count(updates)})`, 'warmup_steps < 1 is a ratio, transformers ≥ 5 (4.x read it as 0 steps)');
}

/** lr_scheduler_kwargs: a dict, or the JSON string the command line leaves in it. */
function schedulerKwargs(keys: Keys): Record<string, unknown> {
  const raw = keys.raw('lr_scheduler_kwargs');
  if (raw === undefined) return {};
  let value: unknown = raw;
  if (typeof raw === 'string') {
    if (raw.trim() === '') return {};
    try {
      value = JSON.parse(raw);
    } catch {
      throw new LrvizError(`${keys.where('lr_scheduler_kwargs')} is ${shown(raw)}; expected a JSON object`);
    }
  }
  if (!isObject(value)) throw new LrvizError(`${keys.where('lr_scheduler_kwargs')} is ${shown(raw)}; expected an object`);
  for (const key of ['type', 'lr', 'num_warmup_steps', 'num_training_steps']) {
    if (Object.hasOwn(value, key)) throw new LrvizError(`${keys.where('lr_scheduler_kwargs')}: ${key} is set by the Trainer, not by lr_scheduler_kwargs`);
  }
  return value;
}

/** The DeepSpeed config `deepspeed` names: a path (relative to this file) or an inline object. */
async function deepSpeedConfig(doc: ConfigDocument, keys: Keys, ctx: ResolveContext): Promise<{ keys: Keys; where: string } | undefined> {
  const raw = keys.raw('deepspeed');
  if (raw === undefined || raw === '') return undefined;
  if (isObject(raw)) return { keys: new Keys(doc.name, raw, 'deepspeed'), where: `${doc.name} deepspeed` };
  if (typeof raw !== 'string') throw new LrvizError(`${keys.where('deepspeed')} is ${shown(raw)}; expected a path or an object`);
  const related = await ctx.readRelated(doc, raw, 'deepspeed');
  if (!isObject(related.value)) throw new LrvizError(`${doc.name}: deepspeed names ${related.name}, which is not a JSON object`);
  return { keys: new Keys(related.name, related.value), where: related.name };
}

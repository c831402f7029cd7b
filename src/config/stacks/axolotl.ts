/**
 * axolotl YAML (axolotl 0.18.0). The horizon is axolotl's own (utils/trainer.py calculate_total_num_steps,
 * utils/data/sft.py), its warmup rounded down (core/builders/base.py _configure_warmup_and_logging), and
 * the scheduler the trainer builds (core/trainers/mixins/scheduler.py create_scheduler: one_cycle, rex, cosine with
 * lr_quadratic_warmup, with cosine_min_lr_ratio and cosine_constant_lr_ratio, in that order), HF's otherwise:
 *   batch_size = micro_batch_size × gradient_accumulation_steps × data-parallel processes
 *   total      = ceil(examples × num_epochs / batch_size); with sample_packing, floor(updates/epoch × num_epochs)
 *   updates    = max_steps or total;   warmup = warmup_steps, or int(warmup_ratio × base), or
 *                min(int(0.03 × base), 100), with base = min(total, max_steps); a warmup of 1 becomes 2
 */
import { LrvizError, shown } from '../../errors.js';
import { count, Plan } from '../plan.js';
import type { ConfigDocument, ResolveContext, ResolvedConfig, StackReader } from '../types.js';
import { isObject, Keys } from '../values.js';

export const AXOLOTL_RELEASE = 'axolotl 0.18.0';

/** The schedulers cosine_min_lr_ratio reaches (create_scheduler: lr_scheduler_type "cosine", no quadratic warmup). */
const MIN_RATIO_USERS = new Set(['axolotl.get_cosine_schedule_with_min_lr', 'axolotl.get_cosine_schedule_with_warmup_decay_constant', 'axolotl.RexLR']);

/** lr_scheduler values the HF Trainer builds (axolotl passes them as lr_scheduler_type). */
const HF_TYPES = new Set(['linear', 'cosine', 'cosine_with_restarts', 'polynomial', 'constant', 'constant_with_warmup', 'inverse_sqrt', 'cosine_with_min_lr', 'cosine_warmup_with_min_lr', 'warmup_stable_decay']);

export const axolotl: StackReader = {
  id: 'axolotl',
  title: 'axolotl (YAML)',
  detect: (doc) => isObject(doc.value) && Object.hasOwn(doc.value, 'micro_batch_size') && !Object.hasOwn(doc.value, 'per_device_train_batch_size'),
  resolve: (doc, ctx) => resolveAxolotl(doc, ctx),
};

function resolveAxolotl(doc: ConfigDocument, ctx: ResolveContext): ResolvedConfig {
  const keys = new Keys(doc.name, doc.value as Record<string, unknown>);
  const plan = new Plan(doc.name, ctx);
  const lr = keys.number('learning_rate');
  if (lr === undefined) plan.fail('learning_rate is missing; axolotl needs it');
  const micro = keys.integer('micro_batch_size') as number;
  let accumulation = keys.integer('gradient_accumulation_steps');
  if (accumulation === undefined && keys.has('batch_size')) accumulation = Math.floor((keys.integer('batch_size') as number) / micro);
  accumulation = plan.overridden('gradAccum', 'gradient_accumulation_steps', accumulation ?? 1);
  const epochs = plan.overridden('epochs', 'num_epochs', keys.number('num_epochs', 1) as number);
  const maxSteps = keys.integer('max_steps');
  const packing = keys.boolean('sample_packing', false);
  const streaming = keys.boolean('streaming', false) || datasetsStream(keys);

  const total = totalSteps(keys, plan, { micro, accumulation, epochs, packing, streaming, maxSteps });
  let updates: number;
  if (maxSteps !== undefined && maxSteps > 0) updates = plan.derive('updates', maxSteps, 'max_steps', 'max_steps (training_args max_steps = cfg.max_steps or total_num_steps)');
  else if (total !== undefined) updates = plan.derive('updates', total, 'total_num_steps', 'axolotl total_num_steps');
  else return plan.fail('streams its data without max_steps; axolotl needs max_steps then');
  const base = maxSteps !== undefined && maxSteps > 0 ? (total === undefined ? maxSteps : Math.min(total, maxSteps)) : updates;
  const warmup = warmupSteps(keys, plan, base, maxSteps !== undefined && maxSteps > 0 && total === undefined);

  const type = keys.string('lr_scheduler') ?? 'cosine';
  if (!keys.has('lr_scheduler')) plan.assume('lr_scheduler: cosine (axolotl\'s default)');
  const kwargs = keys.child('lr_scheduler_kwargs')?.object ?? {};
  const minRatio = keys.number('cosine_min_lr_ratio');
  const constantRatio = keys.number('cosine_constant_lr_ratio');
  let spec: Record<string, unknown>;
  if (type === 'one_cycle') {
    // torch OneCycleLR(max_lr=learning_rate, total_steps, pct_start=warmup/total, anneal_strategy='cos').
    spec = { type: 'torch.OneCycleLR', max_lr: lr, total_steps: updates, pct_start: warmup / updates, anneal_strategy: 'cos', ...kwargs };
  } else if (type === 'rex') {
    // axolotl passes lr_scheduler_type "cosine" with rex, so cosine_min_lr_ratio sets RexLR's floor.
    spec = { type: 'axolotl.RexLR', max_lr: lr, min_lr: minRatio === undefined ? 0 : (lr as number) * minRatio, total_steps: updates, num_warmup_steps: warmup };
  } else if (type === 'cosine' && keys.boolean('lr_quadratic_warmup', false)) {
    if (minRatio !== undefined) plan.assume('lr_quadratic_warmup wins over cosine_min_lr_ratio (axolotl warns "Using quadratic warmup")');
    spec = { type: 'axolotl.get_cosine_schedule_with_quadratic_warmup', lr, num_warmup_steps: warmup, num_training_steps: updates };
  } else if (type === 'cosine' && minRatio && constantRatio) {
    spec = { type: 'axolotl.get_cosine_schedule_with_warmup_decay_constant', lr, num_warmup_steps: warmup, num_training_steps: updates, constant_lr_ratio: constantRatio, min_lr_ratio: minRatio };
  } else if (type === 'cosine' && minRatio) {
    spec = { type: 'axolotl.get_cosine_schedule_with_min_lr', lr, num_warmup_steps: warmup, num_training_steps: updates, min_lr_ratio: minRatio };
  } else if (HF_TYPES.has(type)) {
    spec = { type: `hf.${type}`, lr };
    if (type !== 'constant') spec.num_warmup_steps = warmup;
    if (type !== 'constant' && type !== 'constant_with_warmup' && type !== 'inverse_sqrt') spec.num_training_steps = updates;
    Object.assign(spec, kwargs);
  } else {
    throw new LrvizError(`${keys.where('lr_scheduler')} is ${shown(type)}: not a scheduler axolotl builds (cosine, linear, constant, one_cycle, rex, ... as transformers names them)`);
  }
  // one_cycle starts at learning_rate / div_factor whatever the warmup; hf.constant takes none at all.
  if (type === 'constant' || (warmup === 0 && type !== 'one_cycle')) {
    plan.noWarmup('learning_rate', (steps) => (type === 'constant' ? `lr_scheduler: constant_with_warmup, warmup_steps: ${steps}` : `warmup_steps: ${steps}`), updates);
  }
  if (minRatio === 1 && MIN_RATIO_USERS.has(spec.type as string)) {
    plan.note({
      code: 'LRV104',
      message: `cosine_min_lr_ratio 1.0 puts the cosine's floor at the peak: after the warmup the lr stays at ${lr} for the whole run`,
      fix: 'cosine_min_lr_ratio: 0.1 (or delete it) for a decay; lr_scheduler: constant_with_warmup if a constant run is meant',
    });
  }
  return {
    stack: 'axolotl',
    release: AXOLOTL_RELEASE,
    file: doc.file,
    spec: { type: spec.type as string, ...spec },
    updates,
    gradientAccumulation: accumulation,
    derivations: plan.derivations,
    assumptions: plan.assumptions,
    notes: plan.notes,
  };
}

function datasetsStream(keys: Keys): boolean {
  const datasets = keys.raw('datasets');
  return Array.isArray(datasets) && datasets.some((d) => isObject(d) && d.streaming === true);
}

/** axolotl's total_num_steps; undefined when only max_steps can say (streaming, or no dataset size for a max_steps run). */
function totalSteps(
  keys: Keys,
  plan: Plan,
  o: { micro: number; accumulation: number; epochs: number; packing: boolean; streaming: boolean; maxSteps?: number },
): number | undefined {
  if (o.streaming) return undefined;
  const hasMax = o.maxSteps !== undefined && o.maxSteps > 0;
  if (o.packing || plan.inputs.stepsPerEpoch !== undefined) {
    if (plan.inputs.stepsPerEpoch === undefined) {
      if (hasMax) return undefined;
      return plan.fail((name) => `packs samples (sample_packing: true): updates per epoch follow the packed token counts; give ${name('stepsPerEpoch')}`);
    }
    const perEpoch = plan.givenStepsPerEpoch() as number;
    let total = Math.floor(perEpoch * o.epochs);
    if (o.packing && keys.boolean('dataloader_drop_last', false)) total -= Math.ceil(o.epochs);
    return plan.derive('total_num_steps', total, `floor(${count(perEpoch)} × ${count(o.epochs)} epochs)`, 'calculate_total_num_steps');
  }
  if (plan.inputs.datasetSize === undefined) {
    if (hasMax) return undefined;
    return plan.askForDatasetSize(`trains ${count(o.epochs)} epochs`);
  }
  const devices = plan.devices();
  const batch = plan.derive('batch_size', o.micro * o.accumulation * devices, `${o.micro} × ${o.accumulation} × ${devices}`, (name) => `micro_batch_size × gradient_accumulation_steps × ${name('devices')}`);
  const examples = plan.inputs.datasetSize;
  return plan.derive('total_num_steps', Math.ceil((examples * o.epochs) / batch), `ceil(${count(examples)} × ${count(o.epochs)} / ${count(batch)})`, (name) => `${name('datasetSize')}, num_epochs (calculate_total_num_steps)`);
}

function warmupSteps(keys: Keys, plan: Plan, base: number, baseAssumed: boolean): number {
  let warmup: number;
  const ratio = keys.number('warmup_ratio');
  if (keys.has('warmup_steps')) warmup = plan.derive('warmup', keys.integer('warmup_steps') as number, 'warmup_steps', 'warmup_steps');
  else if (ratio !== undefined) warmup = plan.derive('warmup', Math.max(Math.trunc(ratio * base), 0), `int(${ratio} × ${count(base)})`, 'warmup_ratio, rounded down (HF rounds up)');
  else warmup = plan.derive('warmup', Math.min(Math.trunc(0.03 * base), 100), `min(int(0.03 × ${count(base)}), 100)`, 'no warmup key: axolotl adds 3%, at most 100');
  if (baseAssumed && !keys.has('warmup_steps')) {
    plan.assume((name) => `the dataset gives at least max_steps ${count(base)} updates (give ${name('datasetSize')} to check: axolotl takes the warmup's share of min(dataset-derived steps, max_steps))`);
    plan.note({
      code: 'LRV107',
      message: `the warmup is a share of min(steps the dataset gives, max_steps ${count(base)}): max_steps looks like it fixes the run, but a smaller dataset shortens the warmup`,
      fix: `warmup_steps: ${warmup} to fix it in steps`,
    });
  }
  if (warmup === 1) return plan.derive('warmup', 2, 'a warmup of 1 becomes 2', 'axolotl _configure_warmup_and_logging');
  return warmup;
}

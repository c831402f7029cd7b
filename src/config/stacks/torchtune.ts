/**
 * torchtune recipe YAML (pytorch/torchtune bd2a0fc7c31430972728494fa01aaeeb0ebf1ba1, torchtune 0.7.0). The
 * recipes (recipes/full_finetune_single_device.py, full_finetune_distributed.py, lora_finetune_*.py) count
 * the run the same way:
 *   sampler        = StatefulDistributedSampler(num_replicas = data-parallel processes): ceil(examples / processes) each
 *   batches/epoch  = len(dataloader) = floor(that / batch_size)           (drop_last=True)
 *   updates/epoch  = batches/epoch // gradient_accumulation_steps, capped at max_steps_per_epoch
 *   updates        = epochs × updates/epoch = the num_training_steps handed to lr_scheduler
 * and step the scheduler after every optimizer update. Only the `lr_scheduler` and `optimizer` blocks are the
 * schedule: other blocks' keys of the same name (the profiler's warmup_steps) are not.
 */
import { LrvizError, shown } from '../../errors.js';
import { count, divide, divisionRule, Plan } from '../plan.js';
import type { ConfigDocument, ResolveContext, ResolvedConfig, StackReader } from '../types.js';
import { isObject, Keys } from '../values.js';

export const TORCHTUNE_RELEASE = 'torchtune 0.7.0';

/** The `_component_` paths of torchtune's cosine: today's, its re-export, and torchtune.modules' before #1801. */
const COSINE_PATHS = [
  'torchtune.training.lr_schedulers.get_cosine_schedule_with_warmup',
  'torchtune.training.get_cosine_schedule_with_warmup',
  'torchtune.modules.get_cosine_schedule_with_warmup',
];
/** Arguments of get_cosine_schedule_with_warmup the YAML may give (the recipe passes the others). */
const COSINE_ARGUMENTS = new Set(['_component_', 'num_warmup_steps', 'num_cycles']);

export const torchtune: StackReader = {
  id: 'torchtune',
  title: 'torchtune (recipe YAML)',
  detect: (doc) => isObject(doc.value) && Object.values(doc.value).some((block) => isObject(block) && typeof block._component_ === 'string' && block._component_.startsWith('torchtune.')),
  resolve: (doc, ctx) => resolveTorchtune(doc, ctx),
};

function resolveTorchtune(doc: ConfigDocument, ctx: ResolveContext): ResolvedConfig {
  const keys = new Keys(doc.name, doc.value as Record<string, unknown>);
  const plan = new Plan(doc.name, ctx);
  const optimizer = keys.child('optimizer');
  const lr = optimizer?.number('lr');
  if (lr === undefined) plan.fail('optimizer.lr is missing; the recipe builds the optimizer from it');
  const epochs = plan.overridden('epochs', 'epochs', keys.integer('epochs') ?? plan.fail('epochs is missing; the recipe loops over that many epochs'));
  if (!Number.isInteger(epochs)) plan.fail((name) => `${name('epochs')} ${epochs}: torchtune runs whole epochs (range(epochs))`);
  const accumulation = plan.overridden('gradAccum', 'gradient_accumulation_steps', keys.integer('gradient_accumulation_steps') ?? 1);
  if (!keys.has('gradient_accumulation_steps') && plan.inputs.gradAccum === undefined) plan.assume('gradient_accumulation_steps: 1 (not in the file)');
  if (!(accumulation >= 1)) plan.fail(`gradient_accumulation_steps is ${accumulation}; it must be at least 1`);

  const stepsPerEpoch = updatesPerEpoch(keys, plan, epochs, accumulation);
  const updates = plan.derive('updates', epochs * stepsPerEpoch, `${count(epochs)} epochs × ${count(stepsPerEpoch)} updates/epoch`, 'epochs (num_training_steps = total_epochs × steps_per_epoch)');

  const scheduler = keys.child('lr_scheduler');
  let spec: ResolvedConfig['spec'];
  if (scheduler === undefined) {
    plan.assume('no lr_scheduler block: the recipe builds no scheduler, and every update runs at optimizer.lr');
    spec = { type: 'constant', lr };
    plan.noWarmup('optimizer.lr', (steps) => `lr_scheduler: {_component_: ${COSINE_PATHS[0]}, num_warmup_steps: ${steps}}`, updates);
  } else {
    const component = scheduler.string('_component_') ?? plan.fail('lr_scheduler._component_ is missing; name the scheduler function');
    if (!COSINE_PATHS.includes(component)) {
      throw new LrvizError(`${scheduler.where('_component_')} is ${shown(component)}: not a torchtune scheduler lrviz knows (${COSINE_PATHS[0]}); the recipe calls it with num_training_steps and last_epoch`);
    }
    for (const key of Object.keys(scheduler.object)) {
      if (!COSINE_ARGUMENTS.has(key)) throw new LrvizError(`${scheduler.where(key)} is not an argument of get_cosine_schedule_with_warmup (Python would raise a TypeError); the YAML gives num_warmup_steps and num_cycles`);
    }
    const warmup = scheduler.integer('num_warmup_steps') ?? plan.fail('lr_scheduler.num_warmup_steps is missing; get_cosine_schedule_with_warmup needs it');
    if (!(warmup >= 0)) plan.fail(`lr_scheduler.num_warmup_steps is ${warmup}; it must be 0 or more`);
    plan.derive('warmup', warmup, 'lr_scheduler.num_warmup_steps', 'as given (torchtune does not round it)');
    if (warmup === 0) plan.noWarmup('optimizer.lr', (steps) => `lr_scheduler.num_warmup_steps: ${steps}`, updates);
    spec = { type: 'torchtune.get_cosine_schedule_with_warmup', lr, num_warmup_steps: warmup, num_training_steps: updates };
    if (scheduler.has('num_cycles')) spec.num_cycles = scheduler.number('num_cycles');
  }
  return {
    stack: 'torchtune',
    release: TORCHTUNE_RELEASE,
    file: doc.file,
    spec,
    updates,
    epochs,
    stepsPerEpoch,
    gradientAccumulation: accumulation,
    derivations: plan.derivations,
    assumptions: plan.assumptions,
    notes: plan.notes,
  };
}

/** steps_per_epoch as the recipes compute it in setup(). */
function updatesPerEpoch(keys: Keys, plan: Plan, epochs: number, accumulation: number): number {
  const cap = keys.integer('max_steps_per_epoch');
  const perEpochGiven = plan.givenStepsPerEpoch();
  if (perEpochGiven !== undefined) return perEpochGiven;
  if (plan.inputs.datasetSize === undefined) {
    if (cap !== undefined) {
      plan.assume((name) => `the dataset gives at least max_steps_per_epoch ${count(cap)} updates an epoch (give ${name('datasetSize')} to check: torchtune takes min(len(dataloader) // gradient_accumulation_steps, max_steps_per_epoch))`);
      plan.note({
        code: 'LRV107',
        message: `max_steps_per_epoch ${count(cap)} looks like it fixes the run, but a dataset of fewer than ${count(cap * accumulation)} batches an epoch shortens every epoch and the scheduler's horizon with it`,
        fix: (name) => `${name('datasetSize')} N to see the run your data gives`,
      });
      return plan.derive('updates/epoch', cap, 'max_steps_per_epoch', 'max_steps_per_epoch (assumed reached)');
    }
    if (packed(keys)) plan.fail((name) => `packs its dataset (packed: true): batches per epoch follow the packed sequences; give ${name('stepsPerEpoch')}`);
    return plan.askForDatasetSize(`trains ${count(epochs)} epochs`);
  }
  if (packed(keys)) plan.fail((name) => `packs its dataset (packed: true): ${name('datasetSize')} counts examples, not packs; give ${name('stepsPerEpoch')}`);
  const batch = keys.integer('batch_size') ?? plan.fail('batch_size is missing; the dataloader needs it');
  if (!(batch >= 1)) plan.fail(`batch_size is ${batch}; it must be at least 1`);
  const devices = plan.devices();
  const examples = plan.inputs.datasetSize;
  // DistributedSampler(drop_last=False) gives each process ceil(examples / processes); the DataLoader drops the last partial batch.
  const perProcess = plan.derive('examples/epoch per process', divide(examples, devices, 'up'), divisionRule(examples, devices, 'up'), (name) => `${name('datasetSize')}, ${name('devices')} (StatefulDistributedSampler)`);
  const batches = plan.derive('batches/epoch per process', divide(perProcess, batch, 'down'), divisionRule(perProcess, batch, 'down'), 'batch_size, drop_last=True');
  let perEpoch = plan.derive('updates/epoch', divide(batches, accumulation, 'down'), divisionRule(batches, accumulation, 'down'), 'gradient_accumulation_steps (len(dataloader) // gradient_accumulation_steps)');
  if (cap !== undefined && cap < perEpoch) perEpoch = plan.derive('updates/epoch', cap, `min(${count(perEpoch)}, ${count(cap)})`, 'max_steps_per_epoch');
  if (perEpoch === 0) plan.fail((name) => `${count(batches)} batches an epoch make no update of ${count(accumulation)} accumulated batches: the recipe would divide by 0; give more ${name('datasetSize')} or lower gradient_accumulation_steps`);
  return perEpoch;
}

/** `packed: true` in the dataset block, one of a list of them, or the dev recipes' dataloader block. */
function packed(keys: Keys): boolean {
  const blocks = [keys.raw('dataset'), keys.raw('dataloader')].flatMap((block) => (Array.isArray(block) ? block : [block]));
  return blocks.some((block) => isObject(block) && (block.packed === true || block.packed === 'True'));
}

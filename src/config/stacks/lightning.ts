/**
 * LightningCLI fit configs (YAML): `optimizer` and `lr_scheduler` as `class_path` + `init_args` (or a class
 * name alone), `trainer` for the run's length. Rules of Lightning 2.6 (lightning/pytorch/cli.py
 * LightningCLI.configure_optimizers; loops/training_epoch_loop.py; trainer/connectors/data_connector.py):
 *   the scheduler LightningCLI builds is returned as `[optimizer], [lr_scheduler]`: Lightning's default
 *   interval "epoch", stepped once at the end of each training epoch (ReduceLROnPlateau follows a metric: refused)
 *   batches/epoch  = ceil(ceil(examples / (devices × num_nodes)) / batch_size)   (DistributedSampler pads; floor with
 *                    the data module's drop_last)
 *                    then limit_train_batches: int(batches × f) for a fraction, min(batches, n) for a count
 *   updates/epoch  = ceil(batches / accumulate_grad_batches)   (the last partial accumulation steps too)
 *   updates        = max_epochs × updates/epoch, or max_steps when that ends the run first (max_epochs 1000
 *                    when neither is set, Lightning's default)
 */
import { LrvizError, shown } from '../../errors.js';
import { count, divide, divisionRule, Plan } from '../plan.js';
import type { ConfigDocument, ResolveContext, ResolvedConfig, StackReader } from '../types.js';
import { isObject, Keys } from '../values.js';

export const LIGHTNING_RELEASE = 'Lightning 2.6 (LightningCLI)';

/** torch.optim.lr_scheduler classes whose every argument is data (LambdaLR's function and SequentialLR's schedulers are not). */
const TORCH_SCHEDULERS = ['ConstantLR', 'LinearLR', 'StepLR', 'MultiStepLR', 'ExponentialLR', 'PolynomialLR', 'CosineAnnealingLR', 'CosineAnnealingWarmRestarts', 'OneCycleLR', 'CyclicLR'];

/** The argument of each that is a length, which LightningCLI's epoch-wise stepping counts in epochs. */
const HORIZONS: Record<string, string> = { ConstantLR: 'total_iters', LinearLR: 'total_iters', PolynomialLR: 'total_iters', CosineAnnealingLR: 'T_max', CosineAnnealingWarmRestarts: 'T_0', OneCycleLR: 'total_steps', StepLR: 'step_size' };

export const lightning: StackReader = {
  id: 'lightning',
  title: 'LightningCLI fit config (YAML with trainer, optimizer and lr_scheduler)',
  detect: (doc) => isObject(doc.value) && isObject(doc.value.trainer) && (Object.hasOwn(doc.value, 'lr_scheduler') || Object.hasOwn(doc.value, 'optimizer')),
  resolve: (doc, ctx) => resolveLightning(doc, ctx),
};

/** `class_path: torch.optim.lr_scheduler.StepLR` or `StepLR` to `StepLR`, with its init_args. */
function classOf(keys: Keys, key: string): { name: string; path: string; args: Record<string, unknown> } {
  const value = keys.raw(key);
  if (typeof value === 'string') return { name: value.slice(value.lastIndexOf('.') + 1), path: value, args: {} };
  if (!isObject(value) || typeof value.class_path !== 'string') throw new LrvizError(`${keys.where(key)} is ${shown(value)}; expected class_path and init_args`);
  const args = value.init_args ?? {};
  if (!isObject(args)) throw new LrvizError(`${keys.where(`${key}.init_args`)} is ${shown(args)}; expected a mapping of arguments`);
  return { name: value.class_path.slice(value.class_path.lastIndexOf('.') + 1), path: value.class_path, args };
}

function resolveLightning(doc: ConfigDocument, ctx: ResolveContext): ResolvedConfig {
  const keys = new Keys(doc.name, doc.value as Record<string, unknown>);
  const plan = new Plan(doc.name, ctx);
  const trainer = keys.child('trainer') as Keys;
  if (!keys.has('optimizer') && !keys.has('lr_scheduler')) {
    plan.fail('optimizer and lr_scheduler are null: the LightningModule\'s own configure_optimizers decides the lr, and a config cannot show it (give its schedule with -s)');
  }
  // LightningCLI with an optimizer and no lr_scheduler returns the optimizer alone: its lr, constant.
  const scheduler = keys.has('lr_scheduler') ? classOf(keys, 'lr_scheduler') : { name: 'constant', path: 'constant', args: {} };
  if (scheduler.name === 'ReduceLROnPlateau') plan.fail(`lr_scheduler ${scheduler.path} lowers the lr when the monitored metric stops improving: when, only the run knows`);
  const torchPath = scheduler.path === scheduler.name || /^torch\.optim\.lr_scheduler\./.test(scheduler.path);
  if (scheduler.name !== 'constant' && (!torchPath || !TORCH_SCHEDULERS.includes(scheduler.name))) {
    plan.fail(`lr_scheduler ${scheduler.path}: lrviz reads torch.optim.lr_scheduler's ${TORCH_SCHEDULERS.join(', ')}; another class's code decides its lr (give its curve with -s)`);
  }
  const optimizer = keys.has('optimizer') ? classOf(keys, 'optimizer') : undefined;
  const lrGiven = optimizer?.args.lr;
  let lr: number;
  if (lrGiven === undefined) {
    lr = 0.001;
    plan.assume('optimizer lr: 0.001 (torch.optim\'s default for Adam, AdamW and SGD; the file does not set it)');
  } else {
    const parsed = new Keys(doc.name, { lr: lrGiven }, 'optimizer.init_args').number('lr') as number;
    lr = parsed;
  }

  const accumulation = plan.overridden('gradAccum', 'trainer.accumulate_grad_batches', trainer.integer('accumulate_grad_batches', 1) as number);
  const perEpoch = updatesPerEpoch(keys, trainer, plan, accumulation);
  const maxSteps = trainer.integer('max_steps', -1) as number;
  const epochsKey = trainer.integer('max_epochs');
  const maxEpochs = plan.overridden('epochs', 'trainer.max_epochs', epochsKey ?? (maxSteps === -1 ? 1000 : -1));
  if (epochsKey === undefined && maxSteps === -1) plan.assume('trainer.max_epochs: 1000 (Lightning\'s default when neither max_epochs nor max_steps is set)');
  const byEpochs = maxEpochs > 0 ? maxEpochs * perEpoch : Infinity;
  const updates = maxSteps > 0 && maxSteps < byEpochs
    ? plan.derive('updates', maxSteps, 'max_steps', `trainer.max_steps ends the run before ${maxEpochs > 0 ? `max_epochs ${count(maxEpochs)} (${count(byEpochs)} updates)` : 'any epoch limit'}`)
    : plan.derive('updates', byEpochs, `${count(maxEpochs)} epochs × ${count(perEpoch)} updates/epoch`, 'trainer.max_epochs');
  const epochs = Math.ceil(updates / perEpoch);

  const { last_epoch: lastEpoch, verbose: _verbose, ...args } = scheduler.args;
  if (lastEpoch !== undefined && lastEpoch !== -1) plan.fail(`lr_scheduler.init_args.last_epoch ${shown(lastEpoch)}: a scheduler resumed mid-run is not a config lrviz can draw from the start`);
  if (scheduler.name === 'constant') plan.assume('lr_scheduler: null: LightningCLI returns the optimizer alone, so its lr holds for the whole run');
  const spec = scheduler.name === 'constant' ? { type: 'constant', lr } : { type: `torch.${scheduler.name}`, lr, ...args };
  noteLightning(plan, { name: scheduler.name, args, epochs, perEpoch, updates });
  return {
    stack: 'lightning',
    release: LIGHTNING_RELEASE,
    file: doc.file,
    spec,
    updates,
    epochs,
    stepsPerEpoch: perEpoch,
    gradientAccumulation: accumulation,
    stepped: { unit: 'epoch', stepsPerEpoch: perEpoch, schedulerSteps: epochs },
    derivations: plan.derivations,
    assumptions: [...plan.assumptions, "LightningCLI steps its lr_scheduler once per epoch (interval \"epoch\"): each epoch's lr holds for all its updates"],
    notes: plan.notes,
  };
}

/** Lightning's optimizer steps per epoch: as given, or from the dataset size. */
function updatesPerEpoch(keys: Keys, trainer: Keys, plan: Plan, accumulation: number): number {
  const perEpochGiven = plan.givenStepsPerEpoch();
  if (perEpochGiven !== undefined) return perEpochGiven;
  const size = plan.datasetSize('counts its run in epochs');
  const data = keys.child('data');
  const batch = data?.child('init_args')?.integer('batch_size') ?? data?.integer('batch_size');
  if (batch === undefined) plan.fail((name) => `data.init_args.batch_size is not in the file (the data module decides it): give ${name('stepsPerEpoch')} (optimizer updates per epoch)`);
  const devices = plan.inputs.devices ?? devicesOf(trainer, plan);
  const processes = devices * (trainer.integer('num_nodes', 1) as number);
  const perProcess = processes > 1 ? plan.derive('samples/process', divide(size, processes, 'up'), divisionRule(size, `${count(processes)} processes`, 'up'), 'DistributedSampler pads') : size;
  const dropLast = (data?.child('init_args') ?? data)?.boolean('drop_last', false) ?? false;
  const round = dropLast ? 'down' : 'up';
  let batches = plan.derive('batches/epoch', divide(perProcess, batch as number, round), divisionRule(perProcess, batch as number, round), dropLast ? 'data batch_size, drop_last' : 'data batch_size, last batch kept');
  const limit = trainer.number('limit_train_batches');
  // YAML's 1 and 1.0 read alike here; Lightning's 1.0 (all batches) is the usual one, so 1 is taken as all.
  if (limit !== undefined && limit !== 1) {
    batches = Number.isInteger(limit)
      ? plan.derive('batches/epoch', Math.min(batches, limit), `min(${count(batches)}, ${count(limit)})`, 'trainer.limit_train_batches (a count)')
      : plan.derive('batches/epoch', Math.floor(batches * limit), `int(${count(batches)} × ${limit})`, 'trainer.limit_train_batches (a fraction)');
  }
  return plan.derive('updates/epoch', divide(batches, accumulation, 'up'), divisionRule(batches, accumulation, 'up'), 'accumulate_grad_batches (the last partial accumulation steps too)');
}

/** trainer.devices: a count, a list or "0,1" of devices; "auto" and -1 depend on the machine. */
function devicesOf(trainer: Keys, plan: Plan): number {
  const value = trainer.raw('devices');
  if (value === undefined || value === 'auto' || value === -1 || value === '-1') {
    plan.assume((name) => `trainer.devices ${shown(value ?? 'auto')}: 1 process assumed (give ${name('devices')} N)`);
    return 1;
  }
  if (Array.isArray(value)) return value.length;
  if (typeof value === 'string' && value.includes(',')) return value.split(',').filter((part) => part.trim() !== '').length;
  return trainer.integer('devices') as number;
}

/** LRV005 for a horizon counted in steps that LightningCLI's epoch-wise stepping reads as epochs. */
function noteLightning(plan: Plan, r: { name: string; args: Record<string, unknown>; epochs: number; perEpoch: number; updates: number }): void {
  const key = HORIZONS[r.name];
  const horizon = key === undefined ? undefined : r.args[key];
  if (typeof horizon !== 'number' || r.perEpoch <= 1) return;
  if (horizon > r.epochs && horizon >= r.perEpoch) {
    const fix = key === 'step_size' ? Math.max(1, Math.round(horizon / r.perEpoch)) : r.epochs;
    plan.note({
      code: 'LRV005',
      message: `lr_scheduler ${key}=${count(horizon)} counts optimizer steps (the run has ${count(r.updates)}), but LightningCLI steps the scheduler once per epoch: over the run's ${count(r.epochs)} epochs it covers ${count(r.epochs)} of its ${count(horizon)}`,
      fix: `${key}: ${count(fix)} (epochs), or step it per update with a configure_optimizers that returns interval "step"`,
      values: { [key]: horizon, epochs: r.epochs },
      step: 0,
    });
  }
}

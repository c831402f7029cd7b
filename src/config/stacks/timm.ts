/**
 * timm's `args.yaml`, as train.py writes it (yaml.safe_dump of its arguments), or a YAML given to train.py
 * with `-c`, whose missing keys take train.py's argparse defaults. Rules of huggingface/pytorch-image-models at
 * aa4b5850c154 (train.py main; timm/scheduler/scheduler_factory.py scheduler_kwargs and create_scheduler_v2;
 * timm/data/loader.py create_loader), the schedulers of timm 1.0.29:
 *   lr            = lr, or (when lr is null or 0) lr_base × (global batch / lr_base_size), square-rooted for
 *                   lr_base_scale sqrt (the default for optimizers named ada* or lamb): global batch =
 *                   batch_size × processes × grad_accum_steps
 *   batches/epoch = floor(ceil(examples / processes) / batch_size)   (DistributedSampler pads; drop_last)
 *   updates/epoch = ceil(batches/epoch / grad_accum_steps)
 *   t_initial, warmup_t, decay_t, cooldown in epochs (stepped per epoch, t_in_epochs), or × updates/epoch
 *   with sched_on_updates; epochs run = cycle length (+ warmup with warmup_prefix) + cooldown, the epochs
 *   create_scheduler_v2 returns (step and multistep: epochs (+ warmup_epochs with warmup_prefix)).
 */
import { LrvizError, shown } from '../../errors.js';
import { count, divide, divisionRule, Plan } from '../plan.js';
import type { ConfigDocument, ResolveContext, ResolvedConfig, StackReader } from '../types.js';
import { isObject, Keys } from '../values.js';

export const TIMM_RELEASE = 'timm train.py (pytorch-image-models aa4b5850c154), schedulers of timm 1.0.29';

/** train.py's argparse defaults for the keys the schedule reads (what `-c config.yaml` leaves unset). */
const DEFAULTS = {
  sched: 'cosine',
  sched_on_updates: false,
  lr_base: 0.1,
  lr_base_size: 256,
  lr_base_scale: '',
  lr_cycle_mul: 1.0,
  lr_cycle_decay: 0.5,
  lr_cycle_limit: 1,
  lr_k_decay: 1.0,
  warmup_lr: 1e-5,
  min_lr: 0,
  epochs: 300,
  decay_milestones: [90, 180, 270],
  decay_epochs: 90,
  warmup_epochs: 5,
  warmup_prefix: false,
  cooldown_epochs: 0,
  decay_rate: 0.1,
  batch_size: 128,
  grad_accum_steps: 1,
  opt: 'sgd',
} as const;

const SYMBOLS = { cosine: 'timm.CosineLRScheduler', tanh: 'timm.TanhLRScheduler', poly: 'timm.PolyLRScheduler', step: 'timm.StepLRScheduler', multistep: 'timm.MultiStepLRScheduler' } as const;
type Sched = keyof typeof SYMBOLS;

/** Keys train.py's argument parser has and other stacks' files do not. */
const TIMM_KEYS = ['lr_base', 'warmup_lr', 'lr_cycle_mul', 'lr_k_decay', 'sched_on_updates', 'cooldown_epochs', 'decay_milestones'];

export const timm: StackReader = {
  id: 'timm',
  title: "timm train.py args.yaml (or a YAML given to train.py -c)",
  detect: (doc) => isObject(doc.value) && Object.hasOwn(doc.value, 'sched') && TIMM_KEYS.some((key) => Object.hasOwn(doc.value as object, key)),
  resolve: (doc, ctx) => resolveTimm(doc, ctx),
};

/** Reads keys with train.py's defaults for the missing ones, saying which defaults were taken. */
class Args {
  constructor(
    readonly keys: Keys,
    readonly plan: Plan,
  ) {}

  number(key: keyof typeof DEFAULTS): number {
    if (!this.keys.has(key)) this.defaulted(key);
    return this.keys.number(key, DEFAULTS[key] as number) as number;
  }

  boolean(key: 'sched_on_updates' | 'warmup_prefix'): boolean {
    if (!this.keys.has(key)) this.defaulted(key);
    return this.keys.boolean(key, DEFAULTS[key]);
  }

  string(key: 'sched' | 'lr_base_scale' | 'opt'): string {
    if (!this.keys.has(key)) this.defaulted(key);
    return this.keys.string(key, DEFAULTS[key]) as string;
  }

  milestones(): number[] {
    const value = this.keys.raw('decay_milestones');
    if (value === undefined) {
      this.defaulted('decay_milestones');
      return [...DEFAULTS.decay_milestones];
    }
    const list = Array.isArray(value) ? value : [value];
    if (!list.every((m) => typeof m === 'number' && Number.isFinite(m))) throw new LrvizError(`${this.keys.where('decay_milestones')} is ${shown(value)}; expected a list of epochs`);
    return list as number[];
  }

  private defaulted(key: keyof typeof DEFAULTS): void {
    this.plan.assume(`${key}: ${JSON.stringify(DEFAULTS[key])} (train.py's default; the file does not set it)`);
  }
}

function resolveTimm(doc: ConfigDocument, ctx: ResolveContext): ResolvedConfig {
  const keys = new Keys(doc.name, doc.value as Record<string, unknown>);
  const plan = new Plan(doc.name, ctx);
  const args = new Args(keys, plan);
  const sched = args.string('sched');
  if (sched === 'plateau') {
    plan.fail('sched: plateau lowers the lr by decay_rate whenever the eval metric stops improving for patience_epochs: when that happens is known only during the run, so no curve can be drawn ahead of it (its warmup alone: -s timm.StepLRScheduler with a decay_t past the run)');
  }
  if (!Object.hasOwn(SYMBOLS, sched)) throw new LrvizError(`${keys.where('sched')} is ${shown(sched)}; timm's create_scheduler_v2 builds cosine, tanh, step, multistep, poly and plateau`);
  if (keys.has('lr_noise')) {
    plan.assume(`lr_noise ${JSON.stringify(keys.raw('lr_noise'))}: timm adds seeded random noise to the lr in that part of the run; drawn without it`);
  }

  const devices = plan.devices();
  const batch = args.number('batch_size');
  const accumulation = plan.overridden('gradAccum', 'grad_accum_steps', Math.max(1, args.number('grad_accum_steps')));
  const lr = learningRate(keys, args, plan, { batch, devices, accumulation });
  const perEpoch = updatesPerEpoch(keys, plan, { batch, devices, accumulation });
  const epochs = plan.overridden('epochs', 'epochs', args.number('epochs'));
  const onUpdates = args.boolean('sched_on_updates');
  const prefix = args.boolean('warmup_prefix');
  const warmupEpochs = args.number('warmup_epochs');
  const cooldownEpochs = args.number('cooldown_epochs');
  // create_scheduler_v2: lengths in epochs, or in updates when the scheduler steps on updates.
  const unit = onUpdates ? perEpoch : 1;
  const warmup = { warmup_t: warmupEpochs * unit, warmup_lr_init: args.number('warmup_lr'), warmup_prefix: prefix };
  const stepping = { updates_per_epoch: perEpoch, t_in_epochs: !onUpdates };
  const symbol = SYMBOLS[sched as Sched];
  let spec: Record<string, unknown>;
  let runEpochs: number;
  // More than one cycle (lr_cycle_limit > 1): the notes then say the run is cycles, not epochs.
  let cyclic = false;
  if (sched === 'step' || sched === 'multistep') {
    const decay = sched === 'step' ? args.number('decay_epochs') * unit : args.milestones().map((m) => m * unit);
    spec = { type: symbol, lr, decay_t: decay, decay_rate: args.number('decay_rate'), ...warmup, ...stepping };
    runEpochs = plan.derive('epochs run', epochs + (prefix ? warmupEpochs : 0), prefix ? `${count(epochs)} + ${count(warmupEpochs)} warmup epochs` : 'epochs', 'create_scheduler_v2: warmup_prefix adds the warmup');
  } else {
    const cycles = { cycle_mul: args.number('lr_cycle_mul'), cycle_decay: args.number('lr_cycle_decay'), cycle_limit: args.number('lr_cycle_limit') };
    const tInitial = epochs * unit;
    spec = { type: symbol, lr, t_initial: tInitial, lr_min: args.number('min_lr'), ...cycles, ...warmup, ...stepping };
    if (sched === 'poly') spec.power = args.number('decay_rate'); // create_scheduler_v2 passes decay_rate as the power
    if (sched !== 'tanh') spec.k_decay = args.number('lr_k_decay');
    // get_cycle_length() + cooldown_t, in the scheduler's own unit.
    const limit = Math.max(1, cycles.cycle_limit);
    cyclic = limit > 1;
    const cycleLength = cycles.cycle_mul === 1 ? tInitial * limit : Math.floor((-tInitial * (cycles.cycle_mul ** limit - 1)) / (1 - cycles.cycle_mul));
    const length = cycleLength + (prefix ? warmup.warmup_t : 0) + cooldownEpochs * unit;
    const parts = [limit === 1 ? count(tInitial) : `${count(cycleLength)} (${count(limit)} cycles)`, ...(prefix ? [`${count(warmup.warmup_t)} warmup`] : []), ...(cooldownEpochs > 0 ? [`${count(cooldownEpochs * unit)} cooldown`] : [])];
    runEpochs = onUpdates
      ? plan.derive('epochs run', Math.floor(length / perEpoch), `floor((${parts.join(' + ')}) / ${count(perEpoch)})`, 'create_scheduler_v2: cycles, warmup_prefix and cooldown_epochs, in updates')
      : plan.derive('epochs run', length, parts.join(' + '), 'create_scheduler_v2: get_cycle_length() + cooldown_epochs');
  }
  const updates = plan.derive('updates', runEpochs * perEpoch, `${count(runEpochs)} epochs × ${count(perEpoch)} updates/epoch`, 'train.py: for epoch in range(num_epochs)');
  noteTimm(plan, { sched: sched as Sched, epochs, runEpochs, prefix, warmupEpochs, cooldownEpochs, perEpoch, cycles: cyclic });
  return {
    stack: 'timm',
    release: TIMM_RELEASE,
    file: doc.file,
    spec: { type: symbol, ...spec },
    updates,
    epochs: runEpochs,
    stepsPerEpoch: perEpoch,
    gradientAccumulation: accumulation,
    derivations: plan.derivations,
    assumptions: plan.assumptions,
    notes: plan.notes,
  };
}

/** train.py: `if not args.lr`, the lr comes from lr_base scaled by the global batch. */
function learningRate(keys: Keys, args: Args, plan: Plan, run: { batch: number; devices: number; accumulation: number }): number {
  const given = keys.number('lr');
  if (given) return given;
  const base = args.number('lr_base');
  const baseSize = args.number('lr_base_size');
  const global = plan.derive('global batch', run.batch * run.devices * run.accumulation, `${count(run.batch)} × ${count(run.devices)} × ${count(run.accumulation)}`, (name) => `batch_size × ${name('devices')} × grad_accum_steps`);
  let scale = args.string('lr_base_scale');
  if (scale === '') {
    const opt = args.string('opt').toLowerCase();
    scale = ['ada', 'lamb'].some((o) => opt.includes(o)) ? 'sqrt' : 'linear';
    plan.assume(`lr_base_scale: ${scale} (train.py picks sqrt for optimizers named ada* or lamb, linear otherwise; opt is ${JSON.stringify(opt)})`);
  }
  const ratio = global / baseSize;
  const lr = base * (scale === 'sqrt' ? ratio ** 0.5 : ratio);
  return plan.derive('lr', lr, scale === 'sqrt' ? `${base} × sqrt(${count(global)} / ${count(baseSize)})` : `${base} × ${count(global)} / ${count(baseSize)}`, `lr ${keys.has('lr') ? shown(keys.raw('lr')) : 'null'}: lr_base scaled by the global batch (train.py)`);
}

/** len(loader_train) as timm's create_loader makes it, then train.py's updates per epoch. */
function updatesPerEpoch(keys: Keys, plan: Plan, run: { batch: number; devices: number; accumulation: number }): number {
  const perEpochGiven = plan.givenStepsPerEpoch();
  if (perEpochGiven !== undefined) return perEpochGiven;
  for (const key of ['epoch_repeats', 'aug_repeats'] as const) {
    const value = keys.number(key);
    if (value && !(key === 'aug_repeats' && run.devices === 1)) plan.fail((name) => `${key}: ${value} changes how many batches an epoch has; give ${name('stepsPerEpoch')} (updates per epoch, as train.py logs them)`);
  }
  const size = plan.datasetSize('counts its run in epochs');
  // DistributedSampler (drop_last=False) pads each process to ceil(examples / processes); the training loader drops the last partial batch.
  const perProcess = run.devices > 1 ? plan.derive('samples/process', divide(size, run.devices, 'up'), divisionRule(size, `${count(run.devices)} devices`, 'up'), 'DistributedSampler pads') : size;
  const batches = plan.derive('batches/epoch', divide(perProcess, run.batch, 'down'), divisionRule(perProcess, run.batch, 'down'), 'batch_size, drop_last for training (create_loader)');
  if (batches === 0) plan.fail(`${count(perProcess)} examples per process make no whole batch of ${count(run.batch)}: timm's training loader drops it`);
  return plan.derive('updates/epoch', divide(batches, run.accumulation, 'up'), divisionRule(batches, run.accumulation, 'up'), 'grad_accum_steps (train.py: (len(loader) + accum - 1) // accum)');
}

/** The traps of timm's arguments (LRV205, LRV206): what the file's epochs do not say. */
function noteTimm(
  plan: Plan,
  r: { sched: Sched; epochs: number; runEpochs: number; prefix: boolean; warmupEpochs: number; cooldownEpochs: number; perEpoch: number; cycles: boolean },
): void {
  if (r.runEpochs !== r.epochs) {
    const added = (r.prefix ? r.warmupEpochs : 0) + r.cooldownEpochs;
    const why = [
      ...(r.cycles ? [`the ${r.sched} runs in cycles (lr_cycle_limit, lr_cycle_mul), each the length of epochs or more`] : []),
      ...(r.prefix && r.warmupEpochs > 0 ? [`warmup_prefix adds the ${count(r.warmupEpochs)} warmup epochs`] : []),
      ...(r.cooldownEpochs > 0 ? [`cooldown_epochs adds ${count(r.cooldownEpochs)} at min_lr`] : []),
    ];
    plan.note({
      code: 'LRV205',
      message: `timm trains ${count(r.runEpochs)} epochs, not epochs: ${count(r.epochs)} (${why.join('; ')}), as create_scheduler_v2 returns them: ${count(Math.abs(r.runEpochs - r.epochs) * r.perEpoch)} updates ${r.runEpochs > r.epochs ? 'more' : 'fewer'} than epochs says`,
      fix: r.cycles || added >= r.epochs ? 'set epochs to the length of one cycle, so that all of them fit the run you mean' : `epochs: ${count(r.epochs - added)} for ${count(r.epochs)} epochs in all, if the run must keep that length`,
      values: { epochs: r.epochs, epochsRun: r.runEpochs },
      step: r.epochs * r.perEpoch,
    });
  }
  // tanh aims its warmup at its own curve, and a step schedule at lr: only cosine and poly drop.
  if (!r.prefix && r.warmupEpochs > 0 && (r.sched === 'cosine' || r.sched === 'poly')) {
    const end = r.warmupEpochs * r.perEpoch;
    plan.note({
      code: 'LRV206',
      message: `warmup_prefix: false: the ${count(r.warmupEpochs)}-epoch warmup covers the start of the ${r.sched} schedule instead of preceding it, so the warmup climbs towards lr and then the lr falls to the ${r.sched}'s value at epoch ${count(r.warmupEpochs)}, already on its way down`,
      fix: 'warmup_prefix: true (the schedule then starts after the warmup; create_scheduler_v2 adds the warmup epochs to the run)',
      values: { warmupEpochs: r.warmupEpochs },
      step: end,
    });
  }
}

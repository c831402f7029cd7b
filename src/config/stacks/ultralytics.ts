/**
 * ultralytics' `args.yaml`, written by every YOLO training run (BaseTrainer.__init__: yaml_save(vars(args))).
 * Rules of the ultralytics 8.3 trainer (ultralytics/ultralytics at 3c5ac618ec95: engine/trainer.py,
 * data/build.py build_dataloader, data/base.py for `fraction`); the lr itself in ../../dialects/ultralytics-trainer.ts:
 *   processes      = the devices given, else the count in `device` ("0,1,2,3": 4; one GPU, cpu or none: 1)
 *   batch/process  = batch // processes;  images = round(examples × fraction) when fraction < 1
 *   nb             = ceil(ceil(images / processes) / min(batch/process, images))  (DistributedSampler pads; no drop_last)
 *   updates        = the batches of epochs × nb on which the optimizer steps (accumulating nbs / batch)
 *   optimizer auto = SGD at lr 0.01 when ceil(images / max(batch, nbs)) × epochs > 10,000, else AdamW at an lr
 *                    from the dataset's class count: lr0 is ignored either way
 */
import { LrvizError, shown } from '../../errors.js';
import { accumulation, updateBatches, warmupBatches } from '../../dialects/ultralytics-trainer.js';
import { pythonRound } from '../../dialects/python-math.js';
import { count, divide, divisionRule, Plan } from '../plan.js';
import type { ConfigDocument, ResolveContext, ResolvedConfig, StackReader } from '../types.js';
import { isObject, Keys } from '../values.js';

export const ULTRALYTICS_RELEASE = 'ultralytics 8.3 (engine/trainer.py at 3c5ac618ec95)';

/** ultralytics/cfg/default.yaml, for keys a hand-written file leaves out. */
const DEFAULTS = { epochs: 100, batch: 16, lr0: 0.01, lrf: 0.01, warmup_epochs: 3.0, warmup_bias_lr: 0.1, nbs: 64, fraction: 1.0 } as const;

const OPTIMIZERS = ['SGD', 'Adam', 'Adamax', 'AdamW', 'NAdam', 'RAdam', 'RMSProp', 'auto'];

export const ultralytics: StackReader = {
  id: 'ultralytics',
  title: "ultralytics YOLO args.yaml (a training run's, or a cfg file)",
  detect: (doc) => isObject(doc.value) && Object.hasOwn(doc.value, 'lr0') && Object.hasOwn(doc.value, 'lrf'),
  resolve: (doc, ctx) => resolveUltralytics(doc, ctx),
};

function resolveUltralytics(doc: ConfigDocument, ctx: ResolveContext): ResolvedConfig {
  const keys = new Keys(doc.name, doc.value as Record<string, unknown>);
  const plan = new Plan(doc.name, ctx);
  const number = (key: keyof typeof DEFAULTS): number => {
    if (!keys.has(key)) plan.assume(`${key}: ${DEFAULTS[key]} (ultralytics/cfg/default.yaml; the file does not set it)`);
    return keys.number(key, DEFAULTS[key]) as number;
  };
  if (keys.has('time')) plan.fail(`time: ${shown(keys.raw('time'))} trains for that many hours and recomputes epochs from the time each epoch took: no curve can be drawn ahead of the run (set time: null and epochs)`);
  const epochs = plan.overridden('epochs', 'epochs', number('epochs'));
  const batch = number('batch');
  if (!(batch >= 1) || !Number.isInteger(batch)) plan.fail(`batch: ${batch} asks AutoBatch to pick the batch from the GPU's memory during the run; set batch to the batch it picked (the run's log says "AutoBatch: Using batch-size N")`);
  const nbs = number('nbs');
  const devices = processes(keys, plan);
  const optimizer = keys.string('optimizer', 'auto') as string;
  const canonical = OPTIMIZERS.find((o) => o.toLowerCase() === optimizer.toLowerCase());
  if (canonical === undefined) throw new LrvizError(`${keys.where('optimizer')} is ${shown(optimizer)}; the ultralytics trainer builds ${OPTIMIZERS.join(', ')}`);
  if (keys.has('resume') && keys.raw('resume') !== false) plan.assume('resume: a resumed run continues the same curve from its epoch; drawn from the start');

  const { images, batchesPerEpoch } = epochLength(keys, plan, { batch, devices, fraction: number('fraction') });
  let lr0 = number('lr0');
  let warmupBiasLr = number('warmup_bias_lr');
  if (canonical === 'auto') {
    if (images === undefined) return plan.fail((name) => `optimizer: auto picks the optimizer and lr from the dataset size: give ${name('datasetSize')} (training images)`);
    const iterations = plan.derive('iterations', Math.ceil(images / Math.max(batch, nbs)) * epochs, `ceil(${count(images)} / max(${count(batch)}, ${count(nbs)})) × ${count(epochs)} epochs`, 'build_optimizer(iterations=...) under optimizer: auto');
    if (iterations <= 10000) {
      plan.fail(`optimizer: auto trains AdamW at lr0 = round(0.002 × 5 / (4 + nc), 6) for ${count(iterations)} iterations (10,000 or fewer), nc being the dataset's class count, which args.yaml does not hold: set optimizer and lr0 (for 10 classes, AdamW and lr0: 0.000714), or plot -s ultralytics.yolo:lr0=...`);
    }
    plan.note({
      code: 'LRV207',
      message: `optimizer: auto ignores lr0: ${lr0} (and momentum): with ${count(iterations)} iterations (more than 10,000) the trainer builds SGD at lr 0.01, momentum 0.9, and warms the biases up from 0 rather than from warmup_bias_lr`,
      fix: `optimizer: SGD (or AdamW, ...) so that lr0 is what trains`,
      values: { lr0, iterations },
    });
    lr0 = plan.derive('lr0', 0.01, 'SGD, 0.01', 'optimizer: auto with more than 10,000 iterations (build_optimizer)');
    warmupBiasLr = 0;
  }
  const warmupEpochs = number('warmup_epochs');
  const run = { warmupEpochs, batchesPerEpoch, nbs, batch };
  const nw = warmupBatches(run);
  if (nw >= 0) plan.derive('warmup batches', nw, `max(round(${warmupEpochs} × ${count(batchesPerEpoch)}), 100)`, 'warmup_epochs, at least 100 iterations (_do_train nw)');
  plan.derive('accumulate', accumulation(run), `max(round(${count(nbs)} / ${count(batch)}), 1)`, 'nbs / batch: batches per optimizer update after the warmup (rising from 1 during it)');
  const updates = plan.derive('updates', updateBatches(run).updatesIn(epochs * batchesPerEpoch), `optimizer steps in ${count(epochs)} epochs × ${count(batchesPerEpoch)} batches`, '_do_train: a step when ni - last_opt_step >= accumulate');
  plan.assume('the lr shown is the weights\' (param groups 1 and 2); the biases (group 0) warm up from warmup_bias_lr instead of 0: -s ... param_group=bias');
  const spec = {
    type: 'ultralytics.yolo',
    lr0,
    lrf: number('lrf'),
    cos_lr: keys.boolean('cos_lr', false),
    epochs,
    batches_per_epoch: batchesPerEpoch,
    warmup_epochs: warmupEpochs,
    warmup_bias_lr: warmupBiasLr,
    batch,
    nbs,
    param_group: 'weights',
  };
  return { stack: 'ultralytics', release: ULTRALYTICS_RELEASE, file: doc.file, spec, updates, epochs, derivations: plan.derivations, assumptions: plan.assumptions, notes: plan.notes };
}

/** trainer.train(): the processes `device` names, unless the devices given say. */
function processes(keys: Keys, plan: Plan): number {
  if (plan.inputs.devices !== undefined) return plan.inputs.devices;
  const device = keys.raw('device');
  const named = Array.isArray(device) ? device.length : typeof device === 'string' && device.includes(',') ? device.split(',').length : 1;
  if (named > 1) return plan.derive('processes', named, `device: ${shown(device)}`, 'one DDP process per device (trainer.train)');
  plan.assume((name) => `1 process (device: ${shown(device ?? null)}; give ${name('devices')} N for DDP)`);
  return 1;
}

/** nb = len(train_loader), from the steps per epoch given (taken as nb here) or the dataset size. */
function epochLength(keys: Keys, plan: Plan, o: { batch: number; devices: number; fraction: number }): { images?: number; batchesPerEpoch: number } {
  const perProcessBatch = plan.derive('batch/process', Math.floor(o.batch / o.devices), `${count(o.batch)} // ${count(o.devices)}`, 'batch // world_size (_setup_train)');
  if (perProcessBatch < 1) plan.fail(`batch ${o.batch} over ${o.devices} processes leaves none for each`);
  const nbGiven = plan.givenStepsPerEpoch('batches/epoch', (name) => `${name('stepsPerEpoch')}, taken as nb: batches per epoch on each process (updates span epochs here)`);
  if (nbGiven !== undefined) return { images: plan.inputs.datasetSize, batchesPerEpoch: nbGiven };
  const examples = plan.datasetSize('trains in epochs');
  const images = o.fraction < 1 ? plan.derive('images', pythonRound(examples * o.fraction), `round(${count(examples)} × ${o.fraction})`, 'fraction (the dataset keeps its first images)') : examples;
  const perProcess = o.devices > 1 ? plan.derive('images/process', divide(images, o.devices, 'up'), divisionRule(images, `${count(o.devices)} processes`, 'up'), 'DistributedSampler pads') : images;
  const loaderBatch = Math.min(perProcessBatch, images);
  const nb = plan.derive('batches/epoch', divide(perProcess, loaderBatch, 'up'), divisionRule(perProcess, loaderBatch, 'up'), 'nb = len(train_loader): the last batch kept (build_dataloader)');
  return { images, batchesPerEpoch: nb };
}

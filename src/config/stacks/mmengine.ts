/**
 * MMEngine / OpenMMLab Python configs (mmdetection, mmsegmentation, mmpretrain, ...), read as literals,
 * never run. The rules of mmengine 0.11 (open-mmlab/mmengine at 254342938d9b):
 *   lr            = optim_wrapper.optimizer.lr (× batch / auto_scale_lr.base_batch_size when enabled)
 *   updates/epoch = len(train_dataloader) = ceil or floor(ceil(dataset / devices) / batch_size)
 *                   (DefaultSampler round_up=True; floor with drop_last=True)
 *   updates       = max_epochs × updates/epoch (EpochBasedTrainLoop) or max_iters (IterBasedTrainLoop)
 *   a scheduler's end defaults to max_epochs when by_epoch, else to max_iters (runner._build_param_scheduler)
 * The schedulers themselves run in ../../dialects/mmengine-schedulers.ts.
 */
import { LrvizError } from '../../errors.js';
import { MMENGINE_INF, mmengineSchedulerSpec, readMmengineScheduler, type MmengineKind } from '../../dialects/mmengine-schedulers.js';
import { Unreadable, type PyDict, type PyValue } from '../python-literals.js';
import { count, divide, divisionRule, Plan } from '../plan.js';
import type { ConfigDocument, ResolveContext, ResolvedConfig, StackReader } from '../types.js';
import { readMmengineTree, type MmengineTree } from './mmengine-files.js';

export const MMENGINE_RELEASE = 'mmengine 0.11';

/** Shapes that change within their range: stepped per epoch they become staircases. */
const SMOOTH = new Set<MmengineKind>(['LinearLR', 'CosineAnnealingLR', 'PolyLR', 'OneCycleLR', 'CosineRestartLR', 'ExponentialLR']);

/** Names only OpenMMLab configs bind at their top level. */
const MARKERS = /^(param_scheduler|optim_wrapper|train_cfg|_base_)\s*=/m;

export const mmengine: StackReader = {
  id: 'mmengine',
  title: 'MMEngine / OpenMMLab Python config (mmdetection, mmsegmentation, mmpretrain, ...)',
  detect: (doc) => doc.format === 'text' && /\.py$/i.test(doc.name) && MARKERS.test(doc.text),
  resolve: (doc, ctx) => resolveMmengine(doc, ctx),
};

/** Reads keys of the merged config: an Unreadable is an error naming its file and line. */
class Config {
  constructor(
    readonly tree: MmengineTree,
    readonly name: string,
  ) {}

  get(path: string): PyValue | undefined {
    let value: PyValue | undefined = this.tree.config;
    for (const key of path.split('.')) {
      if (value instanceof Unreadable) break;
      value = value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as PyDict)[key] : undefined;
    }
    if (value instanceof Unreadable) throw new LrvizError(`${value.where()}: ${path}: ${value.reason}`);
    return value;
  }

  /** Where a top-level key came from, for messages. */
  file(path: string): string {
    return this.tree.origin.get(path.split('.')[0]) ?? this.name;
  }

  missing(path: string, what: string): never {
    const missing = this.tree.missingBases[0];
    if (missing !== undefined) {
      throw new LrvizError(`${this.name}: ${path} is not in the files read; it may be in the base ${JSON.stringify(missing.base)} that ${missing.from} names, which lrviz cannot open (${what})`);
    }
    throw new LrvizError(`${this.name}: ${path} is missing (${what})`);
  }

  number(path: string, what: string, fallback?: number): number {
    const value = this.get(path);
    if (value === undefined || value === null) {
      if (fallback !== undefined) return fallback;
      return this.missing(path, what);
    }
    if (typeof value !== 'number' || !Number.isFinite(value)) throw new LrvizError(`${this.file(path)}: ${path} is ${JSON.stringify(value)}; expected a number (${what})`);
    return value;
  }
}

export async function resolveMmengine(doc: ConfigDocument, ctx: ResolveContext): Promise<ResolvedConfig> {
  const tree = await readMmengineTree(doc, ctx);
  const cfg = new Config(tree, doc.name);
  const plan = new Plan(doc.name, ctx);
  if (tree.files.length > 1) plan.assume(`_base_ files merged as mmengine's Config does: ${tree.files.slice(1).join(', ')}`);
  for (const { base, from } of tree.missingBases) plan.assume(`_base_ ${JSON.stringify(base)} (named by ${from}) cannot be opened; keys only it holds are unknown`);

  if (cfg.get('param_scheduler') === undefined && cfg.get('lr_config') !== undefined) {
    throw new LrvizError(`${cfg.file('lr_config')}: lr_config is an mmcv 1.x (OpenMMLab 1.x) schedule; lrviz reads MMEngine's param_scheduler (OpenMMLab 2.x)`);
  }
  const loop = trainLoop(cfg, plan);
  const schedulerList = schedulerDicts(cfg);
  const needsEpochs = loop.byEpoch || schedulerList.some((s) => s.value.convert_to_iter_based === true);
  const epochLength = needsEpochs ? updatesPerEpoch(cfg, plan, loop.byEpoch ? `trains ${count(loop.length)} epochs (train_cfg.max_epochs)` : 'converts an epoch-based scheduler to iterations') : 1;
  const updates = loop.byEpoch
    ? plan.derive('updates', loop.length * epochLength, `${count(loop.length)} epochs × ${count(epochLength)} updates/epoch`, 'train_cfg.max_epochs, EpochBasedTrainLoop')
    : plan.derive('updates', loop.length, 'max_iters', 'train_cfg.max_iters, IterBasedTrainLoop');
  const maxIters = loop.byEpoch ? updates : loop.length;
  const maxEpochs = loop.byEpoch ? loop.length : 1;
  const lr = learningRate(cfg, plan);
  const schedulers = schedulerList.map(({ value, where }) => schedulerSpec(value, where, cfg, plan, maxEpochs, maxIters));
  if (schedulers.length === 0) plan.assume('no param_scheduler: the lr stays at optim_wrapper.optimizer.lr');
  const spec = { type: 'mmengine.param_scheduler', lr, epoch_length: epochLength, by_epoch_loop: loop.byEpoch, schedulers };
  noteSchedulers(plan, schedulers, { epochLength, maxEpochs, updates, byEpochLoop: loop.byEpoch });
  return {
    stack: 'mmengine',
    release: MMENGINE_RELEASE,
    file: doc.file,
    spec,
    updates,
    ...(loop.byEpoch ? { epochs: loop.length, stepsPerEpoch: epochLength } : {}),
    derivations: plan.derivations,
    assumptions: plan.assumptions,
    notes: plan.notes,
  };
}

function trainLoop(cfg: Config, plan: Plan): { byEpoch: boolean; length: number } {
  const train = cfg.get('train_cfg');
  if (train === undefined || train === null) return cfg.missing('train_cfg', 'the run length: max_epochs or max_iters');
  const type = cfg.get('train_cfg.type');
  const byEpoch = type === undefined ? cfg.get('train_cfg.by_epoch') !== false : type === 'EpochBasedTrainLoop';
  if (type !== undefined && type !== 'EpochBasedTrainLoop' && type !== 'IterBasedTrainLoop') {
    throw new LrvizError(`${cfg.file('train_cfg')}: train_cfg.type is ${JSON.stringify(type)}; lrviz knows EpochBasedTrainLoop and IterBasedTrainLoop`);
  }
  if (byEpoch) {
    const epochs = cfg.number('train_cfg.max_epochs', 'EpochBasedTrainLoop needs it');
    return { byEpoch, length: plan.overridden('epochs', 'train_cfg.max_epochs', epochs) };
  }
  return { byEpoch, length: cfg.number('train_cfg.max_iters', 'IterBasedTrainLoop needs it') };
}

/** len(train_dataloader): DefaultSampler pads every process to ceil(dataset / devices) samples. */
function updatesPerEpoch(cfg: Config, plan: Plan, why: string): number {
  const perEpochGiven = plan.givenStepsPerEpoch();
  if (perEpochGiven !== undefined) return perEpochGiven;
  const size = plan.datasetSize(why);
  const batch = cfg.number('train_dataloader.batch_size', 'images per process and update');
  const dropLast = cfg.get('train_dataloader.drop_last') === true;
  const devices = plan.devices();
  const perProcess = plan.derive('samples/process', divide(size, devices, 'up'), divisionRule(size, `${count(devices)} devices`, 'up'), 'DefaultSampler round_up=True');
  const round = dropLast ? 'down' : 'up';
  return plan.derive('updates/epoch', divide(perProcess, batch, round), divisionRule(perProcess, `batch_size ${count(batch)}`, round), `train_dataloader.batch_size${dropLast ? ', drop_last=True' : ''}`);
}

function learningRate(cfg: Config, plan: Plan): number {
  const path = cfg.get('optim_wrapper') === undefined && cfg.get('optimizer.lr') !== undefined ? 'optimizer.lr' : 'optim_wrapper.optimizer.lr';
  const lr = cfg.number(path, "the optimizer's learning rate");
  if (cfg.get('auto_scale_lr.enable') !== true) {
    if (cfg.get('auto_scale_lr') !== undefined) plan.assume('auto_scale_lr is off (mmengine scales the lr only when auto_scale_lr.enable=True or training starts with --auto-scale-lr)');
    return lr;
  }
  const base = cfg.number('auto_scale_lr.base_batch_size', 'the batch the lr was set for');
  const batch = cfg.number('train_dataloader.batch_size', 'images per process and update');
  const devices = plan.devices();
  return plan.derive('lr', (lr * (batch * devices)) / base, `${lr} × (${count(batch)} × ${count(devices)} devices) / ${count(base)}`, 'auto_scale_lr.enable=True, base_batch_size');
}

function schedulerDicts(cfg: Config): { value: PyDict; where: string }[] {
  const value = cfg.get('param_scheduler');
  if (value === undefined || value === null) return [];
  const list = Array.isArray(value) ? value : [value];
  return list.map((item, k) => {
    const where = Array.isArray(value) ? `param_scheduler[${k}]` : 'param_scheduler';
    if (item instanceof Unreadable) throw new LrvizError(`${item.where()}: ${where}: ${item.reason}`);
    if (item === null || typeof item !== 'object' || Array.isArray(item)) throw new LrvizError(`${cfg.file('param_scheduler')}: ${where} is not a dict(type=...)`);
    return { value: item, where };
  });
}

type SchedulerSpec = Record<string, number | number[] | string | boolean>;

/** One scheduler dict as the runner builds it (its end defaulted), checked by the dialect's own reader. */
function schedulerSpec(s: PyDict, where: string, cfg: Config, plan: Plan, maxEpochs: number, maxIters: number): SchedulerSpec {
  for (const [key, value] of Object.entries(s)) if (value instanceof Unreadable) throw new LrvizError(`${value.where()}: ${where}.${key}: ${value.reason}`);
  const given: Record<string, unknown> = { ...s };
  if (given.end === undefined) {
    const byEpoch = given.by_epoch !== false;
    given.end = byEpoch ? maxEpochs : maxIters;
    plan.assume(`${where}.end: ${count(given.end as number)} (${byEpoch ? 'max_epochs' : 'max_iters'}, the runner's default for a scheduler with by_epoch=${byEpoch ? 'True' : 'False'})`);
  }
  const file = cfg.file('param_scheduler');
  return mmengineSchedulerSpec(readMmengineScheduler(given, (message) => {
    throw new LrvizError(`${file}: ${where}.${message}`);
  }));
}

interface RunShape {
  epochLength: number;
  maxEpochs: number;
  updates: number;
  byEpochLoop: boolean;
}

/** The range a scheduler is active for, in updates. */
function rangeInUpdates(s: SchedulerSpec, run: RunShape): [number, number] {
  const scale = s.by_epoch === true ? run.epochLength : 1;
  return [(s.begin as number) * scale, Math.min((s.end as number) * scale, run.updates)];
}

/** The traps MMEngine configs fall into (LRV2xx): each a fact with the update it shows at and a fix to type. */
function noteSchedulers(plan: Plan, schedulers: readonly SchedulerSpec[], run: RunShape): void {
  schedulers.forEach((s, k) => {
    const name = `param_scheduler[${k}] (${s.symbol})`;
    if (s.by_epoch === true && run.byEpochLoop && (s.end as number) > run.maxEpochs && (s.end as number) !== MMENGINE_INF) {
      plan.note({
        code: 'LRV201',
        message: `${name} has by_epoch=True and end=${count(s.end as number)}, more than the ${count(run.maxEpochs)} epochs of the run: an end counted in iterations read as epochs, so it never finishes (mmsegmentation#3113)`,
        fix: `by_epoch=False (end counts iterations), or end=${count(Math.max(1, Math.round((s.end as number) / run.epochLength)))} (epochs)`,
        values: { end: s.end as number, maxEpochs: run.maxEpochs },
      });
    }
    if (s.by_epoch === true && s.convert_to_iter_based !== true && run.byEpochLoop && run.epochLength > 1 && SMOOTH.has(s.symbol as MmengineKind)) {
      const [from, to] = rangeInUpdates(s, run);
      plan.note({
        code: 'LRV202',
        message: `${name} is stepped once per epoch: its lr holds for ${count(run.epochLength)} updates at a time, a staircase of ${count(Math.max(0, Math.ceil((to - from) / run.epochLength)))} stairs rather than a smooth curve`,
        fix: 'convert_to_iter_based=True (mmengine then steps it every iteration, with its lengths multiplied by the epoch length)',
        step: from,
      });
    }
    if (s.by_epoch === false && run.byEpochLoop && (s.end as number) <= run.maxEpochs && run.epochLength > 1 && (s.end as number) - (s.begin as number) > 1) {
      plan.note({
        code: 'LRV204',
        message: `${name} has by_epoch=False and end=${count(s.end as number)}, the size of the run in epochs (${count(run.maxEpochs)}): counted in iterations, it is over after ${count(s.end as number)} of ${count(run.updates)} updates`,
        fix: `by_epoch=True (end counts epochs), or end=${count((s.end as number) * run.epochLength)} (iterations)`,
        values: { end: s.end as number, maxEpochs: run.maxEpochs },
        step: s.end as number,
      });
    }
  });
  // Gaps and overlaps between consecutive ranges, in updates.
  const ranges = schedulers.map((s, k) => ({ k, s, range: rangeInUpdates(s, run) })).filter((r) => r.range[1] > r.range[0]);
  for (let a = 0; a < ranges.length; a++) {
    for (let b = a + 1; b < ranges.length; b++) {
      const [x, y] = [ranges[a], ranges[b]];
      const overlap = Math.min(x.range[1], y.range[1]) - Math.max(x.range[0], y.range[0]);
      if (overlap > 0 && SMOOTH.has(x.s.symbol as MmengineKind) && SMOOTH.has(y.s.symbol as MmengineKind)) {
        plan.note({
          code: 'LRV203',
          message: `param_scheduler[${x.k}] (${x.s.symbol}) and param_scheduler[${y.k}] (${y.s.symbol}) are both active for ${count(overlap)} updates from update ${count(Math.max(x.range[0], y.range[0]))}: mmengine's schedulers are chainable, so there they compound`,
          fix: `begin=${count(x.s.by_epoch === y.s.by_epoch ? (x.s.end as number) : Math.ceil(x.range[1] / (y.s.by_epoch === true ? run.epochLength : 1)))} for param_scheduler[${y.k}], if one should follow the other`,
          step: Math.max(x.range[0], y.range[0]),
        });
      }
    }
  }
  const sorted = [...ranges].sort((p, q) => p.range[0] - q.range[0]);
  let covered = sorted.length > 0 ? sorted[0].range[1] : 0;
  for (const r of sorted.slice(1)) {
    if (r.range[0] > covered) {
      plan.note({
        code: 'LRV203',
        message: `no scheduler is active from update ${count(covered)} to ${count(r.range[0])} (before param_scheduler[${r.k}] begins): the lr holds there`,
        fix: `begin=${count(r.s.by_epoch === true ? Math.ceil(covered / run.epochLength) : covered)} for param_scheduler[${r.k}] (${r.s.symbol}), if it should follow on`,
        step: covered,
      });
    }
    covered = Math.max(covered, r.range[1]);
  }
}

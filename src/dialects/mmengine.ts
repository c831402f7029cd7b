/**
 * Dialect: MMEngine's learning-rate schedulers (mmengine.optim.scheduler, 0.11) under their own names, with
 * begin, end and by_epoch, run as mmengine's runner runs them (./mmengine-schedulers.ts): chainable, each
 * active for begin <= its step < end in its own unit. `mmengine.param_scheduler` is a config's whole list.
 *
 * Rows are optimizer updates. An epoch-based scheduler is stepped after the last update of each epoch of
 * `epoch_length` updates; with the default epoch_length=1 every row is one scheduler step (add
 * `--stepped epoch --steps-per-epoch N` to hold them for N updates).
 */
import { bool, choice, define, int, None, num, numbers, objects, type ScheduleDefinition } from '../schedules/definition.js';
import { MMENGINE_INF, MMENGINE_KINDS, mmengineSchedule, readMmengineScheduler, type MmengineKind } from './mmengine-schedulers.js';

const framework = 'mmengine';

const lr = num({ min: 0, doc: "the optimizer's lr (optim_wrapper.optimizer.lr)" });
const epochLength = int({ above: 0, default: 1, doc: 'updates per epoch (len(train_dataloader)): an epoch-based scheduler steps after each epoch' });
const common = {
  begin: num({ min: 0, default: 0, doc: 'first step (in its unit) the scheduler acts at' }),
  end: num({ above: 0, default: MMENGINE_INF, defaultText: 'INF (1e9)', doc: 'step (in its unit) it stops at; the runner makes it max_epochs or max_iters' }),
  by_epoch: bool({ default: true, doc: 'stepped once per epoch (true) or per iteration' }),
  convert_to_iter_based: bool({ default: false, doc: 'an epoch-based scheduler rescaled to iterations by epoch_length' }),
  epoch_length: epochLength,
};
const etaMin = num({ min: 0, default: None, doc: 'floor (or give eta_min_ratio)' });
const etaMinRatio = num({ min: 0, default: None, doc: 'floor as a fraction of the lr' });
const gamma = num({ min: 0, default: 0.1, doc: 'factor at each decay' });

/** Per class: its own parameters as mmengine names them, and one line on what it does. */
const CLASSES: Record<MmengineKind, { summary: string; formula: string; params: Record<string, ReturnType<typeof num> | ReturnType<typeof numbers> | ReturnType<typeof bool> | ReturnType<typeof choice<'cos' | 'linear', { default: 'cos'; doc: string }>>> }> = {
  ConstantLR: { summary: 'lr * factor until end - 1, then lr', formula: 'lr * factor  for t < end - begin - 1', params: { factor: num({ min: 0, max: 1, default: 1 / 3, defaultText: '1/3', doc: 'multiplier' }) } },
  LinearLR: {
    summary: 'lr * start_factor moving linearly to lr * end_factor by end - 1, chainable',
    formula: 'lr_t = lr_(t-1) * (1 + (end_factor - start_factor) / (T*start_factor + (t-1)(end_factor - start_factor))),  T = end - begin - 1',
    params: { start_factor: num({ min: 0, max: 1, default: 1 / 3, defaultText: '1/3', doc: 'multiplier at begin' }), end_factor: num({ min: 0, max: 1, default: 1, doc: 'multiplier at end - 1' }) },
  },
  StepLR: { summary: 'lr * gamma every step_size steps', formula: 'lr * gamma^floor(t / step_size)', params: { step_size: num({ above: 0, doc: 'steps between decays' }), gamma } },
  MultiStepLR: { summary: 'lr * gamma at each milestone', formula: 'lr * gamma^(milestones passed)', params: { milestones: numbers({ doc: 'steps (from begin) where gamma applies' }), gamma } },
  ExponentialLR: { summary: 'lr * gamma every step', formula: 'lr * gamma^t', params: { gamma: num({ min: 0, doc: 'factor per step' }) } },
  CosineAnnealingLR: {
    summary: 'cosine from lr to eta_min over T_max (default end - begin), chainable; climbs back past T_max',
    formula: 'eta_min + (lr - eta_min)(1 + cos(pi t / T_max)) / 2, computed recursively',
    params: { T_max: num({ above: 0, default: None, doc: 'half period; None: end - begin' }), eta_min: etaMin, eta_min_ratio: etaMinRatio },
  },
  PolyLR: {
    summary: 'polynomial decay to eta_min by end - 1, chainable',
    formula: 'lr_t = (lr_(t-1) - eta_min)(1 - 1/(T - t + 1))^power + eta_min,  T = end - begin - 1',
    params: { eta_min: num({ min: 0, default: 0, doc: 'floor' }), power: num({ default: 1, doc: 'exponent' }) },
  },
  OneCycleLR: {
    summary: 'one cycle from eta_max/div_factor up to eta_max and down to its /final_div_factor',
    formula: 'anneal(initial -> eta_max) until pct_start*total_steps - 1;  anneal(eta_max -> initial/final_div_factor) until total_steps - 1',
    params: {
      eta_max: num({ min: 0, default: 0, doc: 'peak lr' }),
      total_steps: int({ above: 0, default: None, doc: 'cycle length; None: end - begin' }),
      pct_start: num({ min: 0, max: 1, default: 0.3, doc: 'fraction spent rising' }),
      anneal_strategy: choice(['cos', 'linear'], { default: 'cos', doc: 'shape of the ramps' }),
      div_factor: num({ above: 0, default: 25, doc: 'initial lr = eta_max / div_factor' }),
      final_div_factor: num({ above: 0, default: 1e4, doc: 'final lr = initial / final_div_factor' }),
      three_phase: bool({ default: false, doc: 'come back to the initial lr before the final decay' }),
    },
  },
  CosineRestartLR: {
    summary: 'cosine restarts over periods, each peak lr * restart_weights[k]',
    formula: 'eta_min + (lr*w_k - eta_min)(1 + cos(pi t_k / periods[k])) / 2, computed recursively',
    params: { periods: numbers({ doc: 'length of each cycle' }), restart_weights: numbers({ default: [1], doc: 'peak of each cycle, as a fraction of lr' }), eta_min: etaMin, eta_min_ratio: etaMinRatio },
  },
};

function single(kind: MmengineKind): ScheduleDefinition {
  const { summary, formula, params } = CLASSES[kind];
  return define({
    name: `mmengine.${kind}`,
    framework,
    aliases: [`mmengine.${kind.replace(/LR$/, 'ParamScheduler')}`],
    summary,
    formula,
    params: { lr, ...params, ...common },
    build: (p, ctx) => {
      const { lr: base, epoch_length: length, ...rest } = p as Record<string, unknown> & { lr: number; epoch_length: number };
      const scheduler = readMmengineScheduler({ symbol: kind, ...rest }, (message) => ctx.fail(message));
      return mmengineSchedule({ lr: base, epochLength: length, epochBasedLoop: true, schedulers: [scheduler] });
    },
  });
}

export const mmengineDefinitions: readonly ScheduleDefinition[] = [
  define({
    name: 'mmengine.param_scheduler',
    framework,
    summary: "a config's param_scheduler list as mmengine's runner steps it: chainable schedulers, each active over its own range",
    formula: 'after each update: iteration-based schedulers step; after each epoch: epoch-based ones; each multiplies or shifts the current lr',
    params: {
      lr,
      schedulers: objects({ doc: 'the list: {"symbol": "LinearLR", "begin": 0, "end": 500, "by_epoch": false, ...}' }),
      epoch_length: epochLength,
      by_epoch_loop: bool({ default: true, doc: 'EpochBasedTrainLoop (true); IterBasedTrainLoop never steps epoch-based schedulers' }),
    },
    build: (p, ctx) =>
      mmengineSchedule({
        lr: p.lr,
        epochLength: p.epoch_length,
        epochBasedLoop: p.by_epoch_loop,
        schedulers: p.schedulers.map((given, k) => readMmengineScheduler(given, (message) => ctx.fail(`schedulers[${k}]: ${message}`))),
      }),
  }),
  ...MMENGINE_KINDS.map(single),
];

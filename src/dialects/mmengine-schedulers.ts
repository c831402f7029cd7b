/**
 * MMEngine's parameter schedulers for the learning rate (open-mmlab/mmengine
 * mmengine/optim/scheduler/param_scheduler.py and lr_scheduler.py, commit 254342938d9b), as its runner
 * drives them (mmengine/hooks/param_scheduler_hook.py, mmengine/runner/runner.py _build_param_scheduler).
 *
 * MMEngine differs from a plain join of curves in three ways, each kept here:
 * - Every scheduler is chainable: `_get_value` multiplies or shifts the optimizer's current lr, so
 *   schedulers whose ranges overlap compound, and the curve is a walk over the updates, not a formula.
 * - Each is active for begin <= its own step count < end, counted in its unit: iteration-based ones are
 *   stepped after every update, epoch-based ones after the last update of every epoch (so they hold the
 *   lr through an epoch) unless `convert_to_iter_based` rescaled them to iterations.
 * - A scheduler whose begin is 0 applies its first value when it is built, before update 0.
 */
import { LrvizError } from '../errors.js';
import { schedule, type Schedule } from '../schedules/schedule.js';
import { pythonMod } from './python-math.js';
import { recurrence } from './torch-recurrence.js';

/**
 * Updates lrviz walks at most: chainable schedulers have no closed form, so update i costs a walk from the
 * nearest checkpoint; ten million covers the longest OpenMMLab runs (ImageNet, 300 epochs: 1.5 million).
 */
export const MMENGINE_WALK_LIMIT = 1e7;

/** mmengine's `INF = int(1e9)`: the default end of a scheduler built outside a runner. */
export const MMENGINE_INF = 1e9;

export type MmengineKind = 'ConstantLR' | 'LinearLR' | 'StepLR' | 'MultiStepLR' | 'ExponentialLR' | 'CosineAnnealingLR' | 'PolyLR' | 'OneCycleLR' | 'CosineRestartLR';

export const MMENGINE_KINDS: readonly MmengineKind[] = ['ConstantLR', 'LinearLR', 'StepLR', 'MultiStepLR', 'ExponentialLR', 'CosineAnnealingLR', 'PolyLR', 'OneCycleLR', 'CosineRestartLR'];

/** One scheduler as the config gives it, by_epoch and lengths in the config's own units. */
export interface MmengineScheduler {
  kind: MmengineKind;
  begin: number;
  end: number;
  byEpoch: boolean;
  convertToIterBased: boolean;
  /** The class's own parameters, as mmengine names them (factor, start_factor, T_max, milestones, ...). */
  params: Readonly<Record<string, ParamValue | undefined>>;
}

type ParamValue = number | number[] | string | boolean;

/**
 * Each class's parameters besides begin/end/by_epoch, with mmengine's defaults: undefined where the class
 * requires one, null for Python's None.
 */
export const MMENGINE_PARAMS: Record<MmengineKind, Readonly<Record<string, ParamValue | null | undefined>>> = {
  ConstantLR: { factor: 1 / 3 },
  LinearLR: { start_factor: 1 / 3, end_factor: 1.0 },
  StepLR: { step_size: undefined, gamma: 0.1 },
  MultiStepLR: { milestones: undefined, gamma: 0.1 },
  ExponentialLR: { gamma: undefined },
  CosineAnnealingLR: { T_max: null, eta_min: null, eta_min_ratio: null },
  PolyLR: { eta_min: 0, power: 1.0 },
  OneCycleLR: { eta_max: 0, total_steps: null, pct_start: 0.3, anneal_strategy: 'cos', div_factor: 25, final_div_factor: 1e4, three_phase: false },
  CosineRestartLR: { periods: undefined, restart_weights: [1], eta_min: null, eta_min_ratio: null },
};
const LISTS = new Set(['milestones', 'periods', 'restart_weights']);
/** Accepted by every class, no effect on the values. */
const IGNORED = new Set(['verbose', '_scope_', 'last_step', 'type', 'symbol']);

/**
 * One scheduler from its dict (a config's `dict(type=..., ...)` or a spec's `{"symbol": ...}`), checked as
 * mmengine's constructors check it; `fail` says what is wrong in one line.
 */
export function readMmengineScheduler(given: Readonly<Record<string, unknown>>, fail: (message: string) => never): MmengineScheduler {
  const name = typeof given.symbol === 'string' ? given.symbol : given.type;
  if (typeof name !== 'string') return fail(`type is ${JSON.stringify(name)}; expected the scheduler's name`);
  const bare = name.replace(/^\w+\./, '');
  if (bare === 'ReduceOnPlateauLR') return fail('type is ReduceOnPlateauLR: it follows a validation metric, so no curve can be drawn before the run');
  const kind = MMENGINE_KINDS.find((k) => k === bare || k.replace(/LR$/, 'ParamScheduler') === bare);
  if (kind === undefined) return fail(`type is ${JSON.stringify(name)}; lrviz knows mmengine's ${MMENGINE_KINDS.join(', ')}`);
  const flag = (key: string, fallback: boolean): boolean => {
    const value = given[key] ?? fallback;
    if (typeof value !== 'boolean') return fail(`${key} is ${JSON.stringify(value)}; expected True or False`);
    return value;
  };
  const whole = (key: string, fallback: number): number => {
    const value = given[key] ?? fallback;
    if (typeof value !== 'number' || !Number.isFinite(value)) return fail(`${key} is ${JSON.stringify(value)}; expected a number`);
    return value;
  };
  const byEpoch = flag('by_epoch', true);
  const convertToIterBased = flag('convert_to_iter_based', false);
  const begin = whole('begin', 0);
  const end = whole('end', MMENGINE_INF);
  if (!(end > begin)) return fail(`end=${end} is not above begin=${begin}; mmengine raises "end should be larger than begin"`);
  if (convertToIterBased && !byEpoch) return fail('convert_to_iter_based=True with by_epoch=False; mmengine converts only epoch-based schedulers');
  const known = MMENGINE_PARAMS[kind];
  const params: Record<string, ParamValue | undefined> = {};
  for (const [key, value] of Object.entries(given)) {
    if (['by_epoch', 'begin', 'end', 'convert_to_iter_based'].includes(key) || IGNORED.has(key)) continue;
    if (!(key in known)) return fail(`${key} is not a parameter of mmengine's ${kind} (${Object.keys(known).join(', ')})`);
    if (value === null || value === undefined) continue;
    const wanted = known[key];
    const ok = LISTS.has(key)
      ? Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'number' && Number.isFinite(v))
      : typeof wanted === 'string' || typeof wanted === 'boolean'
        ? typeof value === typeof wanted
        : typeof value === 'number' && Number.isFinite(value);
    if (!ok) return fail(`${key} is ${JSON.stringify(value)}; expected ${LISTS.has(key) ? 'a list of numbers' : typeof wanted === 'string' ? 'a string' : typeof wanted === 'boolean' ? 'True or False' : 'a number'}`);
    params[key] = value as ParamValue;
  }
  for (const [key, fallback] of Object.entries(known)) {
    if (params[key] !== undefined) continue;
    if (fallback === undefined) return fail(`${key} is missing; mmengine's ${kind} needs it`);
    if (fallback !== null) params[key] = fallback;
  }
  if (kind === 'CosineAnnealingLR' && params.eta_min !== undefined && params.eta_min_ratio !== undefined) return fail('eta_min and eta_min_ratio are both given; mmengine takes one of them');
  if (kind === 'CosineRestartLR') {
    if ((params.eta_min === undefined) === (params.eta_min_ratio === undefined)) return fail('CosineRestartLR needs exactly one of eta_min and eta_min_ratio (mmengine asserts it)');
    if ((params.periods as number[]).length !== (params.restart_weights as number[]).length) return fail('periods and restart_weights should have the same length (mmengine asserts it)');
  }
  if (kind === 'OneCycleLR' && params.total_steps !== undefined && !(Number.isInteger(params.total_steps) && (params.total_steps as number) > 0)) {
    return fail(`total_steps is ${JSON.stringify(params.total_steps)}; mmengine raises "Expected positive integer total_steps"`);
  }
  if (kind === 'OneCycleLR' && params.anneal_strategy !== 'cos' && params.anneal_strategy !== 'linear') return fail(`anneal_strategy is ${JSON.stringify(params.anneal_strategy)}; mmengine takes "cos" or "linear"`);
  if ((kind === 'ConstantLR' && !((params.factor as number) >= 0 && (params.factor as number) <= 1)) || (kind === 'LinearLR' && !((params.start_factor as number) >= 0 && (params.start_factor as number) <= 1 && (params.end_factor as number) >= 0 && (params.end_factor as number) <= 1))) {
    return fail('factors must be between 0 and 1 (mmengine raises otherwise)');
  }
  return { kind, begin, end, byEpoch, convertToIterBased, params };
}

/** The scheduler as a spec object: what `readMmengineScheduler` reads back unchanged. */
export function mmengineSchedulerSpec(s: MmengineScheduler): Record<string, ParamValue> {
  const spec: Record<string, ParamValue> = { symbol: s.kind, begin: s.begin, end: s.end, by_epoch: s.byEpoch, convert_to_iter_based: s.convertToIterBased };
  for (const [key, value] of Object.entries(s.params)) if (value !== undefined) spec[key] = value;
  return spec;
}

/** A scheduler after `build_iter_from_epoch`, ready to step. */
interface Active {
  kind: MmengineKind;
  begin: number;
  end: number;
  byEpoch: boolean;
  num(name: string): number;
  nums(name: string): number[];
  str(name: string): string;
  bool(name: string): boolean;
  /** The group's initial_lr when it was built (base_values). */
  base: number;
  etaMinRatio?: number;
}

export interface MmengineRun {
  /** The optimizer's lr (optim_wrapper.optimizer.lr). */
  lr: number;
  schedulers: readonly MmengineScheduler[];
  /** Updates per epoch (len(train_dataloader)). */
  epochLength: number;
  /**
   * EpochBasedTrainLoop (true) or IterBasedTrainLoop (false). The iteration loop calls after_train_epoch
   * once, after its last update: its epoch-based schedulers never move the lr of any update.
   */
  epochBasedLoop: boolean;
}

/** The lengths `build_iter_from_epoch` multiplies by the epoch length, per class. */
const EPOCH_LENGTHS: Partial<Record<MmengineKind, readonly string[]>> = {
  StepLR: ['step_size'],
  MultiStepLR: ['milestones'],
  CosineAnnealingLR: ['T_max'],
  OneCycleLR: ['total_steps'],
  CosineRestartLR: ['periods'],
};

function convert(s: MmengineScheduler, epochLength: number): MmengineScheduler {
  if (!s.convertToIterBased || !s.byEpoch) return s;
  const params: Record<string, ParamValue | undefined> = { ...s.params };
  for (const name of EPOCH_LENGTHS[s.kind] ?? []) {
    const value = params[name];
    if (typeof value === 'number') params[name] = value * epochLength;
    else if (Array.isArray(value)) params[name] = value.map((v) => v * epochLength);
  }
  return {
    ...s,
    params,
    byEpoch: false,
    begin: Math.trunc(s.begin * epochLength),
    end: s.end === MMENGINE_INF ? s.end : Math.trunc(s.end * epochLength),
  };
}

/** The value `_get_value` returns at the scheduler's step `t` (its own last_step), from the current lr. */
function value(s: Active, t: number, lr: number): number {
  switch (s.kind) {
    case 'ConstantLR': {
      const totalIters = s.end - s.begin - 1;
      if (t === 0) return lr * s.num('factor');
      return t === totalIters ? lr * (1.0 / s.num('factor')) : lr;
    }
    case 'LinearLR': {
      const start = s.num('start_factor');
      const end = s.num('end_factor');
      const totalIters = s.end - s.begin - 1;
      if (t === 0) return lr * start;
      return lr * (1 + (end - start) / (totalIters * start + (t - 1) * (end - start)));
    }
    case 'StepLR':
      return t === 0 || t % s.num('step_size') !== 0 ? lr : lr * s.num('gamma');
    case 'MultiStepLR': {
      const hits = s.nums('milestones').filter((m) => m === t).length;
      return hits === 0 ? lr : lr * s.num('gamma') ** hits;
    }
    case 'ExponentialLR':
      return t === 0 ? lr : lr * s.num('gamma');
    case 'CosineAnnealingLR': {
      const tMax = s.num('T_max');
      const etaMin = etaMinOf(s);
      if (t === 0) return lr;
      if (pythonMod(t - 1 - tMax, 2 * tMax) === 0) return lr + ((s.base - etaMin) * (1 - Math.cos(Math.PI / tMax))) / 2;
      return ((1 + Math.cos((Math.PI * t) / tMax)) / (1 + Math.cos((Math.PI * (t - 1)) / tMax))) * (lr - etaMin) + etaMin;
    }
    case 'PolyLR': {
      const totalIters = s.end - s.begin - 1;
      const etaMin = s.num('eta_min');
      if (t === 0) return lr;
      return (lr - etaMin) * (1 - 1 / (totalIters - t + 1)) ** s.num('power') + etaMin;
    }
    case 'OneCycleLR':
      return oneCycleValue(s, t);
    case 'CosineRestartLR': {
      const periods = s.nums('periods');
      let cumulative = 0;
      for (let idx = 0; idx < periods.length; idx++) {
        if (t < cumulative + periods[idx]) {
          const step = t - cumulative;
          const etaMax = s.base * s.nums('restart_weights')[idx];
          const etaMin = etaMinOf(s);
          if (step === 0) return etaMax;
          return ((1 + Math.cos((Math.PI * step) / periods[idx])) / (1 + Math.cos((Math.PI * (step - 1)) / periods[idx]))) * (lr - etaMin) + etaMin;
        }
        cumulative += periods[idx];
      }
      return lr;
    }
  }
}

function etaMinOf(s: Active): number {
  return s.etaMinRatio === undefined ? (s.num('eta_min') ?? 0) : s.base * s.etaMinRatio;
}

/** OneCycleParamScheduler._get_value: phases end at float steps, annealed from the group's initial/max/min lr. */
function oneCycleValue(s: Active, t: number): number {
  const total = s.num('total_steps');
  if (t > total) throw new LrvizError(`mmengine.OneCycleLR: its step ${t} is past total_steps=${total}, where mmengine raises "Tried to step ${t + 1} times"; end the run by then`);
  const pct = s.num('pct_start');
  const initial = s.num('eta_max') / s.num('div_factor');
  const max = s.num('eta_max');
  const min = initial / s.num('final_div_factor');
  const phases = s.bool('three_phase')
    ? [
        { end: pct * total - 1, from: initial, to: max },
        { end: 2 * pct * total - 2, from: max, to: initial },
        { end: total - 1, from: initial, to: min },
      ]
    : [
        { end: pct * total - 1, from: initial, to: max },
        { end: total - 1, from: max, to: min },
      ];
  let start = 0;
  for (let k = 0; k < phases.length; k++) {
    const phase = phases[k];
    if (t <= phase.end || k === phases.length - 1) {
      const fraction = (t - start) / (phase.end - start);
      if (s.str('anneal_strategy') === 'linear') return (phase.to - phase.from) * fraction + phase.from;
      return phase.to + ((phase.from - phase.to) / 2.0) * (Math.cos(Math.PI * fraction) + 1);
    }
    start = phase.end;
  }
  return Number.NaN;
}

function activate(s: MmengineScheduler, base: number): Active {
  const p = s.params;
  const tMax = s.kind === 'CosineAnnealingLR' ? (typeof p.T_max === 'number' && p.T_max !== 0 ? p.T_max : s.end - s.begin) : undefined;
  const totalSteps = s.kind === 'OneCycleLR' ? (typeof p.total_steps === 'number' ? p.total_steps : s.end - s.begin) : undefined;
  const resolved: Record<string, unknown> = { ...p, ...(tMax === undefined ? {} : { T_max: tMax }), ...(totalSteps === undefined ? {} : { total_steps: totalSteps }) };
  return {
    kind: s.kind,
    begin: s.begin,
    end: s.end,
    byEpoch: s.byEpoch,
    base,
    ...(typeof p.eta_min_ratio === 'number' ? { etaMinRatio: p.eta_min_ratio } : {}),
    num: (name) => resolved[name] as number,
    nums: (name) => resolved[name] as number[],
    str: (name) => resolved[name] as string,
    bool: (name) => resolved[name] as boolean,
  };
}

/**
 * The lr of every update of a run under MMEngine's runner: update i uses the lr left by the schedulers
 * built before training and stepped after updates 0..i-1.
 */
export function mmengineSchedule(run: MmengineRun): Schedule {
  const epochLength = run.epochLength;
  let lr = run.lr;
  let initialLr: number | undefined;
  const active: Active[] = [];
  for (const given of run.schedulers) {
    const s = convert(given, epochLength);
    // OneCycle overwrites the group's initial_lr before the base class's setdefault, so the schedulers
    // built after it take eta_max / div_factor as their base.
    if (s.kind === 'OneCycleLR') initialLr = (s.params.eta_max as number) / (s.params.div_factor as number);
    initialLr ??= lr;
    const scheduler = activate(s, initialLr);
    active.push(scheduler);
    // The constructor's step(): global step 0.
    if (scheduler.begin <= 0 && 0 < scheduler.end) lr = value(scheduler, 0, lr);
  }
  const first = lr;
  const stepAll = (byEpoch: boolean, globalStep: number, current: number): number => {
    let out = current;
    for (const s of active) {
      if (s.byEpoch !== byEpoch) continue;
      if (s.begin <= globalStep && globalStep < s.end) out = value(s, globalStep - s.begin, out);
    }
    return out;
  };
  const horizon = Math.max(...active.map((s) => (s.end === MMENGINE_INF ? 0 : s.byEpoch ? s.end * epochLength : s.end)), 0);
  const walk = recurrence(
    first,
    (update, previous) => {
      // After update `update - 1`: the iteration-based schedulers step (global step = update), then, at an
      // epoch's end, the epoch-based ones (global step = epochs done).
      let next = stepAll(false, update, previous);
      if (run.epochBasedLoop && update % epochLength === 0) next = stepAll(true, update / epochLength, next);
      return next;
    },
    horizon > 0 ? horizon : undefined,
  );
  return schedule((i) => {
    if (i > MMENGINE_WALK_LIMIT) throw new LrvizError(`mmengine schedulers are chainable, so lrviz walks them update by update, up to ${MMENGINE_WALK_LIMIT} updates; update ${i} is past that`);
    return walk.lr(i);
  }, walk.horizon);
}

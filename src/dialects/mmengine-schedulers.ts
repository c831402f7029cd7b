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
import type { Schedule } from '../schedules/schedule.js';
import { pythonFloorDiv } from './python-math.js';
import { recurrence } from './torch-recurrence.js';

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
  params: Readonly<Record<string, number | number[] | string | boolean | undefined>>;
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
  const params: Record<string, number | number[] | string | boolean | undefined> = { ...s.params };
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

function pythonMod(a: number, b: number): number {
  return a - b * pythonFloorDiv(a, b);
}

/** OneCycleParamScheduler._get_value: phases end at float steps, annealed from the group's initial/max/min lr. */
function oneCycleValue(s: Active, t: number): number {
  const total = s.num('total_steps');
  if (t > total) throw new RangeError(`OneCycleLR: tried to step ${t + 1} times; its total_steps is ${total}`);
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
  return recurrence(
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
}

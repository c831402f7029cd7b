/**
 * Dialect: torch.optim.lr_scheduler as in torch 2.x (compared value by value with real torch 2.13 in
 * test/dialects/torch2.test.ts), stepped once per optimizer update. `lr` is the optimizer's learning rate
 * (the schedulers' base_lr); lr(i) is the value torch's optimizer uses for its i-th update. Closed forms
 * are lrviz's shapes; where torch's own arithmetic differs (the recursive cosine, OneCycleLR's phases,
 * CyclicLR's float cycle position) the difference is written once, named. Where torch raises part-way
 * through a run, lrviz refuses a plot that reaches that step, with torch's own error. Every symbol gives
 * torch 1.13's values too, except SequentialLR with a milestone at 0 (see `sequential`).
 */
import { LrvizError } from '../errors.js';
import { DEFAULT_LR } from '../schedules/builtins.js';
import { join } from '../schedules/combinators/join.js';
import { restarts } from '../schedules/combinators/restarts.js';
import { anneal, cosine, linear } from '../schedules/shapes/anneal.js';
import { constant } from '../schedules/shapes/constant.js';
import { polynomialEasing } from '../schedules/shapes/easing.js';
import { exponential } from '../schedules/shapes/exponential.js';
import { piecewiseConstant } from '../schedules/shapes/piecewise.js';
import type { Schedule } from '../schedules/schedule.js';
import {
  bool,
  choice,
  define,
  givenNumber,
  int,
  nestedSchedules,
  num,
  numbers,
  text,
  theRunsSteps,
  type BuildContext,
  type ScheduleDefinition,
  type SpecObject,
} from '../schedules/definition.js';
import { shift } from '../schedules/combinators/shift.js';
import { schedule, withCycleStarts } from '../schedules/schedule.js';
import { formulaOfStep } from '../expression/index.js';
import { formulaTotal } from '../schedules/formula.js';
import { raisesAt } from './raises-at.js';
import { cyclic } from './cyclic-triangle-wave.js';
import { oneCycle } from './torch-one-cycle.js';
import { TORCH_COSINE_WALKED, torchCosineClosedForm, torchCosineCycleStarts } from './torch-cosine-closed-form.js';
import { recurrence } from './torch-recurrence.js';

const lr = num({ min: 0, default: DEFAULT_LR, doc: "the optimizer's lr (the scheduler's base_lr; torch.optim.Adam's default)" });
const gamma = num({ min: 0, doc: 'multiplicative factor of each decay' });
const etaMin = num({ min: 0, default: 0, doc: 'minimum learning rate' });
/** Momentum settings torch takes alongside the lr: accepted so that a copied call works, never read. */
const momentumNoOps = {
  cycle_momentum: bool({ default: true, doc: 'cycle momentum too (momentum only; no effect on lr)' }),
  base_momentum: num({ min: 0, default: 0.85, doc: 'lower momentum bound (momentum only; no effect on lr)' }),
  max_momentum: num({ min: 0, default: 0.95, doc: 'upper momentum bound (momentum only; no effect on lr)' }),
};

/**
 * `last_epoch` and `verbose`, which every torch scheduler takes. `last_epoch=k` is torch's resume: the
 * scheduler has already been stepped k times, so lrviz's row 0 is the update that follows. `verbose` only
 * printed (it is gone from torch's signatures since 2.7, where passing it is a TypeError).
 */
const resumeParams = {
  last_epoch: int({ min: -1, default: -1, doc: 'the last step already taken when resuming (-1: a fresh start)' }),
  verbose: bool({ noEffect: 'printed each lr in torch 1.x (deprecated in 2.2, removed in 2.7); no effect on the lr', doc: 'print each update (no effect)' }),
};

/**
 * Resuming with `Scheduler(optimizer, ..., last_epoch=k)` and the optimizer's state from the checkpoint, as
 * torch 2.x does it: the constructor's own first step moves to update k + 1 for schedulers that compute from
 * base_lr (`continuesAt: 1`); ExponentialLR's keeps the restored lr for one more update (`continuesAt: 0`).
 * The chainable schedulers (ConstantLR, LinearLR, PolynomialLR, CosineAnnealingLR, MultiplicativeLR) do not continue the run
 * at all: their first step re-applies a ratio one step off, so lrviz refuses rather than guess.
 */
function resumed(schedule: Schedule, lastEpoch: number, continuesAt: 0 | 1 | undefined, ctx: BuildContext): Schedule {
  if (lastEpoch < 0) return schedule;
  if (continuesAt === undefined) {
    ctx.fail(
      `last_epoch=${lastEpoch}: this scheduler is chainable, and torch 2.x's constructor does not continue the run from last_epoch (its first step applies a ratio one step off); resume with scheduler.load_state_dict, and plot without last_epoch`,
    );
  }
  return shift(schedule, lastEpoch + continuesAt);
}

/**
 * torch's CosineAnnealingLR in its chainable (recursive) form, as `get_lr` computes it
 * (torch/optim/lr_scheduler.py, CosineAnnealingLR.get_lr, 1.13.1): each value is the previous one scaled
 * by a ratio of cosines, with a separate additive step where that ratio would divide by zero
 * ((t - 1 - T_max) % (2 T_max) == 0, the step after each trough). Past T_max it climbs back to lr and keeps
 * oscillating with period 2 T_max. Equal to the closed form up to rounding, which it accumulates: past
 * TORCH_COSINE_WALKED steps its telescoped form is used instead of a walk (see torch-cosine-closed-form.ts).
 */
export function torchCosineAnnealing(baseLr: number, etaMin: number, tMax: number, startLr = baseLr): Schedule {
  const troughStep = ((baseLr - etaMin) * (1 - Math.cos(Math.PI / tMax))) / 2;
  const walked = recurrence(
    startLr,
    (t, previous) => {
      if ((t - 1 - tMax) % (2 * tMax) === 0) return previous + troughStep;
      return ((1 + Math.cos((Math.PI * t) / tMax)) / (1 + Math.cos((Math.PI * (t - 1)) / tMax))) * (previous - etaMin) + etaMin;
    },
    tMax,
    // At each trough, t = (2m + 1) T_max, the ratio's numerator 1 + cos(pi t/T_max) is exactly 0 in float64
    // (while (2m + 1)^2 stays below ~1e14), so the recursion lands on eta_min exactly and forgets its past:
    // a far step can start from the trough before it.
    (target) => {
      const m = Math.floor((target / tMax - 1) / 2);
      return Number.isInteger(tMax) && m >= 0 && m < 5e6 ? { step: (2 * m + 1) * tMax, value: etaMin } : undefined;
    },
    { exactUntil: TORCH_COSINE_WALKED, schedule: torchCosineClosedForm(baseLr, etaMin, tMax, startLr) },
  );
  // Sampled a stride apart, a period shorter than the stride is invisible (T_max = 1 sampled at even steps
  // never leaves lr): where its periods begin lets check count them as restarts when they are.
  return Number.isInteger(tMax) ? withCycleStarts(walked, torchCosineCycleStarts(tMax)) : walked;
}

/**
 * Milestones are whole steps from 0 in order: increasing (SequentialLR, where only leading ones may be 0),
 * or non-decreasing (MultiStepLR).
 */
function checkMilestones(milestones: number[], ctx: BuildContext, strictly: boolean): void {
  milestones.forEach((m, k) => {
    const previous = milestones[k - 1];
    if (!Number.isInteger(m) || m < 0 || (k > 0 && (strictly && m > 0 ? m <= previous : m < previous))) {
      ctx.fail(`milestones=${JSON.stringify(milestones)} must be ${strictly ? 'increasing' : 'non-decreasing'} whole steps >= 0`);
    }
  });
}

/** A nested scheduler's name as torch spells it, without case, "-", "_" or a "torch." prefix. */
function looseSymbol(spec: SpecObject): string {
  return String(spec.symbol ?? spec.type).toLowerCase().replace(/^torch\./, '').replace(/[-_]/g, '');
}

/**
 * The lr each scheduler of a SequentialLR runs from. torch builds them before SequentialLR, in list order, on
 * one optimizer: each takes the optimizer's `initial_lr` as its base_lr, except that OneCycleLR overwrites
 * initial_lr with max_lr / div_factor and CyclicLR sets the lr to its base_lr just before initial_lr is first
 * recorded (OneCycleLR.__init__, CyclicLR.__init__). SequentialLR.__init__ then resets the lr to the final
 * initial_lr (`start`), from which the first scheduler restarts; each later one restarts at its milestone
 * from its own base_lr (`bases`). With neither of the two in the list, every scheduler runs from the lr.
 */
function sequentialStartLrs(specs: readonly SpecObject[], lr: number): { start: number; bases: number[] } {
  let current = lr;
  let initial: number | undefined;
  const bases = specs.map((spec) => {
    const symbol = looseSymbol(spec);
    // Unreadable values fall through: the scheduler's own build then names them.
    const overwritten = Number(spec.max_lr) / Number(spec.div_factor ?? 25);
    if (symbol === 'onecyclelr' && Number.isFinite(overwritten)) initial = overwritten;
    else {
      if (symbol === 'cycliclr' && Number.isFinite(Number(spec.base_lr))) current = Number(spec.base_lr);
      initial ??= current;
    }
    return initial;
  });
  return { start: initial ?? lr, bases: bases.map((base) => base ?? lr) };
}

/**
 * OneCycleLR keeps its three levels in the optimizer's param group (`initial_lr`, `max_lr`, `min_lr`) and
 * reads them back at every step; two of them on one optimizer share those keys, so the last one built sets
 * the levels for all (each keeps its own phase lengths): the first cycle peaks at the last one's max_lr.
 */
function sharedOneCycleLevels(specs: readonly SpecObject[]): (spec: SpecObject) => SpecObject {
  const last = [...specs].reverse().find((spec) => looseSymbol(spec) === 'onecyclelr');
  if (last === undefined) return (spec) => spec;
  const levels = { max_lr: last.max_lr, div_factor: last.div_factor ?? 25, final_div_factor: last.final_div_factor ?? 1e4 };
  return (spec) => (looseSymbol(spec) === 'onecyclelr' ? { ...spec, ...levels } : spec);
}

/** Schedulers whose get_lr starts from their own base_lr rather than the optimizer's current lr. */
const FROM_BASE_LR = new Set(['cosineannealingwarmrestarts', 'lambdalr']);

/** Schedulers torch cannot restart at a milestone: they have no get_lr of their own. */
const COMPOSITES = new Set(['sequentiallr', 'chainedscheduler']);

function sequential(
  p: { readonly lr: number; readonly schedulers: SpecObject[]; readonly milestones: number[] },
  ctx: BuildContext,
): Schedule {
  const specs = p.schedulers;
  const milestones = p.milestones;
  if (milestones.length !== specs.length - 1) {
    ctx.fail(`milestones has ${milestones.length} entries; torch needs one fewer than schedulers (${specs.length - 1})`);
  }
  checkMilestones(milestones, ctx, true);
  const baseLr = p.lr;
  const { start, bases } = sequentialStartLrs(specs, baseLr);
  const withLevels = sharedOneCycleLevels(specs);
  // torch 2.x starts at schedulers[bisect_right(milestones, 0)] and runs it from step 0 as if it came first;
  // the schedulers before it never run (torch 1.13 took step 0 from schedulers[0] and went on with the next
  // one from its own step 1).
  const first = milestones.filter((m) => m === 0).length;
  const parts: Schedule[] = [];
  specs.forEach((spec, k) => {
    parts.push(sequentialPart(spec, k));
  });
  function sequentialPart(spec: SpecObject, k: number): Schedule {
    if (spec.lr !== undefined && Number(spec.lr) !== baseLr) {
      ctx.fail(`schedulers[${k}] has lr=${String(spec.lr)}, but the schedulers share the optimizer's lr=${baseLr}; give lr once, on SequentialLR`);
    }
    const symbol = looseSymbol(spec);
    if (COMPOSITES.has(symbol)) {
      if (k === first) ctx.fail(`schedulers[${k}] is a ${String(spec.symbol ?? spec.type)}; lrviz does not draw a composite scheduler nested in SequentialLR (torch undoes one step of each of its schedulers)`);
      return raisesAt(constant(NaN), 0, (step) =>
        ctx.fail(`schedulers[${k}] is a ${String(spec.symbol ?? spec.type)}, which has no get_lr: torch raises NotImplementedError at step ${step + milestones[k - 1]} (milestone ${milestones[k - 1]}), where SequentialLR restarts it`),
      );
    }
    // The first scheduler restarts from the optimizer's current lr, which only ratio-based (chainable) forms
    // follow: CosineAnnealingWarmRestarts and LambdaLR compute from their own base_lr, CosineAnnealingLR's
    // trough step too.
    const ownBase = k === first && !FROM_BASE_LR.has(symbol) ? start : bases[k];
    if (k > first && symbol === 'multiplicativelr') {
      // MultiplicativeLR has no closed form: restarted at its milestone (not in its first step) it multiplies
      // the lr the scheduler before it left by lr_lambda(0), and goes on multiplying from there.
      const milestone = milestones[k - 1];
      const before = join(parts.slice(first), milestones.slice(first, k - 1)).lr(milestone - 1);
      const atZero = formulaOfStep(String(spec.lr_lambda), `schedulers[${k}] lr_lambda`, { total: Number(spec.total ?? ctx.steps), lr: baseLr }, ctx.fail)(0);
      return ctx.nested({ ...spec, lr: before * atZero } as SpecObject, `schedulers[${k}]`, 'torch');
    }
    const part = ctx.nested({ ...withLevels(spec), lr: ownBase } as SpecObject, `schedulers[${k}]`, 'torch');
    if (k === first && symbol === 'cosineannealinglr' && start !== bases[k]) {
      return torchCosineAnnealing(bases[k], Number(spec.eta_min ?? 0), Number(spec.T_max), start);
    }
    if (k === first || Number(spec.total_iters) !== 0) return part;
    // With total_iters=0 the closed form used by step(0) differs from the chainable start: ConstantLR's
    // _get_closed_form_lr gives base_lr (factor undone from step 0, then held), LinearLR's and PolynomialLR's
    // divide by total_iters.
    if (symbol === 'constantlr') return constant(bases[k]);
    if (symbol === 'linearlr' || symbol === 'polynomiallr') {
      ctx.fail(`schedulers[${k}] has total_iters=0; torch divides by zero when SequentialLR restarts it at milestone ${milestones[k - 1]}`);
    }
    return part;
  }
  // SequentialLR.step restarts the next scheduler at each milestone with `_update_lr(0)`: at its own step 0
  // from its closed form (base_lr for every built-in scheduler), then it runs on as if it had been alone; the
  // schedulers constructed before SequentialLR moved the optimizer's lr, but __init__ resets it to initial_lr
  // and undoes their first step. Net effect: a plain join at the milestones, from the first that runs.
  return first === 0 ? join(parts, milestones) : join(parts.slice(first), milestones.slice(first));
}

/** Python's `2.0 ** n` overflows from n = 1024, so triangular2's cycle 1,025 is the first torch cannot scale. */
const TRIANGULAR2_LAST_CYCLE = 1024;

/** The first whole step in CyclicLR's cycle `cycle` (counted from 1), found with the float test torch uses. */
function firstStepOfCycle(cycle: number, totalSize: number): number {
  const inCycle = (t: number): boolean => Math.floor(1 + t / totalSize) >= cycle;
  let t = Math.max(0, Math.ceil((cycle - 1) * totalSize) - 2);
  while (!inCycle(t)) t++;
  while (t > 0 && inCycle(t - 1)) t--;
  return t;
}

/**
 * StepLR decays where `last_epoch % step_size == 0` (a chainable get_lr; Python's float %). For a float
 * step_size = M * 2^-e with M odd, a whole step is an exact multiple of it only at multiples of M: 2.5
 * decays every 5 steps, 0.1 (not a binary fraction) never.
 */
function wholeStepSize(stepSize: number): number {
  let whole = stepSize;
  while (!Number.isInteger(whole)) whole *= 2;
  return whole;
}

/** A LambdaLR-style function of the step, as a formula (`"0.95 ** step"`, `"lambda epoch: ..."`). */
const lrLambda = text({ doc: 'the function of the step, as a formula: "0.95 ** step", "lambda epoch: min(1, (epoch + 1) / 500)"' });

/**
 * ChainedScheduler steps every scheduler once per update, in list order, each from the lr the one before
 * it left. Ratio-based (chainable) schedulers multiply it; LambdaLR, CosineAnnealingWarmRestarts, OneCycleLR
 * and CyclicLR set it outright, so the last of those wipes what came before it at every step and the ones
 * after it multiply only their own one-step ratio. Classes lrviz does not model in a chain are refused.
 */
const SETS_LR = new Set(['lambdalr', 'cosineannealingwarmrestarts', 'onecyclelr', 'cycliclr']);
const MULTIPLIES_LR = new Set(['constantlr', 'linearlr', 'steplr', 'multisteplr', 'exponentiallr', 'polynomiallr', 'multiplicativelr', 'cosineannealinglr']);

function chained(p: { readonly lr: number; readonly schedulers: SpecObject[] }, ctx: BuildContext): Schedule {
  const base = p.lr;
  const symbols = p.schedulers.map(looseSymbol);
  symbols.forEach((symbol, k) => {
    if (!SETS_LR.has(symbol) && !MULTIPLIES_LR.has(symbol)) ctx.fail(`schedulers[${k}] is a ${String(p.schedulers[k].symbol ?? p.schedulers[k].type)}, which lrviz does not chain`);
    if (symbol === 'cosineannealinglr' && Number(p.schedulers[k].eta_min ?? 0) !== 0) ctx.fail(`schedulers[${k}]: a CosineAnnealingLR with eta_min > 0 does not multiply the lr, and lrviz does not chain it`);
  });
  const parts = p.schedulers.map((spec, k) => {
    if (spec.lr !== undefined && Number(spec.lr) !== base) ctx.fail(`schedulers[${k}] has lr=${String(spec.lr)}, but the schedulers share the optimizer's lr=${base}; give lr once, on ChainedScheduler`);
    return ctx.nested({ ...spec, lr: base } as SpecObject, `schedulers[${k}]`, 'torch');
  });
  const setter = symbols.map((symbol) => SETS_LR.has(symbol)).lastIndexOf(true);
  const after = parts.slice(setter + 1);
  // CosineAnnealingLR's chainable step past each trough adds to the lr instead of multiplying it.
  const troughs = p.schedulers.map((spec, k) => (symbols[k] === 'cosineannealinglr' && k > setter ? Number(spec.T_max) + 1 : Infinity));
  const firstTrough = Math.min(...troughs);
  const lrAt = (t: number): number => {
    if (setter < 0) return base === 0 ? 0 : after.reduce((value, part) => value * (part.lr(t) / base), base);
    // After the last setter each multiplier contributes the ratio of this step alone (its factor at step 0).
    return after.reduce((value, part) => {
      const now = part.lr(t);
      const before = t === 0 ? base : part.lr(t - 1);
      return value * (before === now ? 1 : now / before);
    }, parts[setter].lr(t));
  };
  return raisesAt(schedule(lrAt), firstTrough, (step) =>
    ctx.fail(`a CosineAnnealingLR in the chain adds to the lr at step ${step} (past T_max), which lrviz does not model; plot fewer steps`),
  );
}

const framework = 'torch';

/** The torch release these definitions follow, shown with each in `lrviz list`. */
const RELEASE = 'torch 2.x';

export const torchDefinitions: readonly ScheduleDefinition[] = ([
  define({
    name: 'torch.ConstantLR',
    framework,
    summary: 'lr * factor until total_iters, then lr',
    formula: 'lr * factor  for i < total_iters;  (lr * factor) * (1/factor) after  (lr * factor forever when total_iters = 0)',
    params: {
      lr,
      factor: num({ min: 0, max: 1, default: 1 / 3, defaultText: '1/3', doc: 'multiplier until total_iters' }),
      total_iters: int({ min: 0, default: 5, doc: 'steps at the reduced lr' }),
      ...resumeParams,
    },
    build: (p, ctx) => {
      const reduced = p.lr * p.factor;
      // ConstantLR.get_lr (torch/optim/lr_scheduler.py) undoes the factor by multiplying by 1/factor at step
      // total_iters, and never does when total_iters is 0 (step 0 applies it, every later step keeps it).
      if (p.total_iters === 0) return resumed(constant(reduced), p.last_epoch, undefined, ctx);
      if (p.factor === 0) {
        // lr * 0 until total_iters, where 1/factor raises.
        return raisesAt(constant(0), p.total_iters, (step) =>
          ctx.fail(`factor=0: torch raises "ZeroDivisionError: float division by zero" at step ${step} (total_iters), undoing the factor with 1/factor; plot fewer than ${p.total_iters} steps or give factor > 0`),
        );
      }
      return resumed(piecewiseConstant([p.total_iters], [reduced, reduced * (1 / p.factor)]), p.last_epoch, undefined, ctx);
    },
  }),
  define({
    name: 'torch.LinearLR',
    framework,
    summary: 'lr * start_factor moving linearly to lr * end_factor over total_iters steps, then held',
    formula: 'lr * (start_factor + (end_factor - start_factor) * min(i, total_iters)/total_iters)',
    params: {
      lr,
      start_factor: num({ above: 0, max: 1, default: 1 / 3, defaultText: '1/3', doc: 'multiplier at step 0' }),
      end_factor: num({ min: 0, max: 1, default: 1, doc: 'multiplier from total_iters on' }),
      total_iters: int({ min: 0, default: 5, doc: 'steps of the ramp' }),
      ...resumeParams,
    },
    build: (p, ctx) => {
      const from = p.lr * p.start_factor;
      // With total_iters = 0 the chainable get_lr applies start_factor at step 0 and holds it (it never ramps).
      if (p.total_iters === 0) return resumed(constant(from), p.last_epoch, undefined, ctx);
      return resumed(linear(from, p.lr * p.end_factor, p.total_iters), p.last_epoch, undefined, ctx);
    },
  }),
  define({
    name: 'torch.StepLR',
    framework,
    summary: 'lr * gamma^floor(i / step_size)',
    formula: 'lr * gamma^floor(i/step_size)',
    params: { lr, step_size: num({ above: 0, doc: 'steps between decays (a float is taken as torch takes it)' }), gamma: { ...gamma, default: 0.1 }, ...resumeParams },
    build: (p, ctx) =>
      resumed(exponential({ from: p.lr, rate: p.gamma, every: wholeStepSize(p.step_size), staircase: true }), p.last_epoch, 1, ctx),
  }),
  define({
    name: 'torch.MultiStepLR',
    framework,
    summary: 'lr * gamma^(number of milestones <= i)',
    formula: 'lr * gamma^bisect_right(milestones, i)',
    params: { lr, milestones: numbers({ doc: 'steps at which lr is multiplied by gamma (a repeated one counts twice)' }), gamma: { ...gamma, default: 0.1 }, ...resumeParams },
    build: (p, ctx) => {
      // torch keeps milestones in a Counter: order does not matter and a repeated milestone applies gamma twice.
      const milestones = [...p.milestones].sort((a, b) => a - b);
      checkMilestones(milestones, ctx, false);
      return resumed(piecewiseConstant(milestones, [0, ...milestones].map((_, k) => p.lr * p.gamma ** k)), p.last_epoch, 1, ctx);
    },
  }),
  define({
    name: 'torch.ExponentialLR',
    framework,
    summary: 'lr * gamma^i',
    formula: 'lr * gamma^i',
    params: { lr, gamma, ...resumeParams },
    build: (p, ctx) => resumed(exponential({ from: p.lr, rate: p.gamma }), p.last_epoch, 0, ctx),
  }),
  define({
    name: 'torch.PolynomialLR',
    framework,
    summary: 'lr * (1 - i/total_iters)^power, then held (0 unless power = 0)',
    formula: 'lr * (1 - min(i, total_iters)/total_iters)^power',
    params: {
      lr,
      total_iters: int({ min: 0, default: 5, doc: 'steps of the decay' }),
      power: num({ min: 0, default: 1, doc: 'exponent of the polynomial' }),
      ...resumeParams,
    },
    build: (p, ctx) => {
      // With total_iters = 0 the chainable get_lr never decays: every step keeps the lr. With power = 0 each
      // step's ratio is 1, at total_iters too, where it is 0.0 ** 0 == 1: the lr is held, never dropped to 0.
      if (p.total_iters === 0 || p.power === 0) return resumed(constant(p.lr), p.last_epoch, undefined, ctx);
      return resumed(anneal({ from: p.lr, to: 0, steps: p.total_iters, easing: polynomialEasing(p.power) }), p.last_epoch, undefined, ctx);
    },
  }),
  define({
    name: 'torch.CosineAnnealingLR',
    framework,
    summary: "half a cosine from lr to eta_min over T_max steps, computed recursively as torch does; climbs back past T_max",
    formula: 'lr_i = eta_min + (lr_{i-1} - eta_min) * (1 + cos(pi i/T_max)) / (1 + cos(pi (i-1)/T_max))  (= eta_min + (lr - eta_min)(1 + cos(pi i/T_max))/2)',
    params: { lr, T_max: num({ above: 0, doc: 'steps of the half cosine' }), eta_min: etaMin, ...resumeParams },
    build: (p, ctx) => resumed(torchCosineAnnealing(p.lr, p.eta_min, p.T_max), p.last_epoch, undefined, ctx),
  }),
  define({
    name: 'torch.CosineAnnealingWarmRestarts',
    framework,
    summary: 'cosine from lr to eta_min restarting every T_0 * T_mult^k steps (SGDR)',
    formula: 'eta_min + (lr - eta_min) * (1 + cos(pi T_cur/T_i)) / 2,  T_i = T_0 * T_mult^k',
    params: {
      lr,
      T_0: int({ above: 0, doc: 'steps of the first cycle' }),
      T_mult: int({ min: 1, default: 1, doc: 'each cycle is this many times longer than the one before' }),
      eta_min: etaMin,
      ...resumeParams,
    },
    build: (p, ctx) =>
      resumed(
        restarts({
          firstCycle: p.T_0,
          cycleMult: p.T_mult,
          cycle: (_k, length) => cosine(p.lr, p.eta_min, length),
        }),
        p.last_epoch,
        1,
        ctx,
      ),
  }),
  define({
    name: 'torch.OneCycleLR',
    framework,
    summary: 'one cycle: up from max_lr/div_factor to max_lr over pct_start of total_steps, then down to initial/final_div_factor',
    formula: 'anneal(max_lr/div_factor -> max_lr) until pct_start*total_steps - 1;  anneal(max_lr -> max_lr/(div_factor*final_div_factor)) until total_steps - 1',
    params: {
      lr: { ...lr, doc: "the optimizer's lr; OneCycleLR overwrites it (no effect)" },
      max_lr: num({ min: 0, doc: 'peak learning rate' }),
      total_steps: int({
        above: 0,
        acceptsNone: true,
        default: (given, steps) => {
          if (given.epochs === undefined && given.steps_per_epoch === undefined) return steps;
          if (given.epochs === undefined || given.steps_per_epoch === undefined) {
            throw new LrvizError('torch.OneCycleLR: give total_steps, or both epochs and steps_per_epoch');
          }
          return givenNumber(given, 'epochs')! * givenNumber(given, 'steps_per_epoch')!;
        },
        defaultText: 'epochs * steps_per_epoch, else {steps}',
        doc: 'steps in the cycle',
      }),
      epochs: int({ above: 0, default: 1, acceptsNone: true, doc: 'with steps_per_epoch, gives total_steps when it is not given' }),
      steps_per_epoch: int({ above: 0, acceptsNone: true, default: (given) => givenNumber(given, 'total_steps')!, defaultText: 'total_steps', doc: 'with epochs, gives total_steps when it is not given' }),
      pct_start: num({ min: 0, max: 1, default: 0.3, doc: 'fraction of the cycle spent rising' }),
      anneal_strategy: choice(['cos', 'linear'], { default: 'cos', doc: 'shape of each phase' }),
      div_factor: num({ above: 0, default: 25, doc: 'initial lr = max_lr / div_factor' }),
      final_div_factor: num({ above: 0, default: 1e4, doc: 'final lr = initial lr / final_div_factor' }),
      three_phase: bool({ default: false, doc: 'come back down to the initial lr before the final decay' }),
      ...momentumNoOps,
    },
    build: (p, ctx) => {
      const cycle = oneCycle({
        maxLr: p.max_lr,
        totalSteps: p.total_steps,
        pctStart: p.pct_start,
        annealStrategy: p.anneal_strategy,
        divFactor: p.div_factor,
        finalDivFactor: p.final_div_factor,
        threePhase: p.three_phase,
        fail: ctx.fail,
      });
      // torch computes step 0 in __init__: a first phase of no length fails as the scheduler is made.
      cycle.lr(0);
      return cycle;
    },
  }),
  define({
    name: 'torch.CyclicLR',
    framework,
    summary: 'triangle waves between base_lr and max_lr (triangular, triangular2 halving each cycle, exp_range)',
    formula: 'base_lr + (max_lr - base_lr) * triangle(i) * scale;  scale = 1, 1/2^(cycle-1) or gamma^i',
    params: {
      lr: { ...lr, doc: "the optimizer's lr; CyclicLR overwrites it with base_lr (no effect)" },
      base_lr: num({ min: 0, doc: 'lower bound of each cycle' }),
      max_lr: num({ min: 0, doc: 'upper bound of the first cycle' }),
      step_size_up: num({ above: 0, default: 2000, doc: 'steps rising in each cycle' }),
      step_size_down: num({ min: 0, acceptsNone: true, default: (given) => givenNumber(given, 'step_size_up') ?? 2000, defaultText: 'step_size_up', doc: 'steps falling in each cycle' }),
      mode: choice(['triangular', 'triangular2', 'exp_range'], { default: 'triangular', doc: 'how the amplitude changes' }),
      gamma: { ...gamma, default: 1 },
      cycle_momentum: momentumNoOps.cycle_momentum,
      base_momentum: { ...momentumNoOps.base_momentum, default: 0.8 },
      max_momentum: { ...momentumNoOps.max_momentum, default: 0.9 },
    },
    build: (p, ctx) => {
      const wave = cyclic({
        baseLr: p.base_lr,
        maxLr: p.max_lr,
        stepSizeUp: p.step_size_up,
        stepSizeDown: p.step_size_down,
        mode: p.mode,
        gamma: p.gamma,
      });
      if (p.mode !== 'triangular2') return wave;
      // triangular2 scales by 1 / 2.0 ** (cycle - 1), and Python's float power raises rather than give inf.
      return raisesAt(wave, firstStepOfCycle(TRIANGULAR2_LAST_CYCLE + 1, p.step_size_up + p.step_size_down), (step) =>
        ctx.fail(
          `mode=triangular2: torch raises "OverflowError: (34, 'Numerical result out of range')" at step ${step}, where cycle ${TRIANGULAR2_LAST_CYCLE + 1} begins (2.0 ** ${TRIANGULAR2_LAST_CYCLE} overflows a float); plot fewer steps or lengthen step_size_up/step_size_down`,
        ),
      );
    },
  }),
  define({
    name: 'torch.LambdaLR',
    framework,
    summary: 'lr * lr_lambda(step), the function given as a formula',
    formula: 'lr * lr_lambda(i)',
    params: { lr, lr_lambda: lrLambda, total: formulaTotal, ...resumeParams },
    build: (p, ctx) => {
      const factor = formulaOfStep(p.lr_lambda, 'lr_lambda', { total: p.total, lr: p.lr }, ctx.fail);
      // LambdaLR.get_lr: base_lr * lmbda(last_epoch), from base_lr every step (no chaining).
      return resumed(schedule((i) => p.lr * factor(i)), p.last_epoch, 1, ctx);
    },
  }),
  define({
    name: 'torch.MultiplicativeLR',
    framework,
    summary: 'the lr multiplied by lr_lambda(step) at every step after the first',
    formula: 'lr_0 = lr;  lr_i = lr_{i-1} * lr_lambda(i)',
    params: { lr, lr_lambda: lrLambda, total: formulaTotal, ...resumeParams },
    build: (p, ctx) => {
      const factor = formulaOfStep(p.lr_lambda, 'lr_lambda', { total: p.total, lr: p.lr }, ctx.fail);
      return resumed(recurrence(p.lr, (t, previous) => previous * factor(t)), p.last_epoch, undefined, ctx);
    },
  }),
  define({
    name: 'torch.ChainedScheduler',
    framework,
    summary: 'torch schedulers stepped together, each from the lr the one before left (JSON: schedulers=[{"symbol": ...}])',
    formula: 'lr * product of each scheduler\'s factor (a LambdaLR, CosineAnnealingWarmRestarts, OneCycleLR or CyclicLR sets the lr outright)',
    params: {
      lr,
      schedulers: nestedSchedules({ doc: 'the schedulers, each {"symbol": "ExponentialLR", ...its parameters}' }),
    },
    build: chained,
  }),
  define({
    name: 'torch.SequentialLR',
    framework,
    summary: 'torch schedulers one after another, each restarted at its milestone (JSON: schedulers=[{"symbol": ...}])',
    formula: 'schedulers[k](i - milestones[k-1]) for milestones[k-1] <= i < milestones[k]',
    params: {
      lr,
      schedulers: nestedSchedules({ doc: 'the schedulers, each {"symbol": "LinearLR", ...its parameters}' }),
      milestones: numbers({ doc: 'steps at which each next scheduler starts (one fewer than schedulers; leading 0s skip schedulers, as in torch 2.x)' }),
    },
    build: sequential,
  }),
] as ScheduleDefinition[]).map((definition) => ({ ...definition, summary: `${definition.summary} [${RELEASE}]` }));


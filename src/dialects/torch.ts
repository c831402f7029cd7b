/**
 * Dialect: torch.optim.lr_scheduler as in torch 1.13.1, stepped once per optimizer update. `lr` is the
 * optimizer's learning rate (the schedulers' base_lr); lr(i) is the value torch's optimizer uses for its
 * i-th update. Closed forms are lrviz's shapes; where torch's own arithmetic differs (the recursive
 * cosine, OneCycleLR's phases, CyclicLR's float cycle position) the difference is written once, named.
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
  type BuildContext,
  type ScheduleDefinition,
  type SpecObject,
} from '../schedules/definition.js';
import { cyclic } from './torch-cyclic.js';
import { oneCycle } from './torch-one-cycle.js';
import { TORCH_COSINE_WALKED, torchCosineClosedForm } from './torch-cosine-closed-form.js';
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
 * torch's CosineAnnealingLR in its chainable (recursive) form, as `get_lr` computes it
 * (torch/optim/lr_scheduler.py, CosineAnnealingLR.get_lr, 1.13.1): each value is the previous one scaled
 * by a ratio of cosines, with a separate additive step where that ratio would divide by zero
 * ((t - 1 - T_max) % (2 T_max) == 0, the step after each trough). Past T_max it climbs back to lr and keeps
 * oscillating with period 2 T_max. Equal to the closed form up to rounding, which it accumulates: past
 * TORCH_COSINE_WALKED steps its telescoped form is used instead of a walk (see torch-cosine-closed-form.ts).
 */
export function torchCosineAnnealing(baseLr: number, etaMin: number, tMax: number, startLr = baseLr): Schedule {
  const troughStep = ((baseLr - etaMin) * (1 - Math.cos(Math.PI / tMax))) / 2;
  return recurrence(
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
}

/** Milestones are whole steps in order: increasing from 1 (SequentialLR), or non-decreasing from 0 (MultiStepLR). */
function checkMilestones(milestones: number[], ctx: BuildContext, strictly: boolean): void {
  const least = strictly ? 1 : 0;
  milestones.forEach((m, k) => {
    const previous = milestones[k - 1];
    if (!Number.isInteger(m) || m < least || (k > 0 && (strictly ? m <= previous : m < previous))) {
      ctx.fail(`milestones=${JSON.stringify(milestones)} must be ${strictly ? 'increasing' : 'non-decreasing'} whole steps >= ${least}`);
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
 * initial_lr and restarts the first scheduler from it; each later one restarts at its milestone from its own
 * base_lr. With neither of the two in the list, every scheduler runs from the optimizer's lr.
 */
function sequentialStartLrs(specs: readonly SpecObject[], lr: number): number[] {
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
  return [initial ?? lr, ...bases.slice(1).map((base) => base ?? lr)];
}

function sequential(p: { readonly lr: number; readonly schedulers: SpecObject[]; readonly milestones: number[] }, ctx: BuildContext): Schedule {
  const specs = p.schedulers;
  const milestones = p.milestones;
  if (milestones.length !== specs.length - 1) {
    ctx.fail(`milestones has ${milestones.length} entries; torch needs one fewer than schedulers (${specs.length - 1})`);
  }
  checkMilestones(milestones, ctx, true);
  const baseLr = p.lr;
  const startLrs = sequentialStartLrs(specs, baseLr);
  const parts = specs.map((spec, k) => {
    if (spec.lr !== undefined && Number(spec.lr) !== baseLr) {
      ctx.fail(`schedulers[${k}] has lr=${String(spec.lr)}, but the schedulers share the optimizer's lr=${baseLr}; give lr once, on SequentialLR`);
    }
    const symbol = looseSymbol(spec);
    // The first scheduler restarts from the optimizer's current lr, which only ratio-based (chainable) forms
    // follow: CosineAnnealingWarmRestarts computes from its own base_lr, CosineAnnealingLR's trough step too.
    const ownBase = k === 0 && symbol === 'cosineannealingwarmrestarts' ? baseLr : startLrs[k];
    const part = ctx.nested({ ...spec, lr: ownBase } as SpecObject, `schedulers[${k}]`, 'torch');
    if (k === 0 && symbol === 'cosineannealinglr' && startLrs[0] !== baseLr) {
      return torchCosineAnnealing(baseLr, Number(spec.eta_min ?? 0), Number(spec.T_max), startLrs[0]);
    }
    if (k === 0 || Number(spec.total_iters) !== 0) return part;
    // With total_iters=0 the closed form used by step(0) differs from the chainable start: ConstantLR's
    // _get_closed_form_lr gives base_lr (factor undone from step 0, then held), LinearLR's and PolynomialLR's
    // divide by total_iters.
    if (symbol === 'constantlr') return constant(startLrs[k]);
    if (symbol === 'linearlr' || symbol === 'polynomiallr') {
      ctx.fail(`schedulers[${k}] has total_iters=0; torch divides by zero when SequentialLR restarts it at milestone ${milestones[k - 1]}`);
    }
    return part;
  });
  // torch 1.13.1 SequentialLR.step calls `scheduler.step(0)` on the next scheduler at each milestone, so it
  // restarts at its own step 0 from its closed form (base_lr for every built-in scheduler) and then runs on
  // as if it had been alone; the schedulers constructed before SequentialLR moved the optimizer's lr, but
  // __init__ resets it to initial_lr and undoes their first step. Net effect: a plain join at the milestones.
  return join(parts, milestones);
}

const framework = 'torch';

export const torchDefinitions: readonly ScheduleDefinition[] = [
  define({
    name: 'torch.ConstantLR',
    framework,
    summary: 'lr * factor until total_iters, then lr',
    formula: 'lr * factor  for i < total_iters;  (lr * factor) * (1/factor) after  (lr * factor forever when total_iters = 0)',
    params: {
      lr,
      factor: num({ above: 0, max: 1, default: 1 / 3, defaultText: '1/3', doc: 'multiplier until total_iters' }),
      total_iters: int({ min: 0, default: 5, doc: 'steps at the reduced lr' }),
    },
    build: (p) => {
      const reduced = p.lr * p.factor;
      // ConstantLR.get_lr (torch/optim/lr_scheduler.py, 1.13.1) undoes the factor by multiplying by 1/factor at
      // step total_iters, and never does when total_iters is 0 (step 0 applies it, every later step keeps it).
      if (p.total_iters === 0) return constant(reduced);
      return piecewiseConstant([p.total_iters], [reduced, reduced * (1 / p.factor)]);
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
    },
    build: (p) => {
      const from = p.lr * p.start_factor;
      // With total_iters = 0 the chainable get_lr applies start_factor at step 0 and holds it (it never ramps).
      if (p.total_iters === 0) return constant(from);
      return linear(from, p.lr * p.end_factor, p.total_iters);
    },
  }),
  define({
    name: 'torch.StepLR',
    framework,
    summary: 'lr * gamma^floor(i / step_size)',
    formula: 'lr * gamma^floor(i/step_size)',
    params: { lr, step_size: int({ above: 0, doc: 'steps between decays' }), gamma: { ...gamma, default: 0.1 } },
    build: (p) => exponential({ from: p.lr, rate: p.gamma, every: p.step_size, staircase: true }),
  }),
  define({
    name: 'torch.MultiStepLR',
    framework,
    summary: 'lr * gamma^(number of milestones <= i)',
    formula: 'lr * gamma^bisect_right(milestones, i)',
    params: { lr, milestones: numbers({ doc: 'steps at which lr is multiplied by gamma (a repeated one counts twice)' }), gamma: { ...gamma, default: 0.1 } },
    build: (p, ctx) => {
      // torch keeps milestones in a Counter: order does not matter and a repeated milestone applies gamma twice.
      const milestones = [...p.milestones].sort((a, b) => a - b);
      checkMilestones(milestones, ctx, false);
      return piecewiseConstant(milestones, [0, ...milestones].map((_, k) => p.lr * p.gamma ** k));
    },
  }),
  define({
    name: 'torch.ExponentialLR',
    framework,
    summary: 'lr * gamma^i',
    formula: 'lr * gamma^i',
    params: { lr, gamma },
    build: (p) => exponential({ from: p.lr, rate: p.gamma }),
  }),
  define({
    name: 'torch.PolynomialLR',
    framework,
    summary: 'lr * (1 - i/total_iters)^power, then 0',
    formula: 'lr * (1 - min(i, total_iters)/total_iters)^power',
    params: {
      lr,
      total_iters: int({ min: 0, default: 5, doc: 'steps of the decay' }),
      power: num({ min: 0, default: 1, doc: 'exponent of the polynomial' }),
    },
    build: (p) => {
      // With total_iters = 0 the chainable get_lr never decays: every step keeps the lr.
      if (p.total_iters === 0) return constant(p.lr);
      return anneal({ from: p.lr, to: 0, steps: p.total_iters, easing: polynomialEasing(p.power) });
    },
  }),
  define({
    name: 'torch.CosineAnnealingLR',
    framework,
    summary: "half a cosine from lr to eta_min over T_max steps, computed recursively as torch does; climbs back past T_max",
    formula: 'lr_i = eta_min + (lr_{i-1} - eta_min) * (1 + cos(pi i/T_max)) / (1 + cos(pi (i-1)/T_max))  (= eta_min + (lr - eta_min)(1 + cos(pi i/T_max))/2)',
    params: { lr, T_max: num({ above: 0, doc: 'steps of the half cosine' }), eta_min: etaMin },
    build: (p) => torchCosineAnnealing(p.lr, p.eta_min, p.T_max),
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
    },
    build: (p) =>
      restarts({
        firstCycle: p.T_0,
        cycleMult: p.T_mult,
        cycle: (_k, length) => cosine(p.lr, p.eta_min, length),
      }),
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
        defaultText: 'epochs * steps_per_epoch, else --steps',
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
    build: (p) =>
      cyclic({
        baseLr: p.base_lr,
        maxLr: p.max_lr,
        stepSizeUp: p.step_size_up,
        stepSizeDown: p.step_size_down,
        mode: p.mode,
        gamma: p.gamma,
      }),
  }),
  define({
    name: 'torch.SequentialLR',
    framework,
    summary: 'torch schedulers one after another, each restarted at its milestone (JSON: schedulers=[{"symbol": ...}])',
    formula: 'schedulers[k](i - milestones[k-1]) for milestones[k-1] <= i < milestones[k]',
    params: {
      lr,
      schedulers: nestedSchedules({ doc: 'the schedulers, each {"symbol": "LinearLR", ...its parameters}' }),
      milestones: numbers({ doc: 'steps at which each next scheduler starts (one fewer than schedulers)' }),
    },
    build: sequential,
  }),
];


/**
 * Dialect: timm.scheduler: lr(t) is `_get_lr(t)`, t the update count (t_in_epochs=False,
 * `step_update(num_updates)` after each update), or the epoch (t_in_epochs with updates_per_epoch).
 * `lr` is the optimizer's lr (timm's base value). Noise parameters are not taken: they make the curve random. timm's own arithmetic (its float cycle index, Python's float floor
 * division, warmup that overlays the schedule instead of delaying it) is written once each, named.
 */
import { DEFAULT_LR } from '../schedules/builtins.js';
import { join } from '../schedules/combinators/join.js';
import { perEpoch } from '../schedules/combinators/per-epoch.js';
import { linear } from '../schedules/shapes/anneal.js';
import { cosineEasing, polynomialEasing, type Easing } from '../schedules/shapes/easing.js';
import { piecewiseConstant } from '../schedules/shapes/piecewise.js';
import { schedule, type Schedule } from '../schedules/schedule.js';
import { bool, define, int, None, num, numbers, type BuildContext, type Definition, type ParamDecls, type ScheduleDefinition } from '../schedules/definition.js';
import { firstStepOutsideLogDomain, outsideLogDomain, timmCycles } from './timm-cycles.js';
import { raisesAt } from './raises-at.js';
import { pythonFloorDiv } from './python-math.js';

const lr = num({ min: 0, default: DEFAULT_LR, doc: "the optimizer's lr (timm's base value, the first cycle's peak)" });
const tInitial = int({ above: 0, doc: 'length of the first cycle in updates' });
const lrMin = num({ min: 0, default: 0, doc: 'floor of each cycle, and the lr after the last one' });
const cycleParams = {
  cycle_mul: num({ above: 0, default: 1, doc: 'each cycle is this many times longer than the one before' }),
  cycle_decay: num({ min: 0, default: 1, doc: 'each cycle peaks this many times lower than the one before' }),
  cycle_limit: int({ min: 0, default: 1, doc: 'number of cycles; lr_min after them' }),
};
const warmupParams = (prefix: boolean) => ({
  warmup_t: num({ min: 0, default: 0, doc: 'updates of linear warmup' }),
  warmup_lr_init: num({ min: 0, default: 0, doc: 'lr at update 0 of the warmup' }),
  warmup_prefix: bool({
    default: prefix,
    doc: 'true: the schedule starts after the warmup; false: the warmup covers its first warmup_t updates',
  }),
});

/** What the warmup reads. */
interface Warmup {
  readonly lr: number;
  readonly warmup_t: number;
  readonly warmup_lr_init: number;
  readonly warmup_prefix: boolean;
}

/** What the cycles read. */
interface Cycles {
  readonly lr: number;
  readonly lr_min: number;
  readonly t_initial: number;
  readonly cycle_mul: number;
  readonly cycle_decay: number;
  readonly cycle_limit: number;
}
const kDecay = num({ above: 0, default: 1, doc: 'k-decay: the cycle runs over t^k' });

/**
 * timm's warmup (the `t < warmup_t` branch of every `_get_lr`): warmup_lr_init + t * (target - warmup_lr_init)
 * / warmup_t. With warmup_prefix the schedule then starts from its own step 0; without it the warmup only
 * overlays the schedule's first warmup_t updates, which run on underneath, so at warmup_t the lr drops from
 * the ramp's end to wherever the schedule has got to.
 */
function timmWarmup(p: Warmup, after: Schedule, target = p.lr): Schedule {
  const steps = p.warmup_t;
  if (steps <= 0) return after;
  const ramp = linear(p.warmup_lr_init, target, steps);
  if (p.warmup_prefix) return join([ramp, after], [steps]);
  // Extremes: the ramp's over the steps it covers, the schedule's over the rest.
  return schedule((t) => (t < steps ? ramp.lr(t) : after.lr(t)), after.horizon, undefined, (start, end) => {
    const split = Math.min(end, Math.max(start, Math.ceil(steps)));
    const parts = [split > start ? ramp.extremes?.(start, split) : undefined, end > split ? after.extremes?.(split, end) : undefined];
    if ((split > start && parts[0] === undefined) || (end > split && parts[1] === undefined)) return undefined;
    const known = parts.filter((range) => range !== undefined);
    return [Math.min(...known.map((range) => range[0])), Math.max(...known.map((range) => range[1]))];
  });
}

/**
 * cycle_mul < 1: timm takes it, then raises "ValueError: math domain error" at the step where the shrinking
 * cycles run out (see outsideLogDomain), so lrviz refuses a plot that reaches that step, as timm's run would
 * stop there. `t` is timm's t: the update, or the epoch with t_in_epochs.
 */
function shrinkingCyclesRaise(p: Cycles & Warmup, ctx: BuildContext, t: number): never {
  const sum = p.t_initial / (1 - p.cycle_mul);
  return ctx.fail(
    `cycle_mul=${p.cycle_mul} < 1: timm raises "ValueError: math domain error" at t=${t}, where its cycle index takes math.log of 1 - t/t_initial*(1 - cycle_mul) <= 0 (the shrinking cycles add up to t_initial/(1 - cycle_mul) = ${sum}${p.warmup_prefix && p.warmup_t > 0 ? ', after the warmup' : ''}); plot fewer steps, or give cycle_mul >= 1`,
  );
}

/** timm's warmup over its cycles, refused from the step where timm's cycle index raises (cycle_mul < 1). */
function warmedCycles(p: Cycles & Warmup, decay: Schedule, ctx: BuildContext, target = p.lr): Schedule {
  const shift = p.warmup_prefix ? p.warmup_t : 0;
  const firstRaise = firstStepOutsideLogDomain(p.t_initial, p.cycle_mul, p.warmup_t, shift);
  return raisesAt(timmWarmup(p, decay, target), firstRaise, (t) => shrinkingCyclesRaise(p, ctx, t));
}

function cycles(p: Cycles, easing: Easing, k = 1): Schedule {
  return timmCycles({
    peak: p.lr,
    lrMin: p.lr_min,
    tInitial: p.t_initial,
    cycleMul: p.cycle_mul,
    cycleDecay: p.cycle_decay,
    cycleLimit: p.cycle_limit,
    k,
    easing,
  });
}

function sortedDecays(decays: number[], ctx: BuildContext): number[] {
  decays.forEach((d, k) => {
    if (k > 0 && d < decays[k - 1]) ctx.fail(`decay_t=${JSON.stringify(decays)} must be sorted; timm bisects it as given`);
  });
  return decays;
}

const framework = 'timm';

/**
 * timm's t_in_epochs (default True): the scheduler is stepped once per epoch with `step(epoch)` and its
 * lengths count epochs, so each epoch's lr holds for all of that epoch's updates. lrviz takes timm's default
 * as soon as it knows how many updates an epoch has (updates_per_epoch, as create_scheduler_v2 takes it, or
 * the run's stepsPerEpoch); without it the curve is per update (t_in_epochs=False, `step_update(num_updates)`).
 */
const tInEpochs = bool({
  default: (given) => given.updates_per_epoch !== undefined,
  defaultText: "true with updates_per_epoch (timm's default), else false",
  doc: 'true: stepped once per epoch, lengths in epochs; false: stepped every update (step_update), lengths in updates',
});
const updatesPerEpoch = int({
  above: 0,
  default: (_given, _steps, run) => run.stepsPerEpoch as number,
  defaultText: '{stepsPerEpoch}, else None',
  acceptsNone: true,
  doc: 'optimizer updates per epoch: with t_in_epochs each epoch holds its lr for this many rows',
});

/** A timm definition, which also takes t_in_epochs and updates_per_epoch. */
function withStepping<const P extends ParamDecls>(declared: Definition<P>): ScheduleDefinition {
  const definition = define(declared);
  return {
    ...definition,
    // updates_per_epoch first: t_in_epochs' default reads it, defaulted or given.
    params: [...definition.params, { name: 'updates_per_epoch', ...updatesPerEpoch }, { name: 't_in_epochs', ...tInEpochs }],
    build: (values, ctx) => {
      const perStep = definition.build(values, ctx);
      if (!values.t_in_epochs) return perStep;
      const updates = values.updates_per_epoch as number | undefined;
      if (updates === undefined) {
        return ctx.fail(
          (name) => `t_in_epochs=true steps the scheduler once per epoch: give updates_per_epoch=N or ${name('stepsPerEpoch')} N (optimizer updates per epoch), or t_in_epochs=false with t_initial, warmup_t and decay_t in updates`,
        );
      }
      return perEpoch(perStep, updates);
    },
  };
}

export const timmDefinitions: readonly ScheduleDefinition[] = [
  withStepping({
    name: 'timm.CosineLRScheduler',
    framework,
    summary: 'cosine cycles from lr to lr_min (SGDR), with warmup; the warmup without warmup_prefix drops at its end',
    formula: 'lr_min + 0.5 (lr * cycle_decay^i - lr_min)(1 + cos(pi t_curr^k / t_i^k)),  t_i = t_initial * cycle_mul^i;  lr_min after cycle_limit cycles',
    params: { lr, t_initial: tInitial, lr_min: lrMin, ...cycleParams, ...warmupParams(false), k_decay: kDecay },
    build: (p, ctx) => warmedCycles(p, cycles(p, cosineEasing, p.k_decay), ctx),
  }),
  withStepping({
    name: 'timm.PolyLRScheduler',
    framework,
    summary: 'polynomial decay cycles (1 - t/t_i)^power from lr to lr_min, with warmup',
    formula: 'lr_min + (lr * cycle_decay^i - lr_min)(1 - t_curr^k / t_i^k)^power;  lr_min after cycle_limit cycles',
    params: { lr, t_initial: tInitial, power: num({ min: 0, default: 0.5, doc: 'exponent of the decay' }), lr_min: lrMin, ...cycleParams, ...warmupParams(false), k_decay: kDecay },
    build: (p, ctx) => warmedCycles(p, cycles(p, polynomialEasing(p.power), p.k_decay), ctx),
  }),
  withStepping({
    name: 'timm.TanhLRScheduler',
    framework,
    summary: 'hyperbolic-tangent decay cycles from lr to lr_min, with warmup (which ramps to the curve, no drop)',
    formula: 'lr_min + 0.5 (lr * cycle_decay^i - lr_min)(1 - tanh(lb (1 - t_curr/t_i) + ub t_curr/t_i));  lr_min after cycle_limit cycles',
    params: {
      lr,
      t_initial: tInitial,
      lb: num({ default: -7, doc: 'tanh argument at the start of a cycle' }),
      ub: num({ default: 3, doc: 'tanh argument at the end of a cycle' }),
      lr_min: lrMin,
      ...cycleParams,
      ...warmupParams(false),
    },
    build: (p, ctx) => {
      const lb = p.lb;
      const ub = p.ub;
      if (!(lb < ub)) ctx.fail(`lb=${lb} must be below ub=${ub} (timm asserts lb < ub)`);
      const decay = cycles(p, (progress) => (1 - Math.tanh(lb * (1 - progress) + ub * progress)) / 2);
      // TanhLRScheduler.__init__ (timm/scheduler/tanh_lr.py) aims the warmup without prefix at _get_lr(warmup_t),
      // the curve's own value there, rather than at lr as the other timm schedulers do.
      // ... so with cycle_mul < 1 and a warmup past the cycles' end, timm raises already in __init__.
      if (!p.warmup_prefix && p.warmup_t > 0 && outsideLogDomain(p.warmup_t, p.t_initial, p.cycle_mul)) shrinkingCyclesRaise(p, ctx, p.warmup_t);
      return warmedCycles(p, decay, ctx, p.warmup_prefix ? p.lr : decay.lr(p.warmup_t));
    },
  }),
  withStepping({
    name: 'timm.StepLRScheduler',
    framework,
    summary: 'lr * decay_rate^(t // decay_t), after a warmup',
    formula: 'lr * decay_rate^(t // decay_t)  (Python floor division)',
    params: {
      lr,
      decay_t: num({ above: 0, doc: 'updates between decays (may be fractional)' }),
      decay_rate: num({ min: 0, default: 1, doc: 'factor applied at each decay' }),
      ...warmupParams(true),
    },
    build: (p) => {
      const base = p.lr;
      const rate = p.decay_rate;
      const decayT = p.decay_t;
      return timmWarmup(p, schedule((t) => base * rate ** pythonFloorDiv(t, decayT)));
    },
  }),
  withStepping({
    name: 'timm.MultiStepLRScheduler',
    framework,
    summary: 'lr * decay_rate^(number of decay_t <= t + 1): each decay lands one update before its milestone',
    formula: 'lr * decay_rate^bisect_right(decay_t, t + 1)',
    params: {
      lr,
      decay_t: numbers({ doc: 'sorted milestones, in updates' }),
      decay_rate: num({ min: 0, default: 1, doc: 'factor applied at each milestone' }),
      ...warmupParams(true),
    },
    build: (p, ctx) => {
      const base = p.lr;
      const rate = p.decay_rate;
      const decays = sortedDecays(p.decay_t, ctx);
      // MultiStepLRScheduler.get_curr_decay_steps (timm/scheduler/multistep_lr.py) bisects t + 1, so milestone m
      // applies from t = m - 1: a step earlier than torch's MultiStepLR (kept by timm on purpose).
      return timmWarmup(p, piecewiseConstant(decays.map((d) => d - 1), [0, ...decays].map((_, k) => base * rate ** k)));
    },
  }),
];

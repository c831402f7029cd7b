/**
 * Dialect: timm.scheduler, stepped per update (t_in_epochs=False, `step_update(num_updates)` after each
 * update): lr(t) is `_get_lr(t)`. `lr` is the optimizer's lr (timm's base value). Noise parameters are not
 * taken: they make the curve random. timm's own arithmetic (its float cycle index, Python's float floor
 * division, warmup that overlays the schedule instead of delaying it) is written once each, named.
 */
import type { ParamDef } from '../spec/params.js';
import { register, type BuildContext, type Params, type ScheduleDefinition } from '../spec/registry.js';
import { DEFAULT_LR } from '../schedules/builtins.js';
import { join } from '../schedules/combinators/join.js';
import { linear } from '../schedules/shapes/anneal.js';
import { cosineEasing, polynomialEasing, type Easing } from '../schedules/shapes/easing.js';
import { piecewiseConstant } from '../schedules/shapes/piecewise.js';
import { schedule, type Schedule } from '../schedules/schedule.js';
import { timmCycles } from './timm-cycles.js';
import { pythonFloorDiv } from './python-math.js';

const lr: ParamDef = { name: 'lr', type: 'number', min: 0, default: DEFAULT_LR, doc: "the optimizer's lr (timm's base value, the first cycle's peak)" };
const tInitial: ParamDef = { name: 't_initial', type: 'integer', above: 0, doc: 'length of the first cycle in updates' };
const lrMin: ParamDef = { name: 'lr_min', type: 'number', min: 0, default: 0, doc: 'floor of each cycle, and the lr after the last one' };
const cycleParams: ParamDef[] = [
  { name: 'cycle_mul', type: 'number', above: 0, default: 1, doc: 'each cycle is this many times longer than the one before' },
  { name: 'cycle_decay', type: 'number', min: 0, default: 1, doc: 'each cycle peaks this many times lower than the one before' },
  { name: 'cycle_limit', type: 'integer', min: 0, default: 1, doc: 'number of cycles; lr_min after them' },
];
const warmupParams = (prefix: boolean): ParamDef[] => [
  { name: 'warmup_t', type: 'number', min: 0, default: 0, doc: 'updates of linear warmup' },
  { name: 'warmup_lr_init', type: 'number', min: 0, default: 0, doc: 'lr at update 0 of the warmup' },
  {
    name: 'warmup_prefix',
    type: 'boolean',
    default: prefix,
    doc: 'true: the schedule starts after the warmup; false: the warmup covers its first warmup_t updates',
  },
];
const kDecay: ParamDef = { name: 'k_decay', type: 'number', above: 0, default: 1, doc: 'k-decay: the cycle runs over t^k' };

/**
 * timm's warmup (the `t < warmup_t` branch of every `_get_lr`): warmup_lr_init + t * (target - warmup_lr_init)
 * / warmup_t. With warmup_prefix the schedule then starts from its own step 0; without it the warmup only
 * overlays the schedule's first warmup_t updates, which run on underneath, so at warmup_t the lr drops from
 * the ramp's end to wherever the schedule has got to.
 */
function timmWarmup(p: Params, after: Schedule, target = p.num('lr')): Schedule {
  const steps = p.num('warmup_t');
  if (steps <= 0) return after;
  const ramp = linear(p.num('warmup_lr_init'), target, steps);
  if (p.bool('warmup_prefix')) return join([ramp, after], [steps]);
  return schedule((t) => (t < steps ? ramp.lr(t) : after.lr(t)), after.horizon);
}

function cycles(p: Params, easing: Easing, k = 1): Schedule {
  return timmCycles({
    peak: p.num('lr'),
    lrMin: p.num('lr_min'),
    tInitial: p.num('t_initial'),
    cycleMul: p.num('cycle_mul'),
    cycleDecay: p.num('cycle_decay'),
    cycleLimit: p.num('cycle_limit'),
    k,
    easing,
  });
}

function sortedDecays(p: Params, ctx: BuildContext): number[] {
  const decays = p.nums('decay_t');
  decays.forEach((d, k) => {
    if (k > 0 && d < decays[k - 1]) ctx.fail(`decay_t=${JSON.stringify(decays)} must be sorted; timm bisects it as given`);
  });
  return decays;
}

const definitions: ScheduleDefinition[] = [
  {
    name: 'timm.CosineLRScheduler',
    summary: 'cosine cycles from lr to lr_min (SGDR), with warmup; the warmup without warmup_prefix drops at its end',
    formula: 'lr_min + 0.5 (lr * cycle_decay^i - lr_min)(1 + cos(pi t_curr^k / t_i^k)),  t_i = t_initial * cycle_mul^i;  lr_min after cycle_limit cycles',
    params: [lr, tInitial, lrMin, ...cycleParams, ...warmupParams(false), kDecay],
    build: (p) => timmWarmup(p, cycles(p, cosineEasing, p.num('k_decay'))),
  },
  {
    name: 'timm.PolyLRScheduler',
    summary: 'polynomial decay cycles (1 - t/t_i)^power from lr to lr_min, with warmup',
    formula: 'lr_min + (lr * cycle_decay^i - lr_min)(1 - t_curr^k / t_i^k)^power;  lr_min after cycle_limit cycles',
    params: [lr, tInitial, { name: 'power', type: 'number', min: 0, default: 0.5, doc: 'exponent of the decay' }, lrMin, ...cycleParams, ...warmupParams(false), kDecay],
    build: (p) => timmWarmup(p, cycles(p, polynomialEasing(p.num('power')), p.num('k_decay'))),
  },
  {
    name: 'timm.TanhLRScheduler',
    summary: 'hyperbolic-tangent decay cycles from lr to lr_min, with warmup (which ramps to the curve, no drop)',
    formula: 'lr_min + 0.5 (lr * cycle_decay^i - lr_min)(1 - tanh(lb (1 - t_curr/t_i) + ub t_curr/t_i));  lr_min after cycle_limit cycles',
    params: [
      lr,
      tInitial,
      { name: 'lb', type: 'number', default: -7, doc: 'tanh argument at the start of a cycle' },
      { name: 'ub', type: 'number', default: 3, doc: 'tanh argument at the end of a cycle' },
      lrMin,
      ...cycleParams,
      ...warmupParams(false),
    ],
    build: (p, ctx) => {
      const lb = p.num('lb');
      const ub = p.num('ub');
      if (!(lb < ub)) ctx.fail(`lb=${lb} must be below ub=${ub} (timm asserts lb < ub)`);
      const decay = cycles(p, (progress) => (1 - Math.tanh(lb * (1 - progress) + ub * progress)) / 2);
      // TanhLRScheduler.__init__ (timm/scheduler/tanh_lr.py) aims the warmup without prefix at _get_lr(warmup_t),
      // the curve's own value there, rather than at lr as the other timm schedulers do.
      return timmWarmup(p, decay, p.bool('warmup_prefix') ? p.num('lr') : decay.lr(p.num('warmup_t')));
    },
  },
  {
    name: 'timm.StepLRScheduler',
    summary: 'lr * decay_rate^(t // decay_t), after a warmup',
    formula: 'lr * decay_rate^(t // decay_t)  (Python floor division)',
    params: [
      lr,
      { name: 'decay_t', type: 'number', above: 0, doc: 'updates between decays (may be fractional)' },
      { name: 'decay_rate', type: 'number', min: 0, default: 1, doc: 'factor applied at each decay' },
      ...warmupParams(true),
    ],
    build: (p) => {
      const base = p.num('lr');
      const rate = p.num('decay_rate');
      const decayT = p.num('decay_t');
      return timmWarmup(p, schedule((t) => base * rate ** pythonFloorDiv(t, decayT)));
    },
  },
  {
    name: 'timm.MultiStepLRScheduler',
    summary: 'lr * decay_rate^(number of decay_t <= t + 1): each decay lands one update before its milestone',
    formula: 'lr * decay_rate^bisect_right(decay_t, t + 1)',
    params: [
      lr,
      { name: 'decay_t', type: 'numbers', doc: 'sorted milestones, in updates' },
      { name: 'decay_rate', type: 'number', min: 0, default: 1, doc: 'factor applied at each milestone' },
      ...warmupParams(true),
    ],
    build: (p, ctx) => {
      const base = p.num('lr');
      const rate = p.num('decay_rate');
      const decays = sortedDecays(p, ctx);
      // MultiStepLRScheduler.get_curr_decay_steps (timm/scheduler/multistep_lr.py) bisects t + 1, so milestone m
      // applies from t = m - 1: a step earlier than torch's MultiStepLR (kept by timm on purpose).
      return timmWarmup(p, piecewiseConstant(decays.map((d) => d - 1), [0, ...decays].map((_, k) => base * rate ** k)));
    },
  },
];

/** Taken so that a copied call works; the curve is per update, which is timm's t_in_epochs=False. */
const tInEpochs: ParamDef = { name: 't_in_epochs', type: 'boolean', default: false, doc: 'must be false: the curve is stepped per update (step_update)' };

register(
  ...definitions.map((d) => ({
    ...d,
    framework: 'timm',
    params: [...d.params, tInEpochs],
    build: (p: Params, ctx: BuildContext) => {
      if (p.bool('t_in_epochs')) ctx.fail('t_in_epochs=true steps per epoch; lrviz plots per update, so give t_initial, warmup_t and decay_t in updates with t_in_epochs=false');
      return d.build(p, ctx);
    },
  })),
);

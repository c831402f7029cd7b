/**
 * lrviz's own schedules, each a short composition of shapes and combinators. Every length is in steps;
 * `total` (the horizon) defaults to the plot's --steps. Framework dialects live in ../dialects.
 */
import type { ParamDef } from '../spec/params.js';
import { register, type BuildContext, type Params } from '../spec/registry.js';
import { scale } from './combinators/scale.js';
import { join } from './combinators/join.js';
import { restarts } from './combinators/restarts.js';
import { warmup } from './combinators/warmup.js';
import { anneal, cosine, linear } from './shapes/anneal.js';
import { constant } from './shapes/constant.js';
import { cosineEasing, linearEasing, polynomialEasing, type Easing } from './shapes/easing.js';
import { exponential } from './shapes/exponential.js';
import { inverseSqrt } from './shapes/inverse-sqrt.js';
import { piecewiseConstant } from './shapes/piecewise.js';
import type { Schedule } from './schedule.js';

/** Peak learning rate when none is given: a common fine-tuning value that reads well on a chart. */
export const DEFAULT_LR = 1e-3;

const lr: ParamDef = { name: 'lr', type: 'number', min: 0, default: DEFAULT_LR, doc: 'peak (base) learning rate', aliases: ['max_lr', 'peak_lr'] };
const minLr: ParamDef = { name: 'min_lr', type: 'number', min: 0, default: 0, doc: 'floor the schedule decays to', aliases: ['end_lr', 'final_lr'] };
const startLr: ParamDef = { name: 'start_lr', type: 'number', min: 0, default: 0, doc: 'learning rate at step 0 of the warmup', aliases: ['warmup_lr', 'init_lr'] };
const total: ParamDef = {
  name: 'total',
  type: 'integer',
  above: 0,
  default: (_given, steps) => steps,
  defaultText: '--steps',
  doc: 'horizon: the step at which the decay reaches min_lr',
  aliases: ['total_steps', 'horizon'],
};
/** A warmup of a tenth of the horizon unless given: long enough to see, short enough to be usual. */
const warmupTenth: ParamDef = {
  name: 'warmup',
  type: 'integer',
  min: 0,
  default: (given, steps) => Math.round(((given.total as number | undefined) ?? steps) / 10),
  defaultText: 'total/10',
  doc: 'linear warmup length in steps (reaches lr exactly at this step)',
  aliases: ['warmup_steps'],
};
const noWarmup: ParamDef = { ...warmupTenth, default: 0, defaultText: undefined };

/** min_lr <= lr, and, when it applies, the warmup ends before the horizon. */
function checkRange(p: Params, ctx: BuildContext): void {
  if (p.has('min_lr') && p.num('min_lr') > p.num('lr')) {
    ctx.fail(`min_lr=${p.num('min_lr')} is above lr=${p.num('lr')}; min_lr must be <= lr`);
  }
  if (p.has('warmup') && p.has('total') && p.num('warmup') >= p.num('total') && p.num('warmup') > 0) {
    ctx.fail(`warmup=${p.num('warmup')} is not shorter than total=${p.num('total')}; warmup must be < total`);
  }
}

/** The decay of a schedule that warms up first: it starts at `warmup` and ends at `total`. */
function decaySteps(p: Params): number {
  return p.num('total') - p.num('warmup');
}

function withWarmup(p: Params, after: Schedule): Schedule {
  return warmup(after, { steps: p.num('warmup'), startLr: p.num('start_lr'), endLr: p.num('lr') });
}

const EASINGS: Record<string, Easing> = {
  linear: linearEasing,
  cosine: cosineEasing,
  '1-sqrt': (t) => 1 - Math.sqrt(t),
};

register(
  {
    name: 'constant',
    summary: 'the same learning rate at every step',
    formula: 'lr',
    params: [lr],
    build: (p) => constant(p.num('lr')),
  },
  {
    name: 'warmup',
    aliases: ['warmup-only', 'linear-warmup'],
    summary: 'linear warmup from start_lr to lr, then lr',
    formula: 'start_lr + (lr - start_lr) * i/warmup  for i < warmup;  lr after',
    params: [lr, { ...warmupTenth, defaultText: '--steps/10', default: (_g, steps) => Math.round(steps / 10) }, startLr],
    build: (p) => withWarmup(p, constant(p.num('lr'))),
  },
  {
    name: 'cosine',
    aliases: ['cosine-annealing', 'cosine-decay'],
    summary: 'half a cosine from lr down to min_lr at total, then min_lr',
    formula: 'min_lr + (lr - min_lr) * (1 + cos(pi * i/total)) / 2;  min_lr for i >= total',
    params: [lr, minLr, total],
    build: (p, ctx) => {
      checkRange(p, ctx);
      return cosine(p.num('lr'), p.num('min_lr'), p.num('total'));
    },
  },
  {
    name: 'cosine-warmup',
    aliases: ['cosinewarmup', 'warmup-cosine'],
    summary: 'linear warmup to lr, then a cosine down to min_lr at total (CosineWarmup)',
    formula: 'warmup ramp for i < warmup;  min_lr + (lr - min_lr) * (1 + cos(pi * (i - warmup)/(total - warmup))) / 2;  min_lr for i >= total',
    params: [lr, warmupTenth, startLr, minLr, total],
    build: (p, ctx) => {
      checkRange(p, ctx);
      return withWarmup(p, cosine(p.num('lr'), p.num('min_lr'), decaySteps(p)));
    },
  },
  {
    name: 'cosine-restarts',
    aliases: ['sgdr', 'cosine-with-restarts', 'warm-restarts'],
    summary: 'cosine cycles (SGDR): each restarts at the peak, cycle k lasts cycle * cycle_mult^k steps',
    formula: 'cycle k: min_lr + (lr * cycle_decay^k - min_lr) * (1 + cos(pi * t/T_k)) / 2,  T_k = cycle * cycle_mult^k;  after an optional warmup',
    params: [
      lr,
      { name: 'cycle', type: 'number', above: 0, default: (_g, steps) => Math.max(1, Math.round(steps / 4)), defaultText: '--steps/4', doc: 'length of the first cycle in steps', aliases: ['cycle_length', 'first_cycle'] },
      { name: 'cycle_mult', type: 'number', min: 1, default: 1, doc: 'each cycle is this many times longer than the previous', aliases: ['t_mult'] },
      { name: 'cycle_decay', type: 'number', above: 0, max: 1, default: 1, doc: 'the peak is multiplied by this at each restart', aliases: ['peak_decay'] },
      minLr,
      noWarmup,
      startLr,
    ],
    build: (p, ctx) => {
      checkRange(p, ctx);
      const peak = p.num('lr');
      const floor = p.num('min_lr');
      const decay = p.num('cycle_decay');
      const cycles = restarts({
        firstCycle: p.num('cycle'),
        cycleMult: p.num('cycle_mult'),
        // The peak decays but the floor does not: a decayed peak below min_lr is clamped to it.
        cycle: (k, length) => cosine(Math.max(floor, peak * decay ** k), floor, length),
      });
      return withWarmup(p, cycles);
    },
  },
  {
    name: 'linear',
    aliases: ['linear-decay'],
    summary: 'optional linear warmup, then a straight line from lr down to min_lr at total',
    formula: 'min_lr + (lr - min_lr) * (1 - (i - warmup)/(total - warmup));  min_lr for i >= total',
    params: [lr, noWarmup, startLr, minLr, total],
    build: (p, ctx) => {
      checkRange(p, ctx);
      return withWarmup(p, linear(p.num('lr'), p.num('min_lr'), decaySteps(p)));
    },
  },
  {
    name: 'wsd',
    aliases: ['warmup-stable-decay', 'trapezoid'],
    summary: 'warmup-stable-decay: warmup, hold lr, then decay to min_lr over the last `decay` steps before total',
    formula: 'warmup ramp;  lr until total - decay;  min_lr + (lr - min_lr) * shape((i - (total - decay))/decay);  min_lr after total',
    params: [
      lr,
      warmupTenth,
      { name: 'decay', type: 'integer', min: 0, default: (given, steps) => Math.round(((given.total as number | undefined) ?? steps) / 5), defaultText: 'total/5', doc: 'length of the final decay in steps', aliases: ['decay_steps', 'cooldown'] },
      { name: 'decay_type', type: 'string', choices: Object.keys(EASINGS), default: 'linear', doc: 'shape of the final decay' },
      startLr,
      minLr,
      total,
    ],
    build: (p, ctx) => {
      checkRange(p, ctx);
      const stable = p.num('total') - p.num('warmup') - p.num('decay');
      if (stable < 0) ctx.fail(`warmup=${p.num('warmup')} plus decay=${p.num('decay')} is longer than total=${p.num('total')}; they must fit in total`);
      const decayPart = anneal({ from: p.num('lr'), to: p.num('min_lr'), steps: p.num('decay'), easing: EASINGS[p.str('decay_type')] });
      return withWarmup(p, join([constant(p.num('lr')), decayPart], [stable]));
    },
  },
  {
    name: 'step',
    aliases: ['step-decay', 'multistep'],
    summary: 'multiply lr by gamma every step_size steps (or at each of the milestones)',
    formula: 'lr * gamma^floor(i/step_size), or lr * gamma^(number of milestones <= i)',
    params: [
      lr,
      { name: 'step_size', type: 'integer', above: 0, default: (_g, steps) => Math.max(1, Math.round(steps / 3)), defaultText: '--steps/3', doc: 'steps between drops' },
      { name: 'gamma', type: 'number', min: 0, default: 0.1, doc: 'factor applied at each drop' },
      { name: 'milestones', type: 'numbers', default: [], defaultText: 'none', doc: 'explicit drop steps (e.g. milestones=[300,600]); replaces step_size' },
      noWarmup,
      startLr,
    ],
    build: (p, ctx) => {
      const gamma = p.num('gamma');
      const milestones = p.nums('milestones');
      milestones.forEach((m, k) => {
        if (!Number.isInteger(m) || m <= 0 || (k > 0 && m <= milestones[k - 1])) ctx.fail(`milestones=${JSON.stringify(milestones)} must be increasing positive whole steps`);
      });
      const decay =
        milestones.length > 0
          ? piecewiseConstant(milestones, [0, ...milestones].map((_, k) => p.num('lr') * gamma ** k))
          : exponential({ from: p.num('lr'), rate: gamma, every: p.num('step_size'), staircase: true });
      return withWarmup(p, decay);
    },
  },
  {
    name: 'exponential',
    aliases: ['exp', 'exponential-decay'],
    summary: 'smooth exponential decay: lr is multiplied by decay_rate every decay_steps steps',
    formula: 'lr * decay_rate^(i/decay_steps)  (floor(i/decay_steps) with staircase=true)',
    params: [
      lr,
      { name: 'decay_rate', type: 'number', above: 0, default: 0.1, doc: 'factor reached after decay_steps steps', aliases: ['gamma', 'rate'] },
      { name: 'decay_steps', type: 'number', above: 0, default: (_g, steps) => steps, defaultText: '--steps', doc: 'steps over which the factor decay_rate applies once' },
      { name: 'staircase', type: 'boolean', default: false, doc: 'apply the factor in whole jumps' },
      noWarmup,
      startLr,
    ],
    build: (p) =>
      withWarmup(p, exponential({ from: p.num('lr'), rate: p.num('decay_rate'), every: p.num('decay_steps'), staircase: p.bool('staircase') })),
  },
  {
    name: 'polynomial',
    aliases: ['poly'],
    summary: 'polynomial decay from lr to min_lr at total: (1 - progress)^power',
    formula: 'min_lr + (lr - min_lr) * (1 - (i - warmup)/(total - warmup))^power;  min_lr for i >= total',
    params: [lr, { name: 'power', type: 'number', above: 0, default: 2, doc: 'exponent (1 is linear)' }, noWarmup, startLr, minLr, total],
    build: (p, ctx) => {
      checkRange(p, ctx);
      return withWarmup(p, anneal({ from: p.num('lr'), to: p.num('min_lr'), steps: decaySteps(p), easing: polynomialEasing(p.num('power')) }));
    },
  },
  {
    name: 'inverse-sqrt',
    aliases: ['rsqrt', 'noam'],
    summary: 'warmup, then lr * sqrt(timescale / (i - warmup + timescale)) (Transformer schedule)',
    formula: 'warmup ramp;  lr * sqrt(timescale / (i - warmup + timescale))',
    params: [
      lr,
      warmupTenth,
      { name: 'timescale', type: 'number', above: 0, default: (given, steps) => ((given.warmup as number | undefined) ?? Math.round(steps / 10)) || 10000, defaultText: 'warmup (10000 if warmup is 0)', doc: 'unit of the decay: lr halves 3*timescale steps after warmup' },
      startLr,
    ],
    build: (p) => {
      const timescale = p.num('timescale');
      return withWarmup(p, inverseSqrt(p.num('lr'), timescale, timescale));
    },
  },
  {
    name: 'one-cycle',
    aliases: ['onecycle', '1cycle'],
    summary: 'one cycle: up from lr/div_factor to lr over pct_start of total, then down to lr/(div_factor*final_div_factor)',
    formula: 'anneal(lr/div -> lr) over pct_start*total;  anneal(lr -> lr/(div*final_div)) until total',
    params: [
      lr,
      total,
      { name: 'pct_start', type: 'number', above: 0, max: 1, default: 0.3, doc: 'fraction of total spent rising' },
      { name: 'div_factor', type: 'number', above: 0, default: 25, doc: 'initial lr = lr/div_factor' },
      { name: 'final_div_factor', type: 'number', above: 0, default: 1e4, doc: 'final lr = initial lr/final_div_factor' },
      { name: 'anneal', type: 'string', choices: ['cos', 'linear'], default: 'cos', doc: 'shape of both ramps' },
    ],
    build: (p) => {
      const peak = p.num('lr');
      const initial = peak / p.num('div_factor');
      const final = initial / p.num('final_div_factor');
      const rise = Math.round(p.num('pct_start') * p.num('total'));
      const easing = p.str('anneal') === 'cos' ? cosineEasing : linearEasing;
      return join(
        [anneal({ from: initial, to: peak, steps: rise, easing }), anneal({ from: peak, to: final, steps: p.num('total') - rise, easing })],
        [rise],
      );
    },
  },
  {
    name: 'sequence',
    aliases: ['join'],
    summary: 'run schedules one after another; each restarts at its own step 0 at its boundary (JSON form)',
    formula: 'parts[k](i - boundaries[k-1]) for boundaries[k-1] <= i < boundaries[k]',
    params: [
      { name: 'parts', type: 'schedules', doc: 'the schedules, in order', aliases: ['schedules'] },
      { name: 'boundaries', type: 'numbers', doc: 'absolute steps where each next part starts (one fewer than parts)', aliases: ['milestones'] },
    ],
    build: (p, ctx) => {
      const parts = p.specs('parts');
      const boundaries = p.nums('boundaries');
      if (boundaries.length !== parts.length - 1) ctx.fail(`boundaries has ${boundaries.length} entries; it needs one fewer than parts (${parts.length - 1})`);
      boundaries.forEach((b, k) => {
        if (!Number.isInteger(b) || b <= 0 || (k > 0 && b <= boundaries[k - 1])) ctx.fail(`boundaries=${JSON.stringify(boundaries)} must be increasing positive whole steps`);
      });
      return join(parts.map((part, k) => ctx.nested(part, `parts[${k}]`)), boundaries);
    },
  },
  {
    name: 'scale',
    summary: 'another schedule multiplied by a constant factor (JSON form)',
    formula: 'factor * schedule(i)',
    params: [
      { name: 'schedule', type: 'schedule', doc: 'the schedule to scale' },
      { name: 'factor', type: 'number', min: 0, doc: 'the multiplier' },
    ],
    build: (p, ctx) => scale(ctx.nested(p.spec('schedule'), 'schedule'), p.num('factor')),
  },
);

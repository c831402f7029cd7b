/**
 * lrviz's own schedules, each a short composition of shapes and combinators. Every length is in steps;
 * `total` (the horizon) defaults to the plot's --steps. Framework dialects live in ../dialects.
 */
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
import { bool, choice, define, givenNumber, int, nestedSchedule, nestedSchedules, num, numbers, type BuildContext, theRunsSteps, type ScheduleDefinition } from './definition.js';
import type { Schedule } from './schedule.js';

/** Peak learning rate when none is given: a common fine-tuning value that reads well on a chart. */
export const DEFAULT_LR = 1e-3;

const lr = num({ min: 0, default: DEFAULT_LR, doc: 'peak (base) learning rate', aliases: ['max_lr', 'peak_lr'] });
const minLr = num({ min: 0, default: 0, doc: 'floor the schedule decays to', aliases: ['end_lr', 'final_lr'] });
const startLr = num({ min: 0, default: 0, doc: 'learning rate at step 0 of the warmup', aliases: ['warmup_lr', 'init_lr'] });
const total = int({
  above: 0,
  ...theRunsSteps,
  doc: 'horizon: the step at which the decay reaches min_lr',
  aliases: ['total_steps', 'horizon'],
});
/** A warmup of a tenth of the horizon unless given: long enough to see, short enough to be usual. */
const warmupTenth = int({
  min: 0,
  default: (given, steps) => Math.round((givenNumber(given, 'total') ?? steps) / 10),
  defaultText: 'total/10',
  doc: 'linear warmup length in steps (reaches lr exactly at this step)',
  aliases: ['warmup_steps'],
});
const noWarmup = int({ ...warmupTenth, default: 0, defaultText: undefined });

/** The parameters most builtins share; each reads the ones it has. */
interface Common {
  readonly lr: number;
  readonly min_lr?: number;
  readonly start_lr: number;
  readonly warmup: number;
  readonly total?: number;
}

/** min_lr <= lr, and, when it applies, the warmup ends before the horizon. */
function checkRange(p: Pick<Common, 'lr' | 'min_lr' | 'total'> & { readonly warmup?: number }, ctx: BuildContext): void {
  if (p.min_lr !== undefined && p.min_lr > p.lr) {
    ctx.fail(`min_lr=${p.min_lr} is above lr=${p.lr}; min_lr must be <= lr`);
  }
  if (p.warmup !== undefined && p.total !== undefined && p.warmup >= p.total && p.warmup > 0) {
    ctx.fail(`warmup=${p.warmup} is not shorter than total=${p.total}; warmup must be < total`);
  }
}

/** The decay of a schedule that warms up first: it starts at `warmup` and ends at `total`. */
function decaySteps(p: { readonly total: number; readonly warmup: number }): number {
  return p.total - p.warmup;
}

function withWarmup(p: Common, after: Schedule): Schedule {
  return warmup(after, { steps: p.warmup, startLr: p.start_lr, endLr: p.lr });
}

const EASINGS: Record<string, Easing> = {
  linear: linearEasing,
  cosine: cosineEasing,
  '1-sqrt': (t) => 1 - Math.sqrt(t),
};

export const builtins: readonly ScheduleDefinition[] = [
  define({
    name: 'constant',
    summary: 'the same learning rate at every step',
    formula: 'lr',
    params: { lr },
    build: (p) => constant(p.lr),
  }),
  define({
    name: 'warmup',
    aliases: ['warmup-only', 'linear-warmup'],
    summary: 'linear warmup from start_lr to lr, then lr',
    formula: 'start_lr + (lr - start_lr) * i/warmup  for i < warmup;  lr after',
    params: { lr, warmup: { ...warmupTenth, defaultText: '{steps}/10', default: (_g, steps) => Math.round(steps / 10) }, start_lr: startLr },
    build: (p) => withWarmup(p, constant(p.lr)),
  }),
  define({
    name: 'cosine',
    aliases: ['cosine-annealing', 'cosine-decay'],
    summary: 'half a cosine from lr down to min_lr at total, then min_lr',
    formula: 'min_lr + (lr - min_lr) * (1 + cos(pi * i/total)) / 2;  min_lr for i >= total',
    params: { lr, min_lr: minLr, total },
    build: (p, ctx) => {
      checkRange(p, ctx);
      return cosine(p.lr, p.min_lr, p.total);
    },
  }),
  define({
    name: 'cosine-warmup',
    aliases: ['cosinewarmup', 'warmup-cosine'],
    summary: 'linear warmup to lr, then a cosine down to min_lr at total (CosineWarmup)',
    formula: 'warmup ramp for i < warmup;  min_lr + (lr - min_lr) * (1 + cos(pi * (i - warmup)/(total - warmup))) / 2;  min_lr for i >= total',
    params: { lr, warmup: warmupTenth, start_lr: startLr, min_lr: minLr, total },
    build: (p, ctx) => {
      checkRange(p, ctx);
      return withWarmup(p, cosine(p.lr, p.min_lr, decaySteps(p)));
    },
  }),
  define({
    name: 'cosine-restarts',
    aliases: ['sgdr', 'cosine-with-restarts', 'warm-restarts'],
    summary: 'cosine cycles (SGDR): each restarts at the peak, cycle k lasts cycle * cycle_mult^k steps',
    formula: 'cycle k: min_lr + (lr * cycle_decay^k - min_lr) * (1 + cos(pi * t/T_k)) / 2,  T_k = cycle * cycle_mult^k;  after an optional warmup',
    params: {
      lr,
      cycle: num({ above: 0, default: (_g, steps) => Math.max(1, Math.round(steps / 4)), defaultText: '{steps}/4', doc: 'length of the first cycle in steps', aliases: ['cycle_length', 'first_cycle'] }),
      cycle_mult: num({ min: 1, default: 1, doc: 'each cycle is this many times longer than the previous', aliases: ['t_mult'] }),
      cycle_decay: num({ above: 0, max: 1, default: 1, doc: 'the peak is multiplied by this at each restart', aliases: ['peak_decay'] }),
      min_lr: minLr,
      warmup: noWarmup,
      start_lr: startLr,
    },
    build: (p, ctx) => {
      checkRange(p, ctx);
      const peak = p.lr;
      const floor = p.min_lr;
      const decay = p.cycle_decay;
      const cycles = restarts({
        firstCycle: p.cycle,
        cycleMult: p.cycle_mult,
        // The peak decays but the floor does not: a decayed peak below min_lr is clamped to it.
        cycle: (k, length) => cosine(Math.max(floor, peak * decay ** k), floor, length),
      });
      return withWarmup(p, cycles);
    },
  }),
  define({
    name: 'linear',
    aliases: ['linear-decay'],
    summary: 'optional linear warmup, then a straight line from lr down to min_lr at total',
    formula: 'min_lr + (lr - min_lr) * (1 - (i - warmup)/(total - warmup));  min_lr for i >= total',
    params: { lr, warmup: noWarmup, start_lr: startLr, min_lr: minLr, total },
    build: (p, ctx) => {
      checkRange(p, ctx);
      return withWarmup(p, linear(p.lr, p.min_lr, decaySteps(p)));
    },
  }),
  define({
    name: 'wsd',
    aliases: ['warmup-stable-decay', 'trapezoid'],
    summary: 'warmup-stable-decay: warmup, hold lr, then decay to min_lr over the last `decay` steps before total',
    formula: 'warmup ramp;  lr until total - decay;  min_lr + (lr - min_lr) * shape((i - (total - decay))/decay);  min_lr after total',
    params: {
      lr,
      warmup: warmupTenth,
      decay: int({ min: 0, default: (given, steps) => Math.round((givenNumber(given, 'total') ?? steps) / 5), defaultText: 'total/5', doc: 'length of the final decay in steps', aliases: ['decay_steps', 'cooldown'] }),
      decay_type: choice(Object.keys(EASINGS), { default: 'linear', doc: 'shape of the final decay' }),
      start_lr: startLr,
      min_lr: minLr,
      total,
    },
    build: (p, ctx) => {
      checkRange(p, ctx);
      const stable = p.total - p.warmup - p.decay;
      if (stable < 0) ctx.fail(`warmup=${p.warmup} plus decay=${p.decay} is longer than total=${p.total}; they must fit in total`);
      const decayPart = anneal({ from: p.lr, to: p.min_lr, steps: p.decay, easing: EASINGS[p.decay_type] });
      return withWarmup(p, join([constant(p.lr), decayPart], [stable]));
    },
  }),
  define({
    name: 'step',
    aliases: ['step-decay', 'multistep'],
    summary: 'multiply lr by gamma every step_size steps (or at each of the milestones)',
    formula: 'lr * gamma^floor(i/step_size), or lr * gamma^(number of milestones <= i)',
    params: {
      lr,
      step_size: int({ above: 0, default: (_g, steps) => Math.max(1, Math.round(steps / 3)), defaultText: '{steps}/3', doc: 'steps between drops' }),
      gamma: num({ min: 0, default: 0.1, doc: 'factor applied at each drop' }),
      milestones: numbers({ default: [], defaultText: 'none', doc: 'explicit drop steps (e.g. milestones=[300,600]); replaces step_size' }),
      warmup: noWarmup,
      start_lr: startLr,
    },
    build: (p, ctx) => {
      const gamma = p.gamma;
      const milestones = p.milestones;
      milestones.forEach((m, k) => {
        if (!Number.isInteger(m) || m <= 0 || (k > 0 && m <= milestones[k - 1])) ctx.fail(`milestones=${JSON.stringify(milestones)} must be increasing positive whole steps`);
      });
      const decay =
        milestones.length > 0
          ? piecewiseConstant(milestones, [0, ...milestones].map((_, k) => p.lr * gamma ** k))
          : exponential({ from: p.lr, rate: gamma, every: p.step_size, staircase: true });
      return withWarmup(p, decay);
    },
  }),
  define({
    name: 'exponential',
    aliases: ['exp', 'exponential-decay'],
    summary: 'smooth exponential decay: lr is multiplied by decay_rate every decay_steps steps',
    formula: 'lr * decay_rate^(i/decay_steps)  (floor(i/decay_steps) with staircase=true)',
    params: {
      lr,
      decay_rate: num({ above: 0, default: 0.1, doc: 'factor reached after decay_steps steps', aliases: ['gamma', 'rate'] }),
      decay_steps: num({ above: 0, ...theRunsSteps, doc: 'steps over which the factor decay_rate applies once' }),
      staircase: bool({ default: false, doc: 'apply the factor in whole jumps' }),
      warmup: noWarmup,
      start_lr: startLr,
    },
    build: (p) =>
      withWarmup(p, exponential({ from: p.lr, rate: p.decay_rate, every: p.decay_steps, staircase: p.staircase })),
  }),
  define({
    name: 'polynomial',
    aliases: ['poly'],
    summary: 'polynomial decay from lr to min_lr at total: (1 - progress)^power',
    formula: 'min_lr + (lr - min_lr) * (1 - (i - warmup)/(total - warmup))^power;  min_lr for i >= total',
    params: { lr, power: num({ above: 0, default: 2, doc: 'exponent (1 is linear)' }), warmup: noWarmup, start_lr: startLr, min_lr: minLr, total },
    build: (p, ctx) => {
      checkRange(p, ctx);
      return withWarmup(p, anneal({ from: p.lr, to: p.min_lr, steps: decaySteps(p), easing: polynomialEasing(p.power) }));
    },
  }),
  define({
    name: 'inverse-sqrt',
    aliases: ['rsqrt', 'noam'],
    summary: 'warmup, then lr * sqrt(timescale / (i - warmup + timescale)) (Transformer schedule)',
    formula: 'warmup ramp;  lr * sqrt(timescale / (i - warmup + timescale))',
    params: {
      lr,
      warmup: warmupTenth,
      timescale: num({ above: 0, default: (given, steps) => (givenNumber(given, 'warmup') ?? Math.round(steps / 10)) || 10000, defaultText: 'warmup (10000 if warmup is 0)', doc: 'unit of the decay: lr halves 3*timescale steps after warmup' }),
      start_lr: startLr,
    },
    build: (p) => {
      const timescale = p.timescale;
      return withWarmup(p, inverseSqrt(p.lr, timescale, timescale));
    },
  }),
  define({
    name: 'one-cycle',
    aliases: ['onecycle', '1cycle'],
    summary: 'one cycle: up from lr/div_factor to lr over pct_start of total, then down to lr/(div_factor*final_div_factor)',
    formula: 'anneal(lr/div -> lr) over pct_start*total;  anneal(lr -> lr/(div*final_div)) until total',
    params: {
      lr,
      total,
      pct_start: num({ above: 0, max: 1, default: 0.3, doc: 'fraction of total spent rising' }),
      div_factor: num({ above: 0, default: 25, doc: 'initial lr = lr/div_factor' }),
      final_div_factor: num({ above: 0, default: 1e4, doc: 'final lr = initial lr/final_div_factor' }),
      anneal: choice(['cos', 'linear'], { default: 'cos', doc: 'shape of both ramps' }),
    },
    build: (p) => {
      const peak = p.lr;
      const initial = peak / p.div_factor;
      const final = initial / p.final_div_factor;
      const rise = Math.round(p.pct_start * p.total);
      const easing = p.anneal === 'cos' ? cosineEasing : linearEasing;
      return join(
        [anneal({ from: initial, to: peak, steps: rise, easing }), anneal({ from: peak, to: final, steps: p.total - rise, easing })],
        [rise],
      );
    },
  }),
  define({
    name: 'sequence',
    aliases: ['join'],
    summary: 'run schedules one after another; each restarts at its own step 0 at its boundary (JSON form)',
    formula: 'parts[k](i - boundaries[k-1]) for boundaries[k-1] <= i < boundaries[k]',
    params: {
      parts: nestedSchedules({ doc: 'the schedules, in order', aliases: ['schedules'] }),
      boundaries: numbers({ doc: 'absolute steps where each next part starts (one fewer than parts)', aliases: ['milestones'] }),
    },
    build: (p, ctx) => {
      const parts = p.parts;
      const boundaries = p.boundaries;
      if (boundaries.length !== parts.length - 1) ctx.fail(`boundaries has ${boundaries.length} entries; it needs one fewer than parts (${parts.length - 1})`);
      boundaries.forEach((b, k) => {
        if (!Number.isInteger(b) || b <= 0 || (k > 0 && b <= boundaries[k - 1])) ctx.fail(`boundaries=${JSON.stringify(boundaries)} must be increasing positive whole steps`);
      });
      return join(parts.map((part, k) => ctx.nested(part, `parts[${k}]`)), boundaries);
    },
  }),
  define({
    name: 'scale',
    summary: 'another schedule multiplied by a constant factor (JSON form)',
    formula: 'factor * schedule(i)',
    params: {
      schedule: nestedSchedule({ doc: 'the schedule to scale' }),
      factor: num({ min: 0, doc: 'the multiplier' }),
    },
    build: (p, ctx) => scale(ctx.nested(p.schedule, 'schedule'), p.factor),
  }),
];

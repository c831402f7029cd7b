/**
 * optax schedules (optax/schedules/_schedule.py, _join.py): pure functions of the step count, so value i
 * is `schedule(i)`. optax's own edge cases are kept: non-positive lengths give a constant, counts are
 * clamped at the horizon, a negative transition_begin counts as 0.
 */
import { join } from '../schedules/combinators/join.js';
import { anneal } from '../schedules/shapes/anneal.js';
import { constant } from '../schedules/shapes/constant.js';
import { cosineEasing, linearEasing, monotone, polynomialEasing, type Easing } from '../schedules/shapes/easing.js';
import { exponential } from '../schedules/shapes/exponential.js';
import { piecewiseConstant } from '../schedules/shapes/piecewise.js';
import { schedule, type Schedule } from '../schedules/schedule.js';
import { exponentialDecay32, polynomial32 } from './optax-float32.js';
import { dtypeParam } from './dtype.js';
import { bool, choice, define, int, nestedSchedules, None, num, numbers, object, objects, type BuildContext, type ScheduleDefinition } from '../schedules/definition.js';

const framework = 'optax';

const initValue = num({ min: 0, doc: 'value at step 0' });
const endValue = num({ min: 0, doc: 'value at the end of the transition' });
const peakValue = num({ min: 0, doc: 'value at the end of the warmup' });
const transitionSteps = int({ doc: 'length of the transition; <= 0 holds init_value' });
const transitionBegin = int({ default: 0, doc: 'steps at init_value before the transition (negative counts as 0)' });
const warmupSteps = int({ min: 0, doc: 'length of the linear warmup' });
const exponent = num({ above: 0, default: 1, doc: 'power applied to the cosine factor' });
const boundariesAndScales = object({
  default: None,
  doc: 'JSON object {"step": scale, ...}; the value is multiplied by scale from that step on',
});
/**
 * float32: the schedule as a jitted training step runs it (int32 count, XLA's float32 arithmetic, see
 * optax-float32.ts), where a staircase can drop a step late and a fractional power can give NaN. float64 by
 * default: lrviz models float32 for these three symbols only, so the rest of optax stays alike.
 */
const dtype = dtypeParam('float64', 'float32: as inside jax.jit (int32 count, float32 arithmetic on CPU), where discrete steps can move and NaN appear');
const decayRate = num({ min: 0, doc: 'factor per transition_steps; 0 holds init_value' });
const staircase = bool({ default: false, doc: 'decay in whole jumps' });
const endBound = num({ min: 0, default: None, doc: 'floor of the decay (a ceiling when decay_rate > 1)' });
const oneCycle = {
  transition_steps: int({ above: 0, doc: 'length of the cycle' }),
  peak_value: peakValue,
  pct_start: num({ min: 0, max: 1, default: 0.3, doc: 'fraction of the cycle spent rising' }),
};
const divFactors = {
  div_factor: num({ above: 0, default: 25, doc: 'initial value = peak_value / div_factor' }),
  final_div_factor: num({ above: 0, default: 1e4, doc: 'final value = initial value / final_div_factor' }),
};

/** polynomial_schedule: init_value for transition_begin steps, then the polynomial, then end_value. */
function polynomial(init: number, end: number, power: number, steps: number, begin: number): Schedule {
  if (steps <= 0) return constant(init);
  const decay = anneal({ from: init, to: end, steps, easing: polynomialEasing(power) });
  return begin > 0 ? join([constant(init), decay], [begin]) : decay;
}

/** polynomial_schedule in the dtype asked for; non-positive lengths hold init_value in both. */
function polynomialIn(type: 'float64' | 'float32', init: number, end: number, power: number, steps: number, begin: number): Schedule {
  if (type === 'float64' || steps <= 0) return polynomial(init, end, power, steps, begin);
  return polynomial32({ init, end, power, transitionSteps: steps, begin: Math.max(0, begin) });
}

/** cosine_decay_schedule: init_value * ((1 - alpha) * cosine^exponent + alpha), held at the end. */
function cosineDecay(init: number, steps: number, alpha: number, power: number): Schedule {
  // cosine^exponent moves one way on 0..1 as the cosine does: its extremes are at a stretch's ends.
  return anneal({ from: init, to: alpha * init, steps, easing: monotone((t) => cosineEasing(t) ** power) });
}

interface WarmupCosineDecay {
  readonly init_value: number;
  readonly peak_value: number;
  readonly warmup_steps: number;
  readonly decay_steps: number;
  readonly end_value: number;
  readonly exponent: number;
}

function warmupCosineDecay(p: WarmupCosineDecay, ctx: BuildContext): Schedule {
  const warmup = p.warmup_steps;
  const decay = p.decay_steps;
  // decay_steps counts the warmup; cosine_decay_schedule raises for the rest being <= 0.
  if (!(decay > warmup)) ctx.fail(`decay_steps=${decay} is not above warmup_steps=${warmup}; decay_steps includes the warmup, so it must be longer`);
  const peak = p.peak_value;
  const alpha = peak === 0 ? 0 : p.end_value / peak;
  return join([polynomial(p.init_value, peak, 1, warmup, 0), cosineDecay(peak, decay - warmup, alpha, p.exponent)], [warmup]);
}

/**
 * exponential_decay's end_value is a floor when decay_rate < 1 and a ceiling otherwise, and it clips
 * every value, the ones before transition_begin too (_schedule.py, exponential_decay).
 */
function clipped(inner: Schedule, bound: number, floor: boolean): Schedule {
  return schedule((i) => (floor ? Math.max(inner.lr(i), bound) : Math.min(inner.lr(i), bound)), inner.horizon);
}

interface ExponentialDecay {
  readonly transition_steps: number;
  readonly decay_rate: number;
  readonly transition_begin: number;
  readonly staircase: boolean;
  readonly end_value: number | undefined;
}

function exponentialDecay(p: ExponentialDecay, init: number): Schedule {
  const rate = p.decay_rate;
  const every = p.transition_steps;
  if (every <= 0 || rate === 0) return constant(init);
  const begin = Math.max(0, p.transition_begin);
  const decay = exponential({ from: init, rate, every, staircase: p.staircase });
  const held = begin > 0 ? join([constant(init), decay], [begin]) : decay;
  return p.end_value !== undefined ? clipped(held, p.end_value, rate < 1) : held;
}

/** {"step": scale} as sorted [step, scale] pairs; optax wants integer steps and non-negative scales. */
function readScales(boundariesAndScales: Record<string, unknown> | undefined, ctx: BuildContext): [number, number][] {
  if (boundariesAndScales === undefined) return [];
  const pairs = Object.entries(boundariesAndScales).map(([key, scale]): [number, number] => {
    if (!/^[+-]?\d+$/.test(key.trim())) ctx.fail(`boundaries_and_scales key ${JSON.stringify(key)} is not a whole step number`);
    if (typeof scale !== 'number' || !Number.isFinite(scale) || scale < 0) {
      ctx.fail(`boundaries_and_scales["${key}"]=${JSON.stringify(scale)}; optax needs a finite scale >= 0`);
    }
    return [Number(key), scale as number];
  });
  return pairs.sort((a, b) => a[0] - b[0]);
}

/**
 * piecewise_interpolate_schedule: the scales multiply up into values at each boundary, and the schedule
 * interpolates between consecutive values (from 0 to the first boundary, then boundary to boundary).
 */
function interpolated(easing: Easing, init: number, scales: readonly [number, number][]): Schedule {
  const values = [init];
  for (const [, scale] of scales) values.push(values[values.length - 1] * scale);
  const bounds = [0, ...scales.map(([step]) => step)];
  const ramps = scales.map((_, k) => anneal({ from: values[k], to: values[k + 1], steps: Math.max(bounds[k + 1] - bounds[k], 1), easing }));
  return join([...ramps, constant(values[values.length - 1])], bounds.slice(1));
}

/** A Python dict literal of {step: scale}: a repeated step keeps its first place and its last scale. */
function dictOf(entries: readonly [number, number][]): [number, number][] {
  const dict = new Map<number, number>();
  for (const [step, scale] of entries) dict.set(step, scale);
  return [...dict.entries()].sort((a, b) => a[0] - b[0]);
}

function checkBoundaries(boundaries: readonly number[], parts: number, ctx: BuildContext): void {
  if (boundaries.length !== parts - 1) ctx.fail(`boundaries has ${boundaries.length} entries; it needs one fewer than schedules (${parts - 1})`);
  boundaries.forEach((b, k) => {
    if (!Number.isInteger(b) || (k > 0 && b < boundaries[k - 1])) ctx.fail(`boundaries=${JSON.stringify(boundaries)} must be whole steps, in order`);
  });
}

export const optaxDefinitions: readonly ScheduleDefinition[] = [
  define({
    name: 'optax.constant_schedule',
    framework,
    summary: 'the same value at every step',
    formula: 'value',
    params: { value: num({ min: 0, doc: 'the value' }) },
    build: (p) => constant(p.value),
  }),
  define({
    name: 'optax.linear_schedule',
    framework,
    summary: 'init_value, then a straight line to end_value over transition_steps, then end_value',
    formula: 'init + (end - init) * clip(i - transition_begin, 0, transition_steps) / transition_steps',
    params: { init_value: initValue, end_value: endValue, transition_steps: transitionSteps, transition_begin: transitionBegin, dtype },
    build: (p) => polynomialIn(p.dtype, p.init_value, p.end_value, 1, p.transition_steps, p.transition_begin),
  }),
  define({
    name: 'optax.polynomial_schedule',
    framework,
    summary: 'init_value, then (init - end) * (1 - t/transition_steps)^power + end, then end_value',
    formula: '(init - end) * (1 - clip(i - transition_begin, 0, T)/T)^power + end',
    params: { init_value: initValue, end_value: endValue, power: num({ above: 0, doc: 'exponent of the transition' }), transition_steps: transitionSteps, transition_begin: transitionBegin, dtype },
    build: (p) => polynomialIn(p.dtype, p.init_value, p.end_value, p.power, p.transition_steps, p.transition_begin),
  }),
  define({
    name: 'optax.cosine_decay_schedule',
    framework,
    summary: 'cosine from init_value to alpha*init_value over decay_steps, then held',
    formula: 'init * ((1 - alpha) * ((1 + cos(pi * min(i, T)/T)) / 2)^exponent + alpha)',
    params: {
      init_value: initValue,
      decay_steps: int({ above: 0, doc: 'length of the decay' }),
      alpha: num({ min: 0, max: 1, default: 0, doc: 'final value as a fraction of init_value' }),
      exponent,
    },
    build: (p) => cosineDecay(p.init_value, p.decay_steps, p.alpha, p.exponent),
  }),
  define({
    name: 'optax.warmup_cosine_decay_schedule',
    framework,
    summary: 'linear warmup init_value -> peak_value, then cosine to end_value at decay_steps (which counts the warmup)',
    formula: 'join([linear(init -> peak, warmup_steps), cosine_decay(peak, decay_steps - warmup_steps, alpha = end/peak)], [warmup_steps])',
    params: {
      init_value: initValue,
      peak_value: peakValue,
      warmup_steps: warmupSteps,
      decay_steps: int({ above: 0, doc: 'total length, warmup included' }),
      end_value: { ...endValue, default: 0 },
      exponent,
    },
    build: warmupCosineDecay,
  }),
  define({
    name: 'optax.warmup_constant_schedule',
    framework,
    summary: 'linear warmup init_value -> peak_value, then peak_value',
    formula: 'init + (peak - init) * min(i, warmup_steps)/warmup_steps',
    params: { init_value: initValue, peak_value: peakValue, warmup_steps: warmupSteps },
    build: (p) => polynomial(p.init_value, p.peak_value, 1, p.warmup_steps, 0),
  }),
  define({
    name: 'optax.exponential_decay',
    framework,
    summary: 'init_value * decay_rate^((i - transition_begin)/transition_steps), optionally clipped at end_value',
    formula: 'init * rate^((i - begin)/T)  (floor with staircase) for i > begin;  init before;  clipped at end_value',
    params: { init_value: initValue, transition_steps: transitionSteps, decay_rate: decayRate, transition_begin: transitionBegin, staircase, end_value: endBound, dtype },
    build: (p) => {
      if (p.dtype === 'float64' || p.transition_steps <= 0 || p.decay_rate === 0) return exponentialDecay(p, p.init_value);
      return exponentialDecay32({
        init: p.init_value,
        transitionSteps: p.transition_steps,
        rate: p.decay_rate,
        begin: Math.max(0, p.transition_begin),
        staircase: p.staircase,
        ...(p.end_value === undefined ? {} : { end: p.end_value }),
      });
    },
  }),
  define({
    name: 'optax.warmup_exponential_decay_schedule',
    framework,
    summary: 'linear warmup init_value -> peak_value, then exponential_decay from peak_value',
    formula: 'join([linear(init -> peak, warmup_steps), exponential_decay(peak, ...)], [warmup_steps])',
    params: { init_value: initValue, peak_value: peakValue, warmup_steps: warmupSteps, transition_steps: transitionSteps, decay_rate: decayRate, transition_begin: transitionBegin, staircase, end_value: endBound },
    build: (p) => {
      const warmup = p.warmup_steps;
      return join([polynomial(p.init_value, p.peak_value, 1, warmup, 0), exponentialDecay(p, p.peak_value)], [warmup]);
    },
  }),
  define({
    name: 'optax.piecewise_constant_schedule',
    framework,
    summary: 'init_value multiplied by each scale from its boundary step on',
    formula: 'init * product of scales[b] for b <= i',
    params: { init_value: initValue, boundaries_and_scales: boundariesAndScales },
    build: (p, ctx) => {
      const scales = readScales(p.boundaries_and_scales, ctx);
      const values = [p.init_value];
      for (const [, scale] of scales) values.push(values[values.length - 1] * scale);
      return piecewiseConstant(
        scales.map(([step]) => step),
        values,
      );
    },
  }),
  define({
    name: 'optax.piecewise_interpolate_schedule',
    framework,
    summary: 'the values of piecewise_constant_schedule at the boundaries, joined by linear or cosine ramps',
    formula: 'interpolate(v[k] -> v[k+1]) between boundaries, v = cumulative product of scales',
    params: { interpolate_type: choice(['linear', 'cosine'], { doc: 'shape of the ramps' }), init_value: initValue, boundaries_and_scales: boundariesAndScales },
    build: (p, ctx) => interpolated(p.interpolate_type === 'cosine' ? cosineEasing : linearEasing, p.init_value, readScales(p.boundaries_and_scales, ctx)),
  }),
  define({
    name: 'optax.cosine_onecycle_schedule',
    framework,
    summary: 'one cycle: cosine up from peak/div_factor to peak_value, then down to its /final_div_factor',
    formula: 'piecewise_interpolate(cosine, peak/div, {int(pct_start*T): div, T: 1/(div*final_div)})',
    params: { ...oneCycle, ...divFactors },
    build: (p) => {
      const steps = p.transition_steps;
      const div = p.div_factor;
      const scales = dictOf([
        [Math.trunc(p.pct_start * steps), div],
        [steps, 1 / (div * p.final_div_factor)],
      ]);
      return interpolated(cosineEasing, p.peak_value / div, scales);
    },
  }),
  define({
    name: 'optax.linear_onecycle_schedule',
    framework,
    summary: 'three linear phases: up to peak_value, back down to peak/div_factor, then down to its /final_div_factor',
    formula: 'piecewise_interpolate(linear, peak/div, {int(pct_start*T): div, int(pct_final*T): 1/div, T: 1/final_div})',
    params: { ...oneCycle, pct_final: num({ min: 0, max: 1, default: 0.85, doc: 'fraction of the cycle at whose end the value is back to peak/div_factor' }), ...divFactors },
    build: (p) => {
      const steps = p.transition_steps;
      const div = p.div_factor;
      const scales = dictOf([
        [Math.trunc(p.pct_start * steps), div],
        [Math.trunc(p.pct_final * steps), 1 / div],
        [steps, 1 / p.final_div_factor],
      ]);
      return interpolated(linearEasing, p.peak_value / div, scales);
    },
  }),
  define({
    name: 'optax.join_schedules',
    framework,
    summary: 'schedules one after another, each restarted at its own step 0 at its boundary',
    formula: 'schedules[k](i - boundaries[k-1]) for boundaries[k-1] <= i < boundaries[k]',
    params: {
      schedules: nestedSchedules({ doc: 'the optax schedules, each {"symbol": ..., its parameters}' }),
      boundaries: numbers({ doc: 'steps where each next schedule starts (one fewer than schedules)' }),
    },
    build: (p, ctx) => {
      const specs = p.schedules;
      const boundaries = p.boundaries;
      checkBoundaries(boundaries, specs.length, ctx);
      return join(
        specs.map((spec, k) => ctx.nested(spec, `schedules[${k}]`, framework)),
        boundaries,
      );
    },
  }),
  define({
    name: 'optax.sgdr_schedule',
    framework,
    summary: 'SGDR: warmup_cosine_decay_schedule cycles back to back, each as long as its decay_steps',
    formula: 'join(warmup_cosine_decay_schedule(**kwargs) for kwargs in cosine_kwargs, at the running sums of decay_steps)',
    params: { cosine_kwargs: objects({ doc: 'one object of warmup_cosine_decay_schedule parameters per cycle' }) },
    build: (p, ctx) => {
      const cycles: Schedule[] = [];
      const boundaries: number[] = [];
      let start = 0;
      p.cosine_kwargs.forEach((kwargs, k) => {
        if ('type' in kwargs || 'symbol' in kwargs) ctx.fail(`cosine_kwargs[${k}] holds the parameters of warmup_cosine_decay_schedule, not a schedule with a type`);
        cycles.push(ctx.nested({ ...kwargs, type: 'optax.warmup_cosine_decay_schedule' }, `cosine_kwargs[${k}]`));
        start += Number(kwargs.decay_steps);
        boundaries.push(start);
      });
      return join(cycles, boundaries.slice(0, -1));
    },
  }),
];

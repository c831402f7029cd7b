/**
 * Keras 3 keras.optimizers.schedules (keras/src/optimizers/schedules/learning_rate_schedule.py): each is
 * called with the optimizer's iteration count, so value i is `schedule(i)`. Keras computes in the dtype
 * of initial_learning_rate, float32 (JAX without x64, the default, keeps it float32 under floatx float64),
 * inside the jitted train step: so does lrviz by default (keras-float32.ts). dtype=float64 (or --dtype
 * float64) gives the same formulas in doubles.
 */
import { bool, define, None, num, numbers, text, type BuildContext, type ScheduleDefinition } from '../schedules/definition.js';
import { warmup } from '../schedules/combinators/warmup.js';
import { anneal } from '../schedules/shapes/anneal.js';
import { cosineEasing, polynomialEasing } from '../schedules/shapes/easing.js';
import { exponential } from '../schedules/shapes/exponential.js';
import { piecewiseConstant } from '../schedules/shapes/piecewise.js';
import { schedule, type Schedule } from '../schedules/schedule.js';
import { inverseTime } from '../schedules/shapes/inverse-time.js';
import { stretchedPolynomial } from './stretched-polynomial.js';
import { kerasRestarts } from './keras-restart-index.js';
import { cosineDecay32, cosineDecayRestarts32, inverseTime32, polynomialDecay32 } from './keras-float32.js';
import { exponentialDecay32 } from './optax-float32.js';
import { dtypeParam } from './dtype.js';

const framework = 'keras';

const initialLr = num({ min: 0, doc: 'learning rate at step 0' });
const decaySteps = num({ above: 0, doc: 'steps the decay is measured in' });
const decayRate = num({ min: 0, doc: 'decay factor' });
const staircase = bool({ default: false, doc: 'decay in whole jumps (floor(i/decay_steps))' });
const alpha = num({ min: 0, max: 1, default: 0, doc: 'final lr as a fraction of the starting lr' });
const dtype = dtypeParam('float32', "float32: as a Keras train step computes it (its default); float64: the same formulas in doubles");

/** Keras's `name` argument: every config carries it, and it names an op, not a value. */
function opName(name: string) {
  return text({ default: name, doc: 'op name; no effect on the values' });
}

function increasing(boundaries: readonly number[], ctx: BuildContext): void {
  boundaries.forEach((b, k) => {
    if (k > 0 && b <= boundaries[k - 1]) ctx.fail(`boundaries=${JSON.stringify(boundaries)} must be strictly increasing`);
  });
}

export const kerasDefinitions: readonly ScheduleDefinition[] = [
  define({
    name: 'keras.CosineDecay',
    framework,
    summary: 'optional linear warmup to warmup_target, then cosine to alpha * (warmup_target or initial_learning_rate) over decay_steps',
    formula: 'warmup: init + (target - init) * i/warmup_steps;  then target * ((1 - alpha) * (1 + cos(pi * min(i - warmup_steps, decay_steps)/decay_steps))/2 + alpha)',
    params: {
      initial_learning_rate: initialLr,
      decay_steps: { ...decaySteps, doc: 'length of the cosine (after the warmup)' },
      alpha,
      name: opName('CosineDecay'),
      warmup_target: num({ min: 0, default: None, doc: 'lr the warmup reaches; None: no warmup' }),
      warmup_steps: num({ min: 0, default: 0, doc: 'length of the warmup (ignored without warmup_target, as in Keras)' }),
      dtype,
    },
    build: (p) => {
      if (p.dtype === 'float32') {
        const warmup = p.warmup_target === undefined ? {} : { warmup: { target: p.warmup_target, steps: p.warmup_steps } };
        return cosineDecay32({ initial: p.initial_learning_rate, decaySteps: p.decay_steps, alpha: p.alpha, ...warmup });
      }
      const initial = p.initial_learning_rate;
      const steps = p.decay_steps;
      const fraction = p.alpha;
      if (p.warmup_target === undefined) return anneal({ from: initial, to: fraction * initial, steps, easing: cosineEasing });
      const target = p.warmup_target;
      const decay = anneal({ from: target, to: fraction * target, steps, easing: cosineEasing });
      return warmup(decay, { steps: p.warmup_steps, startLr: initial, endLr: target });
    },
  }),
  define({
    name: 'keras.CosineDecayRestarts',
    framework,
    summary: 'SGDR: cosine cycles, cycle k t_mul^k times as long as the first and m_mul^k as high; the floor alpha*lr never decays',
    formula: 'initial * ((1 - alpha) * m_mul^k * (1 + cos(pi * t_k))/2 + alpha),  k and t_k from log(1 - i/first (1 - t_mul))/log(t_mul)',
    params: {
      initial_learning_rate: initialLr,
      first_decay_steps: num({ above: 0, doc: 'length of the first cycle' }),
      t_mul: num({ above: 0, default: 2, doc: 'each cycle is this many times longer' }),
      m_mul: num({ min: 0, default: 1, doc: 'each cycle starts this many times lower' }),
      alpha,
      name: opName('SGDRDecay'),
      dtype,
    },
    build: (p) => {
      if (p.dtype === 'float32') {
        return cosineDecayRestarts32({ initial: p.initial_learning_rate, firstDecaySteps: p.first_decay_steps, tMul: p.t_mul, mMul: p.m_mul, alpha: p.alpha });
      }
      const initial = p.initial_learning_rate;
      const first = p.first_decay_steps;
      const peakDecay = p.m_mul;
      const floor = p.alpha;
      const locate = kerasRestarts(p.t_mul);
      // m_mul scales the cosine part only: alpha stays a fraction of initial_learning_rate in every cycle.
      return schedule((i) => {
        const { index, fraction } = locate(i / first);
        return initial * ((1 - floor) * peakDecay ** index * cosineEasing(fraction) + floor);
      });
    },
  }),
  define({
    name: 'keras.ExponentialDecay',
    framework,
    summary: 'initial_learning_rate * decay_rate^(i/decay_steps)',
    formula: 'initial * decay_rate^(i/decay_steps)  (floor with staircase)',
    params: { initial_learning_rate: initialLr, decay_steps: decaySteps, decay_rate: decayRate, staircase, name: opName('ExponentialDecay'), dtype },
    build: (p) =>
      p.dtype === 'float32'
        ? exponentialDecay32({ init: p.initial_learning_rate, transitionSteps: p.decay_steps, rate: p.decay_rate, begin: 0, staircase: p.staircase })
        : exponential({ from: p.initial_learning_rate, rate: p.decay_rate, every: p.decay_steps, staircase: p.staircase }),
  }),
  define({
    name: 'keras.PiecewiseConstantDecay',
    framework,
    summary: 'values[k] between boundaries; a step equal to a boundary still takes the value before it',
    formula: 'values[0] for i <= b[0];  values[k] for b[k-1] < i <= b[k];  values[-1] for i > b[-1]',
    params: {
      boundaries: numbers({ doc: 'steps, strictly increasing' }),
      values: numbers({ doc: 'one more value than boundaries' }),
      name: opName('PiecewiseConstant'),
      dtype,
    },
    build: (p, ctx) => {
      const boundaries = p.boundaries;
      const values = p.values;
      if (values.length !== boundaries.length + 1) ctx.fail(`values has ${values.length} entries; it needs one more than boundaries (${boundaries.length + 1})`);
      increasing(boundaries, ctx);
      // Keras tests `step <= boundary` (PiecewiseConstantDecay.__call__): for whole steps the value changes
      // at floor(boundary) + 1, one step later than paddle's PiecewiseDecay.
      // In float32 only the values are rounded: the step is compared with the boundaries as whole numbers.
      return piecewiseConstant(
        boundaries.map((b) => Math.floor(b) + 1),
        p.dtype === 'float32' ? values.map(Math.fround) : values,
      );
    },
  }),
  define({
    name: 'keras.PolynomialDecay',
    framework,
    summary: 'polynomial decay to end_learning_rate over decay_steps; cycle=true stretches the horizon (TF style)',
    formula: '(initial - end) * (1 - min(i, decay_steps)/decay_steps)^power + end;  cycle: decay_steps * ceil(i/decay_steps)',
    params: {
      initial_learning_rate: initialLr,
      decay_steps: decaySteps,
      end_learning_rate: num({ min: 0, default: 0.0001, doc: 'final lr' }),
      power: num({ above: 0, default: 1, doc: 'exponent of the decay' }),
      cycle: bool({ default: false, doc: 'after decay_steps, jump back up and decay to the next multiple of decay_steps' }),
      name: opName('PolynomialDecay'),
      dtype,
    },
    build: (p): Schedule => {
      if (p.dtype === 'float32') {
        return polynomialDecay32({ initial: p.initial_learning_rate, end: p.end_learning_rate, decaySteps: p.decay_steps, power: p.power, cycle: p.cycle });
      }
      const from = p.initial_learning_rate;
      const to = p.end_learning_rate;
      if (p.cycle) return stretchedPolynomial(from, to, p.decay_steps, p.power);
      return anneal({ from, to, steps: p.decay_steps, easing: polynomialEasing(p.power) });
    },
  }),
  define({
    name: 'keras.InverseTimeDecay',
    framework,
    summary: 'initial_learning_rate / (1 + decay_rate * i/decay_steps)',
    formula: 'initial / (1 + decay_rate * i/decay_steps)  (floor with staircase)',
    params: { initial_learning_rate: initialLr, decay_steps: decaySteps, decay_rate: decayRate, staircase, name: opName('InverseTimeDecay'), dtype },
    build: (p) =>
      p.dtype === 'float32'
        ? inverseTime32({ initial: p.initial_learning_rate, decaySteps: p.decay_steps, rate: p.decay_rate, staircase: p.staircase })
        : inverseTime({ from: p.initial_learning_rate, rate: p.decay_rate, every: p.decay_steps, staircase: p.staircase }),
  }),
];

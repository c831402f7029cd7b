/**
 * Keras 3 keras.optimizers.schedules (keras/src/optimizers/schedules/learning_rate_schedule.py): each is
 * called with the optimizer's iteration count, so value i is `schedule(i)`. Keras computes in the dtype
 * of initial_learning_rate (float32 by default); lrviz keeps float64.
 */
import type { ParamDef, ParamValue } from '../spec/params.js';
import { register, type BuildContext } from '../spec/registry.js';
import { warmup } from '../schedules/combinators/warmup.js';
import { anneal } from '../schedules/shapes/anneal.js';
import { cosineEasing, polynomialEasing } from '../schedules/shapes/easing.js';
import { exponential } from '../schedules/shapes/exponential.js';
import { piecewiseConstant } from '../schedules/shapes/piecewise.js';
import { schedule, type Schedule } from '../schedules/schedule.js';
import { inverseTime } from './keras-inverse-time.js';
import { stretchedPolynomial } from './keras-polynomial-cycle.js';
import { kerasRestarts } from './keras-restart-index.js';

const framework = 'keras';

/** Keras's `None`: the parameter stays unset and `p.has()` says so. */
const NONE = (): ParamValue => undefined as unknown as ParamValue;

const initialLr: ParamDef = { name: 'initial_learning_rate', type: 'number', min: 0, doc: 'learning rate at step 0' };
const decaySteps: ParamDef = { name: 'decay_steps', type: 'number', above: 0, doc: 'steps the decay is measured in' };
const decayRate: ParamDef = { name: 'decay_rate', type: 'number', min: 0, doc: 'decay factor' };
const staircase: ParamDef = { name: 'staircase', type: 'boolean', default: false, doc: 'decay in whole jumps (floor(i/decay_steps))' };
const alpha: ParamDef = { name: 'alpha', type: 'number', min: 0, max: 1, default: 0, doc: 'final lr as a fraction of the starting lr' };

/** Keras's `name` argument: every config carries it, and it names an op, not a value. */
function opName(name: string): ParamDef {
  return { name: 'name', type: 'string', default: name, doc: 'op name; no effect on the values' };
}

function increasing(boundaries: readonly number[], ctx: BuildContext): void {
  boundaries.forEach((b, k) => {
    if (k > 0 && b <= boundaries[k - 1]) ctx.fail(`boundaries=${JSON.stringify(boundaries)} must be strictly increasing`);
  });
}

register(
  {
    name: 'keras.CosineDecay',
    framework,
    summary: 'optional linear warmup to warmup_target, then cosine to alpha * (warmup_target or initial_learning_rate) over decay_steps',
    formula: 'warmup: init + (target - init) * i/warmup_steps;  then target * ((1 - alpha) * (1 + cos(pi * min(i - warmup_steps, decay_steps)/decay_steps))/2 + alpha)',
    params: [
      initialLr,
      { ...decaySteps, doc: 'length of the cosine (after the warmup)' },
      alpha,
      opName('CosineDecay'),
      { name: 'warmup_target', type: 'number', min: 0, default: NONE, defaultText: 'None', doc: 'lr the warmup reaches; None: no warmup' },
      { name: 'warmup_steps', type: 'number', min: 0, default: 0, doc: 'length of the warmup (ignored without warmup_target, as in Keras)' },
    ],
    build: (p) => {
      const initial = p.num('initial_learning_rate');
      const steps = p.num('decay_steps');
      const fraction = p.num('alpha');
      if (!p.has('warmup_target')) return anneal({ from: initial, to: fraction * initial, steps, easing: cosineEasing });
      const target = p.num('warmup_target');
      const decay = anneal({ from: target, to: fraction * target, steps, easing: cosineEasing });
      return warmup(decay, { steps: p.num('warmup_steps'), startLr: initial, endLr: target });
    },
  },
  {
    name: 'keras.CosineDecayRestarts',
    framework,
    summary: 'SGDR: cosine cycles, cycle k t_mul^k times as long as the first and m_mul^k as high; the floor alpha*lr never decays',
    formula: 'initial * ((1 - alpha) * m_mul^k * (1 + cos(pi * t_k))/2 + alpha),  k and t_k from log(1 - i/first (1 - t_mul))/log(t_mul)',
    params: [
      initialLr,
      { name: 'first_decay_steps', type: 'number', above: 0, doc: 'length of the first cycle' },
      { name: 't_mul', type: 'number', above: 0, default: 2, doc: 'each cycle is this many times longer' },
      { name: 'm_mul', type: 'number', min: 0, default: 1, doc: 'each cycle starts this many times lower' },
      alpha,
      opName('SGDRDecay'),
    ],
    build: (p) => {
      const initial = p.num('initial_learning_rate');
      const first = p.num('first_decay_steps');
      const peakDecay = p.num('m_mul');
      const floor = p.num('alpha');
      const locate = kerasRestarts(p.num('t_mul'));
      // m_mul scales the cosine part only: alpha stays a fraction of initial_learning_rate in every cycle.
      return schedule((i) => {
        const { index, fraction } = locate(i / first);
        return initial * ((1 - floor) * peakDecay ** index * cosineEasing(fraction) + floor);
      });
    },
  },
  {
    name: 'keras.ExponentialDecay',
    framework,
    summary: 'initial_learning_rate * decay_rate^(i/decay_steps)',
    formula: 'initial * decay_rate^(i/decay_steps)  (floor with staircase)',
    params: [initialLr, decaySteps, decayRate, staircase, opName('ExponentialDecay')],
    build: (p) => exponential({ from: p.num('initial_learning_rate'), rate: p.num('decay_rate'), every: p.num('decay_steps'), staircase: p.bool('staircase') }),
  },
  {
    name: 'keras.PiecewiseConstantDecay',
    framework,
    summary: 'values[k] between boundaries; a step equal to a boundary still takes the value before it',
    formula: 'values[0] for i <= b[0];  values[k] for b[k-1] < i <= b[k];  values[-1] for i > b[-1]',
    params: [
      { name: 'boundaries', type: 'numbers', doc: 'steps, strictly increasing' },
      { name: 'values', type: 'numbers', doc: 'one more value than boundaries' },
      opName('PiecewiseConstant'),
    ],
    build: (p, ctx) => {
      const boundaries = p.nums('boundaries');
      const values = p.nums('values');
      if (values.length !== boundaries.length + 1) ctx.fail(`values has ${values.length} entries; it needs one more than boundaries (${boundaries.length + 1})`);
      increasing(boundaries, ctx);
      // Keras tests `step <= boundary` (PiecewiseConstantDecay.__call__): for whole steps the value changes
      // at floor(boundary) + 1, one step later than paddle's PiecewiseDecay.
      return piecewiseConstant(
        boundaries.map((b) => Math.floor(b) + 1),
        values,
      );
    },
  },
  {
    name: 'keras.PolynomialDecay',
    framework,
    summary: 'polynomial decay to end_learning_rate over decay_steps; cycle=true stretches the horizon (TF style)',
    formula: '(initial - end) * (1 - min(i, decay_steps)/decay_steps)^power + end;  cycle: decay_steps * ceil(i/decay_steps)',
    params: [
      initialLr,
      decaySteps,
      { name: 'end_learning_rate', type: 'number', min: 0, default: 0.0001, doc: 'final lr' },
      { name: 'power', type: 'number', above: 0, default: 1, doc: 'exponent of the decay' },
      { name: 'cycle', type: 'boolean', default: false, doc: 'after decay_steps, jump back up and decay to the next multiple of decay_steps' },
      opName('PolynomialDecay'),
    ],
    build: (p): Schedule => {
      const from = p.num('initial_learning_rate');
      const to = p.num('end_learning_rate');
      if (p.bool('cycle')) return stretchedPolynomial(from, to, p.num('decay_steps'), p.num('power'));
      return anneal({ from, to, steps: p.num('decay_steps'), easing: polynomialEasing(p.num('power')) });
    },
  },
  {
    name: 'keras.InverseTimeDecay',
    framework,
    summary: 'initial_learning_rate / (1 + decay_rate * i/decay_steps)',
    formula: 'initial / (1 + decay_rate * i/decay_steps)  (floor with staircase)',
    params: [initialLr, decaySteps, decayRate, staircase, opName('InverseTimeDecay')],
    build: (p) => inverseTime({ from: p.num('initial_learning_rate'), rate: p.num('decay_rate'), every: p.num('decay_steps'), staircase: p.bool('staircase') }),
  },
);

/**
 * Keras 3 schedules as a Keras training step computes them (keras/src/optimizers/schedules/
 * learning_rate_schedule.py): in the dtype of initial_learning_rate, a Python float that becomes a float32
 * tensor (JAX runs without x64 by default, so floatx float64 changes nothing), inside the jitted train step,
 * so with XLA's float32 arithmetic (xla-float32.ts): `step / decay_steps` is `step * f32(1 / decay_steps)`.
 * The discrete decisions move with it: ExponentialDecay(500, 1906, 0.5, staircase=True) is still 500 at step
 * 1906, CosineDecayRestarts finds its cycle from float32 logs and can restart a step early, and
 * PolynomialDecay with a fractional power gives NaN at the end of the decay for some decay_steps.
 * Verified against jax.jit(jax.vmap(schedule)) and the optimizer's own jitted update
 * (test/fixtures/golden-float32/keras.json).
 */
import { schedule, type Schedule } from '../schedules/schedule.js';
import { f32, fma32, pow32, reciprocal32 } from './xla-float32.js';

const PI32 = f32(Math.PI);
const cos32 = (x: number): number => f32(Math.cos(x));
const log32 = (x: number): number => f32(Math.log(x));

/** The step as Keras casts it: the int32 iteration count to float32. */
const step32 = (step: number): number => f32(step);

export interface Decay32 {
  initial: number;
  decaySteps: number;
  rate: number;
  staircase: boolean;
}

/** InverseTimeDecay: initial / (1 + decay_rate * p). */
export function inverseTime32(o: Decay32): Schedule {
  const r = reciprocal32(o.decaySteps);
  const initial = f32(o.initial);
  const rate = f32(o.rate);
  // Without staircase XLA folds the two constants: 1 + step * f32(decay_rate / decay_steps), fused.
  const rateR = f32(rate * r);
  // With staircase: 1 + decay_rate * floor(step * f32(1/decay_steps)).
  return schedule((step) => f32(initial / (o.staircase ? fma32(rate, Math.floor(f32(step32(step) * r)), 1) : fma32(step32(step), rateR, 1))));
}

export interface Polynomial32 {
  initial: number;
  end: number;
  decaySteps: number;
  power: number;
  cycle: boolean;
}

/**
 * PolynomialDecay: (initial - end) * (1 - p)^power + end. Without cycle p = min(step, decay_steps) *
 * f32(1/decay_steps), its `1 - p` fused; with cycle the horizon is decay_steps * ceil(step * f32(1/decay_steps))
 * and p a true division by it.
 */
export function polynomialDecay32(o: Polynomial32): Schedule {
  const steps = f32(o.decaySteps);
  const r = reciprocal32(o.decaySteps);
  const end = f32(o.end);
  const span = f32(f32(o.initial) - end);
  const power = f32(o.power);
  return schedule((step) => {
    const s = step32(step);
    let fraction: number;
    if (o.cycle) {
      const multiplier = s === 0 ? 1 : Math.ceil(f32(s * r));
      fraction = f32(1 - f32(s / f32(steps * multiplier)));
    } else {
      fraction = fma32(-Math.min(s, steps), r, 1);
    }
    return fma32(span, pow32(fraction, power), end);
  }, o.cycle ? undefined : o.decaySteps);
}

export interface Cosine32 {
  initial: number;
  decaySteps: number;
  alpha: number;
  /** Warmup: linear from initial to target over warmupSteps, then the cosine from target. */
  warmup?: { target: number; steps: number };
}

/** CosineDecay._decay_function: from * ((1 - alpha) * 0.5 * (1 + cos(pi * step/decay_steps)) + alpha). */
function cosineFrom(from: number, step: number, piR: number, alpha: number): number {
  const cosine = f32(0.5 * f32(1 + cos32(f32(step * piR))));
  // `(1 - self.alpha) * cosine + self.alpha`: alpha is a Python float here, so 1 - alpha is taken in double.
  return f32(from * fma32(f32(1 - alpha), cosine, f32(alpha)));
}

/** CosineDecay, with its optional warmup (`_warmup_function`: delta * step/warmup_steps + initial). */
export function cosineDecay32(o: Cosine32): Schedule {
  const steps = f32(o.decaySteps);
  // pi * (step * f32(1/decay_steps)): XLA folds the constants into one, step * f32(pi * f32(1/decay_steps)).
  const r = f32(PI32 * reciprocal32(o.decaySteps));
  const initial = f32(o.initial);
  const warmup = o.warmup;
  if (warmup === undefined) return schedule((step) => cosineFrom(initial, Math.min(step32(step), steps), r, o.alpha), o.decaySteps);
  const target = f32(warmup.target);
  const warmupSteps = f32(warmup.steps);
  const warmupR = reciprocal32(warmup.steps);
  // delta * (step * f32(1/warmup_steps)) + initial, the constants folded and the add fused.
  const deltaR = f32(f32(target - initial) * warmupR);
  const end = f32(steps + warmupSteps);
  return schedule((step) => {
    const s = Math.min(step32(step), end);
    if (s < warmupSteps) return fma32(s, deltaR, initial);
    return cosineFrom(target, f32(s - warmupSteps), r, o.alpha);
  }, o.decaySteps + warmup.steps);
}

export interface Restarts32 {
  initial: number;
  firstDecaySteps: number;
  tMul: number;
  mMul: number;
  alpha: number;
}

/**
 * CosineDecayRestarts: the cycle i and the fraction into it from float32 arithmetic, i = floor(log(1 -
 * completed (1 - t_mul)) * f32(1 / log(t_mul))) (a float32 floor for t_mul = 1); at some restarts the
 * quotient rounds up to the whole number a step early, so the lr is back at its peak one step before
 * float64 puts it there.
 */
export function cosineDecayRestarts32(o: Restarts32): Schedule {
  const r = reciprocal32(o.firstDecaySteps);
  const initial = f32(o.initial);
  const tMul = f32(o.tMul);
  const mMul = f32(o.mMul);
  const alpha = f32(o.alpha);
  const oneMinusAlpha = f32(1 - alpha);
  const oneMinusTMul = f32(1 - tMul);
  const rOneMinusTMul = reciprocal32(oneMinusTMul);
  const rLogTMul = reciprocal32(log32(tMul));
  const stepTMul = f32(r * oneMinusTMul);
  return schedule((step) => {
    const completed = f32(step32(step) * r);
    let index: number;
    let fraction: number;
    if (tMul === 1) {
      index = Math.floor(completed);
      fraction = f32(completed - index);
    } else {
      // 1 - step * f32(1/first) * (1 - t_mul), the two constants folded into one and the rest fused.
      index = Math.floor(f32(log32(fma32(-step32(step), stepTMul, 1)) * rLogTMul));
      const grown = pow32(tMul, index);
      const sumBefore = f32(f32(1 - grown) * rOneMinusTMul);
      fraction = f32(f32(completed - sumBefore) / grown);
    }
    const cosine = f32(f32(0.5 * pow32(mMul, index)) * f32(1 + cos32(f32(PI32 * fraction))));
    return f32(initial * fma32(oneMinusAlpha, cosine, alpha));
  });
}

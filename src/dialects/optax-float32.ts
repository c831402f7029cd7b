/**
 * optax as it runs inside a jitted training step, where the decisions are taken in float32: the step count
 * is int32, XLA (on CPU) replaces `count / transition_steps` by `count * (1 / transition_steps)` with the
 * reciprocal rounded to float32, and fuses `1 - count * r` into one multiply-add. So exponential_decay with
 * staircase=True can drop a step late (500 at count 1906 with transition_steps 1906: 1906 * f32(1/1906) is
 * 0.99999994, whose floor is 0), and polynomial_schedule's `1 - count/T` can end a hair below 0, which a
 * fractional power turns into NaN from the end of the transition on (T = 10, 612, 3805, 90000).
 *
 * Each operation is rounded with Math.fround where XLA rounds to float32; float32 pow is the double pow
 * rounded, within an ulp of XLA's. Verified against jax.jit(jax.vmap(schedule)) on int32 counts
 * (test/fixtures/golden-float32/). GPUs and TPUs may contract differently.
 */
import { schedule, type Schedule } from '../schedules/schedule.js';
import { f32, fma32, pow32, reciprocal32 as reciprocal } from './xla-float32.js';

export interface ExponentialDecay32 {
  init: number;
  transitionSteps: number;
  rate: number;
  begin: number;
  staircase: boolean;
  /** Clip: a floor when rate < 1, a ceiling otherwise (optax's end_value). */
  end?: number;
}

/** optax.exponential_decay under jit: init * rate ** p, p = (count - begin) * f32(1/T), floored for staircase. */
export function exponentialDecay32(o: ExponentialDecay32): Schedule {
  const r = reciprocal(o.transitionSteps);
  const init = f32(o.init);
  const rate = f32(o.rate);
  const end = o.end === undefined ? undefined : f32(o.end);
  return schedule((count) => {
    const decreased = count - o.begin;
    let p = f32(f32(decreased) * r);
    if (o.staircase) p = Math.floor(p);
    let value = decreased <= 0 ? init : f32(init * pow32(rate, p));
    if (end !== undefined) value = o.rate < 1 ? Math.max(value, end) : Math.min(value, end);
    return value;
  });
}

export interface Polynomial32 {
  init: number;
  end: number;
  power: number;
  transitionSteps: number;
  begin: number;
}

/** optax.polynomial_schedule under jit: (init - end) * (1 - count * f32(1/T)) ** power + end, fused. */
export function polynomial32(o: Polynomial32): Schedule {
  const r = reciprocal(o.transitionSteps);
  const span = f32(o.init - o.end);
  const end = f32(o.end);
  const power = f32(o.power);
  return schedule((step) => {
    const count = Math.min(Math.max(step - o.begin, 0), o.transitionSteps);
    return fma32(span, pow32(fma32(-count, r, 1), power), end);
  }, o.begin + o.transitionSteps);
}

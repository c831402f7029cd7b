import type { Schedule } from '../schedules/schedule.js';
import type { SpecObject } from '../spec/params.js';
import type { Training } from './training.js';

/** Past this many steps the profile keeps every k-th value; rules probe exact steps through `lr`. */
const MAX_SAMPLES = 1 << 22;

/**
 * What every rule reads: the schedule's values over the run, computed once, and the exact value at
 * any step. `values[j]` is the learning rate at step `j * stride`.
 */
export interface Profile {
  readonly label: string;
  readonly training: Training;
  /** Scheduler steps in the run. */
  readonly steps: number;
  readonly stride: number;
  readonly values: Float64Array;
  lr(step: number): number;
  /** The step the schedule calls its end, when it has one. */
  readonly horizon?: number;
  /** The resolved spec, for naming the parameter a fix should change. */
  readonly spec?: SpecObject;
  readonly peak: number;
  readonly peakStep: number;
  readonly low: number;
  readonly final: number;
}

export interface CheckInput {
  readonly label: string;
  readonly schedule: Schedule;
  readonly spec?: SpecObject;
  readonly training: Training;
}

export function profileOf({ label, schedule, spec, training }: CheckInput): Profile {
  const steps = training.schedulerSteps;
  const stride = Math.max(1, Math.ceil(steps / MAX_SAMPLES));
  const values = new Float64Array(Math.ceil(steps / stride));
  let peak = -Infinity;
  let peakStep = 0;
  let low = Infinity;
  for (let j = 0; j < values.length; j++) {
    const v = schedule.lr(j * stride);
    values[j] = v;
    if (v > peak) {
      peak = v;
      peakStep = j * stride;
    }
    if (v < low) low = v;
  }
  const horizon = schedule.horizon !== undefined && Number.isFinite(schedule.horizon) && schedule.horizon > 0 ? schedule.horizon : undefined;
  return { label, training, steps, stride, values, lr: (i) => schedule.lr(i), horizon, spec, peak, peakStep, low, final: schedule.lr(steps - 1) };
}

/** Names of the spec's parameters that hold exactly this number (`T_max=90`), for pointing a fix at them. */
export function parametersEqualTo(spec: SpecObject | undefined, value: number): string[] {
  if (spec === undefined) return [];
  return Object.entries(spec).flatMap(([name, v]) => (typeof v === 'number' && v === value ? [`${name}=${v}`] : []));
}

/** A step count for people: 7,820. */
export function count(n: number): string {
  return Number.isInteger(n) ? n.toLocaleString('en-US') : String(+n.toPrecision(4));
}

/** A learning rate for people: 3 significant digits, no trailing zeros. */
export function rate(v: number): string {
  if (v === 0) return '0';
  const a = Math.abs(v);
  return a < 1e-3 || a >= 1e5 ? v.toExponential(2).replace(/\.?0+e/, 'e').replace('e+', 'e') : String(+v.toPrecision(3));
}

export function percent(fraction: number): string {
  const p = fraction * 100;
  return `${p >= 10 || p === 0 ? Math.round(p) : +p.toPrecision(2)}%`;
}

import { notFinite } from '../curve/curve.js';
import type { Schedule } from '../schedules/schedule.js';
import type { SpecObject } from '../schedules/definition.js';
import type { Training } from './training.js';
import type { Float32Twin } from './rules/float32.js';

/**
 * Past this many steps the profile keeps every k-th value; rules probe exact steps through `lr`, and read
 * restarts and the range from the schedule itself. About 1e6, so that checking 1e9 steps costs what
 * checking 1e6 does.
 */
const MAX_SAMPLES = 1 << 20;

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
  /** The exact lowest and highest rate over the run, when the schedule can tell (peak and low are sampled). */
  readonly range?: readonly [number, number];
  /** Where the schedule's cycles begin, when it is made of cycles and can tell (see Schedule.cycleStarts). */
  readonly cycleStarts?: Schedule['cycleStarts'];
  readonly final: number;
}

export interface CheckInput {
  readonly label: string;
  readonly schedule: Schedule;
  readonly spec?: SpecObject;
  /** Parameters given that the framework accepts but never uses (BuiltSchedule.ineffective). */
  readonly ineffective?: readonly { name: string; value: unknown; why: string }[];
  readonly training: Training;
  /** For a schedule computed in float32: the same in float64, to find where float32 moves a step (rules/float32.ts). */
  readonly float32?: Float32Twin;
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
    // Every command refuses a rate that is not a number; check must not call it "no problems found".
    if (!Number.isFinite(v)) throw notFinite(label, j * stride, v, spec);
    values[j] = v;
    if (v > peak) {
      peak = v;
      peakStep = j * stride;
    }
    if (v < low) low = v;
  }
  const horizon = schedule.horizon !== undefined && Number.isFinite(schedule.horizon) && schedule.horizon > 0 ? schedule.horizon : undefined;
  const final = schedule.lr(steps - 1);
  if (!Number.isFinite(final)) throw notFinite(label, steps - 1, final, spec);
  const range = steps > 0 ? schedule.extremes?.(0, steps) : undefined;
  return { label, training, steps, stride, values, lr: (i) => schedule.lr(i), horizon, spec, peak, peakStep, low, range, cycleStarts: schedule.cycleStarts, final };
}

/** Two parameters whose product makes a number: paddle's `step_each_epoch=100` and `epochs=8`. */
export type ParameterProduct = readonly [readonly [string, number], readonly [string, number]];

function numericParameters(spec: SpecObject): [string, number][] {
  return Object.entries(spec).filter((entry): entry is [string, number] => typeof entry[1] === 'number' && entry[1] > 1);
}

/** The two parameters whose product is this number, when no single parameter holds it. */
export function parameterProduct(spec: SpecObject | undefined, value: number): ParameterProduct | undefined {
  if (spec === undefined) return undefined;
  const numbers = numericParameters(spec);
  if (numbers.some(([, v]) => v === value)) return undefined;
  for (let i = 0; i < numbers.length; i++) {
    for (let j = i + 1; j < numbers.length; j++) {
      if (numbers[i][1] * numbers[j][1] === value) return [numbers[i], numbers[j]];
    }
  }
  return undefined;
}

/**
 * The spec's parameters that make this number, for pointing a fix at them: one that holds it (`T_max=90`),
 * or two whose product does (paddle's `epochs=8 × step_each_epoch=100`).
 */
export function parametersEqualTo(spec: SpecObject | undefined, value: number): string[] {
  if (spec === undefined) return [];
  const single = numericParameters(spec).filter(([, v]) => v === value).map(([name, v]) => `${name}=${v}`);
  if (single.length > 0) return single;
  const product = parameterProduct(spec, value);
  return product === undefined ? [] : [`${product[0][0]}=${product[0][1]} × ${product[1][0]}=${product[1][1]}`];
}

import type { SpecObject } from '../../schedules/definition.js';
import type { Features } from '../features.js';

/** How a shape parameter is tidied once fitted: steps snap to round numbers, factors to few digits. */
export type Tidy = 'steps' | 'factor' | 'none';

export interface ShapeParam {
  readonly name: string;
  readonly integer: boolean;
  readonly tidy: Tidy;
}

/** What the fitter found, in the family's own terms; learning rates in the log's units. */
export interface FittedSchedule {
  readonly peak: number;
  readonly start: number;
  readonly floor: number;
  readonly warmup: number;
  readonly shape: readonly number[];
}

/**
 * The fitted schedule written down: as lrviz's spec (a definition's name and its parameters, from which the
 * schedule is built and the `-s` text printed), and as the framework calls that make it.
 */
export interface Rendition {
  readonly spec: SpecObject;
  readonly hf?: string;
  readonly torch?: string;
}

/**
 * A family of schedules the fitter can recognise: linear warmup from `start` to `peak` over `warmup` steps
 * (shared by all), then a body whose value is peak * p + floor * f for a (p, f) the family computes from
 * its shape parameters. Peak, start and floor enter linearly and are solved exactly for every shape tried.
 */
export interface Family {
  readonly name: string;
  /** Simpler families win when they explain the log as well. */
  readonly complexity: number;
  readonly shapeParams: readonly ShapeParam[];
  readonly hasFloor: boolean;
  /** The warmup's shape: a straight ramp (the default), or a half cosine as one-cycle schedules rise. */
  readonly warmupShape?: 'linear' | 'cosine';
  /** The floor is a setting of its own (one-cycle's final_div_factor): never simplified away to 0. */
  readonly keepsFloor?: boolean;
  /** Shapes to start the search from; none means this family cannot explain the log. */
  starts(features: Features, warmup: number): number[][];
  /** False outside the family's domain (lengths below 1, factors out of range, a horizon before the warmup ends). */
  valid(shape: readonly number[], warmup: number, features: Features): boolean;
  /**
   * The peak and floor coefficients at the steps ts[from..] (all >= warmup, ascending): value = peak * p +
   * floor * f. A loop of the family's own rather than a call per step: one call site shared by every family
   * would not be inlined, and each number it returned would be boxed on the heap.
   */
  body(ts: Float64Array, from: number, warmup: number, shape: readonly number[], peak: Float64Array, floor: Float64Array): void;
  /** The configured end of the schedule, when the family has one. */
  horizon?(warmup: number, shape: readonly number[]): number;
  /** The spec and framework calls; `lastStep` is where the log stops, for calls that need a total. */
  render(fitted: FittedSchedule, lastStep: number): Rendition;
}

/** 12 significant digits: a ratio such as floor / peak should read 0.1, not 0.09999999999999999. */
function tidy(v: number): number {
  return Number(v.toPrecision(12));
}

/** Numbers for specs and calls: the shortest form, small rates as 1e-5. */
export function n(v: number): string {
  const t = tidy(v);
  return t !== 0 && Math.abs(t) < 1e-3 ? t.toExponential().replace('e+', 'e') : String(t);
}

/**
 * lrviz's spec of a fitted schedule: the definition's name and its parameters in the order given, those
 * undefined left out, numbers tidied as `n` prints them (so that the schedule built from it is the one the
 * printed text describes).
 */
export function specOf(type: string, params: Readonly<Record<string, number | string | readonly number[] | undefined>>): SpecObject {
  const spec: SpecObject = { type };
  for (const [name, value] of Object.entries(params)) {
    if (value === undefined) continue;
    spec[name] = typeof value === 'number' ? tidy(value) : typeof value === 'string' ? value : value.map(tidy);
  }
  return spec;
}

/** The text of a spec as `-s` takes it: `NAME:key=value,...`. */
export function specText(spec: SpecObject): string {
  const params = Object.entries(spec)
    .filter(([name]) => name !== 'type')
    .map(([name, value]) => `${name}=${typeof value === 'number' ? n(value) : Array.isArray(value) ? JSON.stringify(value) : String(value)}`);
  return params.length === 0 ? spec.type : `${spec.type}:${params.join(',')}`;
}

/** The warmup's parameters, when there is a warmup: its length, and its start when that is not 0. */
export function warmupParams({ warmup, start }: FittedSchedule): { warmup?: number; start_lr?: number } {
  return { warmup: warmup > 0 ? warmup : undefined, start_lr: warmup > 0 && start > 0 ? start : undefined };
}

/** A parameter that is left out when it is 0 (a floor, a starting lr). */
export function unlessZero(value: number): number | undefined {
  return value === 0 ? undefined : value;
}

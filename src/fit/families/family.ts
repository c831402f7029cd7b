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

/** Ways to write the fitted schedule down: an lrviz spec, and the framework calls that make it. */
export interface Rendition {
  readonly spec: string;
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

/** Numbers for specs and calls: the shortest form, small rates as 1e-5. */
export function n(v: number): string {
  // 12 significant digits: a ratio such as floor / peak should read 0.1, not 0.09999999999999999.
  const tidy = Number(v.toPrecision(12));
  return tidy !== 0 && Math.abs(tidy) < 1e-3 ? tidy.toExponential().replace('e+', 'e') : String(tidy);
}

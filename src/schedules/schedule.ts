/**
 * A learning-rate schedule: a pure function of the optimizer step.
 *
 * `lr(i)` is the learning rate the optimizer uses for its i-th update, i = 0, 1, 2, ... (the value read
 * before the scheduler is stepped for the i-th time). Schedules are values: build them from the shapes
 * in `./shapes` and the combinators in `./combinators`, never by copying a formula.
 */
export interface Schedule {
  lr(step: number): number;
  /**
   * The step from which the schedule stops changing (or, for a framework that keeps computing past its
   * horizon, the step its own parameters call the end). Undefined for schedules with no natural end.
   */
  readonly horizon?: number;
  /**
   * Optional fast path: out[j] = lr(start + j). Shapes and combinators provide it so that a million-step
   * curve is a few tight loops rather than a million trips through nested closures; it must agree with
   * `lr` exactly.
   */
  fill?(start: number, out: Float64Array): void;
  /**
   * Optional: the smallest and largest lr(i) for whole steps start <= i < end, found without visiting
   * every step (a monotone stretch has them at its ends), so that a chart of a billion steps costs a
   * few evaluations a column. Undefined when the schedule cannot tell: then the values are computed.
   * Must agree exactly with the min and max of `lr` over the range.
   */
  extremes?(start: number, end: number): readonly [number, number] | undefined;
  /**
   * Optional, for schedules made of cycles (warm restarts): the whole steps in [start, end) where a cycle
   * after the first begins, worked out from the cycle lengths rather than found in the values, so that a
   * check of 1e12 steps over cycles of two steps counts and places every restart exactly. Undefined when
   * the schedule cannot tell (cycles that begin between whole steps).
   */
  cycleStarts?(start: number, end: number, keep: number): CycleStarts | undefined;
}

/** Where cycles begin in a range of steps: how many, and the first and last `keep` of them, in order. */
export interface CycleStarts {
  readonly count: number;
  readonly first: readonly number[];
  readonly last: readonly number[];
}

/** No cycle begins in the range. */
export const NO_CYCLE_STARTS: CycleStarts = { count: 0, first: [], last: [] };

/**
 * The cycle starts numbered `low` to `high` (none when high < low), the k-th at step `at(k)`: how many,
 * and the first and last `keep` of them.
 */
export function numberedStarts(low: number, high: number, keep: number, at: (k: number) => number): CycleStarts {
  const count = Math.max(0, high - low + 1);
  const kept = Math.min(keep, count);
  return {
    count,
    first: Array.from({ length: kept }, (_, j) => at(low + j)),
    last: Array.from({ length: kept }, (_, j) => at(high - kept + 1 + j)),
  };
}

/** The same schedule, also telling where its cycles begin. */
export function withCycleStarts(s: Schedule, cycleStarts: NonNullable<Schedule['cycleStarts']>): Schedule {
  return { ...s, cycleStarts };
}

/** Cycle starts offset by `by` steps (a part of a join, a resumed run). */
export function movedStarts(starts: CycleStarts | undefined, by: (step: number) => number): CycleStarts | undefined {
  return starts === undefined ? undefined : { count: starts.count, first: starts.first.map(by), last: starts.last.map(by) };
}

/** A schedule from a bare function, with an optional horizon and fast paths. */
export function schedule(lr: (step: number) => number, horizon?: number, fill?: Schedule['fill'], extremes?: Schedule['extremes']): Schedule {
  const s: { lr: Schedule['lr']; horizon?: number; fill?: Schedule['fill']; extremes?: Schedule['extremes'] } = { lr };
  if (horizon !== undefined) s.horizon = horizon;
  if (fill !== undefined) s.fill = fill;
  if (extremes !== undefined) s.extremes = extremes;
  return s;
}

/** Smallest and largest of the given steps' values. */
export function extremesAt(lr: (step: number) => number, steps: readonly number[]): [number, number] {
  let low = Infinity;
  let high = -Infinity;
  for (const step of steps) {
    const value = lr(step);
    if (!(value >= low)) low = value;
    if (!(value <= high)) high = value;
  }
  return [low, high];
}

/** out[j] = s.lr(start + j), through the schedule's fast path where it has one. */
export function fillValues(s: Schedule, start: number, out: Float64Array): void {
  if (s.fill) s.fill(start, out);
  else for (let j = 0; j < out.length; j++) out[j] = s.lr(start + j);
}

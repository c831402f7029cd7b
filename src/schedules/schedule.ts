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
}

/** A schedule from a bare function, with an optional horizon. */
export function schedule(lr: (step: number) => number, horizon?: number): Schedule {
  return horizon === undefined ? { lr } : { lr, horizon };
}

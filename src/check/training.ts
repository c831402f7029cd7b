/**
 * How long the run trains and how often its scheduler is stepped. The schedule is evaluated over
 * `schedulerSteps` steps: batches when stepped per batch, epochs when stepped per epoch.
 */
export interface Training {
  /** Scheduler steps the run takes: `--train-steps`, or epochs × steps per epoch, or epochs when stepped per epoch. */
  readonly schedulerSteps: number;
  readonly stepped: 'batch' | 'epoch';
  /** Known when the user gave the run in epochs (or gave steps per epoch with a step count). */
  readonly epochs?: number;
  readonly stepsPerEpoch?: number;
  /** Micro-batches per optimizer update, when the user said (`--grad-accum`). */
  readonly gradientAccumulation?: number;
}

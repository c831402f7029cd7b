import type { RunFacts, SpecObject } from '../../schedules/definition.js';
import type { LinePoint } from '../picture-data.js';

/**
 * What the HTML page carries instead of samples: for each series the resolved spec it was built from,
 * so the page can rebuild the very schedule lrviz ran and compute any window of it exactly. A curve
 * that came with no spec (a library user's own values) carries its values when they are few, or a fine
 * envelope line when they are not: the one case where the page cannot be exact past that detail.
 */
export interface PageSeries {
  readonly label: string;
  readonly steps: number;
  readonly spec?: SpecObject;
  /**
   * How the CLI built it (curve.meta.rebuild): over the scheduler's steps, each held for an epoch's updates,
   * with what the command line told computed defaults (--dtype reaches nested schedules only through it).
   */
  readonly rebuild?: { readonly schedulerSteps: number; readonly stepsPerEpoch: number; readonly facts?: RunFacts };
  readonly values?: readonly number[];
  readonly line?: readonly LinePoint[];
}

/** A logged run: the points it logged (thinned to a few a pixel when there are very many), as JSON carries them. */
export interface PageLog {
  readonly label: string;
  readonly steps: readonly number[];
  readonly values: readonly number[];
}

export interface PagePayload {
  readonly series: readonly PageSeries[];
  readonly logs: readonly PageLog[];
  /** The x range of the whole run: 0 to the horizon, or to the last logged step past it. */
  readonly lastStep: number;
  /** The window the page opens on (--xlim); the whole run when undefined. Zooming out reaches the whole run. */
  readonly initial?: readonly [number, number];
  /** On a log axis, its bottom: rates at or below it are drawn there. Undefined on a linear axis. */
  readonly logFloor?: number;
}

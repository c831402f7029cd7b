/**
 * Points a run actually logged (step, learning rate), drawn over the planned curves. Stored as two
 * typed arrays: 16 bytes a point, so a 1e7-point log is 160 MB, with no object per point.
 */
export interface LoggedPoints {
  readonly label: string;
  readonly steps: Float64Array;
  readonly values: Float64Array;
}

/** How a logged run is named beside the planned curves (legends, CSV headers, JSON labels). */
export const LOGGED_SUFFIX = ' (logged)';

/** A series' name as lrviz's own exports head a logged run, read back: without the suffix they added. */
export function loggedLabel(name: string): string {
  return name.endsWith(LOGGED_SUFFIX) ? name.slice(0, -LOGGED_SUFFIX.length) : name;
}

/** Logged learning rates with where they came from: what the log readers return. */
export interface LoggedRun extends LoggedPoints {
  /** The file the points were read from. */
  readonly source: string;
  /** Which kind of log it was, in words (`HuggingFace trainer_state.json`, ...). */
  readonly format: string;
}

/** Room for this many points at first, when nothing tells how many will come. */
const FIRST_ROOM = 1024;

/**
 * How many points a reader expects in all, given how many it has so far (from the bytes read and the
 * file's size): undefined when it cannot tell (a pipe).
 */
export type ExpectedPoints = (sofar: number) => number | undefined;

/**
 * (step, value) pairs gathered one at a time into two typed arrays. When the reader can tell how many
 * points will come, the arrays are made that large once (with 5% to spare) and never copied again;
 * otherwise they double. Room never written is never touched, so it costs address space, not memory:
 * finish() hands out the filled part as it is, with no copy.
 */
export class PointsBuilder {
  private steps = new Float64Array(0);
  private values = new Float64Array(0);
  private fill = 0;

  constructor(private readonly expected?: ExpectedPoints) {}

  get length(): number {
    return this.fill;
  }

  add(step: number, value: number): void {
    if (this.fill === this.steps.length) this.grow();
    this.steps[this.fill] = step;
    this.values[this.fill++] = value;
  }

  /** The points in step order (see orderedPoints). */
  finish(): { steps: Float64Array; values: Float64Array } {
    return orderedPoints(this.steps.subarray(0, this.fill), this.values.subarray(0, this.fill));
  }

  private grow(): void {
    const expected = this.fill === 0 ? undefined : this.expected?.(this.fill);
    const room =
      expected !== undefined && Number.isFinite(expected) && expected > this.fill * 1.01
        ? Math.ceil(expected * 1.05) + FIRST_ROOM
        : Math.max(FIRST_ROOM, this.fill * 2);
    const steps = new Float64Array(room);
    const values = new Float64Array(room);
    steps.set(this.steps.subarray(0, this.fill));
    values.set(this.values.subarray(0, this.fill));
    this.steps = steps;
    this.values = values;
  }
}

/** The last step any of these logs holds, 0 when none holds a point (steps are in order). */
export function lastLoggedStep(logs: readonly { readonly steps: ArrayLike<number> }[]): number {
  let last = 0;
  for (const log of logs) if (log.steps.length > 0) last = Math.max(last, log.steps[log.steps.length - 1]);
  return last;
}

/** Points from plain lists (the JSON logs, tests). */
export function pointsOf(steps: ArrayLike<number>, values: ArrayLike<number>): { steps: Float64Array; values: Float64Array } {
  return orderedPoints(Float64Array.from(steps), Float64Array.from(values));
}

/**
 * Points in step order, one per step. Logs resumed from a checkpoint repeat steps: the later entry wins,
 * since it is the run that went on. Points without a finite step or learning rate are dropped. A log
 * already in order (the usual case) is kept as it is, with no copy.
 */
function orderedPoints(steps: Float64Array, values: Float64Array): { steps: Float64Array; values: Float64Array } {
  let inOrder = true;
  for (let k = 0; k < steps.length && inOrder; k++) {
    inOrder = Number.isFinite(steps[k]) && Number.isFinite(values[k]) && (k === 0 || steps[k] > steps[k - 1]);
  }
  if (inOrder) return { steps, values };
  const byStep = new Map<number, number>();
  for (let k = 0; k < steps.length; k++) {
    if (Number.isFinite(steps[k]) && Number.isFinite(values[k])) byStep.set(steps[k], values[k]);
  }
  const sorted = Float64Array.from(byStep.keys()).sort();
  return { steps: sorted, values: sorted.map((s) => byStep.get(s)!) };
}

/** Points a run actually logged (step, learning rate), drawn over the planned curves. */
export interface LoggedPoints {
  readonly label: string;
  readonly steps: readonly number[];
  readonly values: readonly number[];
}

/** Logged learning rates with where they came from: what the log readers return. */
export interface LoggedRun extends LoggedPoints {
  /** The file the points were read from. */
  readonly source: string;
  /** Which kind of log it was, in words (`HuggingFace trainer_state.json`, ...). */
  readonly format: string;
}

/**
 * Points in step order, one per step. Logs resumed from a checkpoint repeat steps: the later entry wins,
 * since it is the run that went on. Points without a finite step or learning rate are dropped. A log
 * already in order (the usual case) is kept as it is, with no copy.
 */
export function orderedPoints(steps: number[], values: number[]): { steps: number[]; values: number[] } {
  let inOrder = true;
  for (let k = 0; k < steps.length && inOrder; k++) {
    inOrder = Number.isFinite(steps[k]) && Number.isFinite(values[k]) && (k === 0 || steps[k] > steps[k - 1]);
  }
  if (inOrder) return { steps, values };
  const byStep = new Map<number, number>();
  for (let k = 0; k < steps.length; k++) {
    if (Number.isFinite(steps[k]) && Number.isFinite(values[k])) byStep.set(steps[k], values[k]);
  }
  const sorted = [...byStep.keys()].sort((a, b) => a - b);
  return { steps: sorted, values: sorted.map((s) => byStep.get(s)!) };
}

import type { LoggedPoints } from '../render/request.js';

/** Logged learning rates with where they came from: what the log readers return. */
export interface LoggedRun extends LoggedPoints {
  /** The file the points were read from. */
  readonly source: string;
  /** Which kind of log it was, in words (`HuggingFace trainer_state.json`, ...). */
  readonly format: string;
}

/**
 * Points in step order, one per step. Logs resumed from a checkpoint repeat steps: the later entry wins,
 * since it is the run that went on. Points without a finite step or learning rate are dropped.
 */
export function orderedPoints(pairs: Iterable<readonly [number, number]>): { steps: number[]; values: number[] } {
  const byStep = new Map<number, number>();
  for (const [step, value] of pairs) {
    if (Number.isFinite(step) && Number.isFinite(value)) byStep.set(step, value);
  }
  const steps = [...byStep.keys()].sort((a, b) => a - b);
  return { steps, values: steps.map((s) => byStep.get(s)!) };
}

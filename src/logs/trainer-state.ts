import { isPlainObject } from '../json.js';
import { orderedPoints, type LoggedRun } from './points.js';

export const TRAINER_STATE = 'HuggingFace trainer_state.json';

/**
 * A HuggingFace Trainer state: `log_history` entries that carry `learning_rate` and `step`. Evaluation
 * and summary entries have no learning rate and are skipped. Undefined when the JSON is not one.
 */
export function readTrainerState(json: unknown, source: string): LoggedRun[] | undefined {
  if (!isPlainObject(json) || !Array.isArray(json.log_history)) return undefined;
  const steps: number[] = [];
  const values: number[] = [];
  for (const entry of json.log_history) {
    if (isPlainObject(entry) && typeof entry.learning_rate === 'number' && typeof entry.step === 'number') {
      steps.push(entry.step);
      values.push(entry.learning_rate);
    }
  }
  return [{ label: source, source, format: TRAINER_STATE, ...orderedPoints(steps, values) }];
}

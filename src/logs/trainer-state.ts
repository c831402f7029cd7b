import { isPlainObject } from '../json.js';
import { PointsBuilder, type LoggedRun } from './points.js';

export const TRAINER_STATE = 'HuggingFace trainer_state.json';

/**
 * A HuggingFace Trainer state: `log_history` entries that carry `learning_rate` and `step`. Evaluation
 * and summary entries have no learning rate and are skipped. Undefined when the JSON is not one.
 */
export function readTrainerState(json: unknown, source: string): LoggedRun[] | undefined {
  if (!isPlainObject(json) || !Array.isArray(json.log_history)) return undefined;
  const points = new PointsBuilder();
  for (const entry of json.log_history) {
    if (isPlainObject(entry) && typeof entry.learning_rate === 'number' && typeof entry.step === 'number') {
      points.add(entry.step, entry.learning_rate);
    }
  }
  return [{ label: source, source, format: TRAINER_STATE, ...points.finish() }];
}

import { LrvizError } from '../errors.js';
import type { LoggedPoints } from '../render/request.js';

// Placeholder until the log readers land.
export async function readLoggedPoints(_paths: readonly string[]): Promise<LoggedPoints[]> {
  throw new LrvizError('--log is not available yet');
}

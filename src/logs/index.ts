import { readLogFile } from './read.js';
import type { LoggedRun } from './points.js';

export { parseLog, readLogFile, MAX_LOG_BYTES } from './read.js';
export { parseCsv } from './csv.js';
export type { LoggedRun } from './points.js';

/**
 * Learning rates real runs logged, one series per logged learning rate (a Lightning log with several
 * parameter groups gives several), in the order the files were named. `name` begins errors, as readLogFile's.
 */
export async function readLoggedPoints(paths: readonly string[], name?: string): Promise<LoggedRun[]> {
  return paths.flatMap((path) => readLogFile(path, name));
}

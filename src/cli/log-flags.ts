import { existsSync } from 'node:fs';
import type { LoggedRun } from '../logs/points.js';
import { flagOf } from './flags.js';
import { visible } from '../visible-text.js';

/** `--log FILE`, or `--log FILE:label=NAME` to name the run in the legend and exports (as -s takes label=). */
export interface LogArgument {
  readonly path: string;
  readonly label?: string;
}

const LABEL = ':label=';

export function parseLogArgument(text: string): LogArgument {
  const at = text.lastIndexOf(LABEL);
  // A file whose name really holds ":label=" is still that file.
  if (at <= 0 || existsSync(text)) return { path: text };
  return { path: text.slice(0, at), label: visible(text.slice(at + LABEL.length)) };
}

/**
 * The logged runs of every --log, in order, each labelled by its label= when given: one run takes the
 * name itself, several from one file (a metrics.csv with two parameter groups) keep what told them apart.
 * The log readers are loaded only when a log is named.
 */
export async function readLogArguments(texts: readonly string[]): Promise<LoggedRun[]> {
  if (texts.length === 0) return [];
  const { readLoggedPoints } = await import('../logs/index.js');
  const runs: LoggedRun[] = [];
  for (const { path, label } of texts.map(parseLogArgument)) {
    const read = await readLoggedPoints([path], flagOf('log'));
    for (const run of read) {
      if (label === undefined) runs.push(run);
      else if (read.length === 1) runs.push({ ...run, label });
      else runs.push({ ...run, label: run.label.startsWith(`${run.source} `) ? `${label} ${run.label.slice(run.source.length + 1)}` : label });
    }
  }
  return runs;
}

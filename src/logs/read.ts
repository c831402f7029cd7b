import { readFileSync, statSync } from 'node:fs';
import { LrvizError, shown } from '../errors.js';
import { parseCsv } from './csv.js';
import { readCsvLog } from './csv-logs.js';
import type { LoggedRun } from './points.js';
import { readTrainerState } from './trainer-state.js';

/** A log larger than this is not a learning-rate log anyone exported by hand; refuse before reading it. */
export const MAX_LOG_BYTES = 256 * 1024 * 1024;

const KINDS = 'a HuggingFace trainer_state.json, a PyTorch Lightning metrics.csv with lr-* columns, a TensorBoard or W&B scalar CSV export, or a step,lr CSV';

/** Reads one log file from disk: the only place the log readers touch the file system. */
export function readLogFile(path: string, flag = '--log'): LoggedRun[] {
  let size: number;
  try {
    const stat = statSync(path);
    if (stat.isDirectory()) throw new LrvizError(`${flag} ${shown(path)}: is a folder; give the log file itself (e.g. trainer_state.json or metrics.csv)`);
    size = stat.size;
  } catch (error) {
    if (error instanceof LrvizError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new LrvizError(`${flag} ${shown(path)}: ${code === 'ENOENT' ? 'no such file' : `cannot read the file (${code ?? 'error'})`}`);
  }
  if (size > MAX_LOG_BYTES) throw new LrvizError(`${flag} ${shown(path)}: file is ${size} bytes; a log may hold at most ${MAX_LOG_BYTES} bytes`);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new LrvizError(`${flag} ${shown(path)}: cannot read the file (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  return parseLog(text, path, flag);
}

/** Tells the format from the content, never the file name: exports are often renamed. */
export function parseLog(text: string, source: string, flag = '--log'): LoggedRun[] {
  const body = text.replace(/^\uFEFF/, '');
  const trimmed = body.trimStart();
  let runs: LoggedRun[] | undefined;
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch (error) {
      throw new LrvizError(`${flag} ${shown(source)}: malformed JSON (${(error as Error).message.split('\n')[0]}); expected ${KINDS}`);
    }
    runs = readTrainerState(json, source);
  } else if (!body.includes('\0')) {
    runs = readCsvLog(parseCsv(body), source);
  }
  if (runs === undefined) throw new LrvizError(`${flag} ${shown(source)}: not a learning-rate log lrviz can read; expected ${KINDS}`);
  const empty = runs.find((run) => run.steps.length === 0);
  if (empty !== undefined) throw new LrvizError(`${flag} ${shown(source)}: ${empty.format} holds no learning rates`);
  return runs;
}

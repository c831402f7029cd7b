import { StringDecoder } from 'node:string_decoder';
import { readCapped } from '../io/read-capped.js';
import { LrvizError, shown } from '../errors.js';
import { visible } from '../visible-text.js';
import { CsvRows, parseCsv } from './csv.js';
import { readCsvLog } from './csv-logs.js';
import type { LoggedRun } from './points.js';
import { readLrvizJson } from './lrviz-json.js';
import { readTrainerState } from './trainer-state.js';

/** A log larger than this is not a learning-rate log anyone exported by hand; refuse before reading it. */
export const MAX_LOG_BYTES = 256 * 1024 * 1024;

const KINDS = 'a HuggingFace trainer_state.json, a PyTorch Lightning metrics.csv with lr-* columns, a TensorBoard or W&B scalar CSV export, a step,lr CSV (any two numeric columns), or a CSV or JSON lrviz wrote';

/**
 * Reads one log file from disk: the only place the log readers touch the file system. A CSV streams
 * through the tokenizer piece by piece into the series (the text as a whole is never held); a JSON log
 * is parsed whole. What is read is capped, whatever the file claims to be (a FIFO, /dev/zero, /proc).
 */
export function readLogFile(path: string, flag = '--log'): LoggedRun[] {
  const where = `${flag} ${shown(path)}`;
  const pieces = readCapped(path, {
    where,
    maxBytes: MAX_LOG_BYTES,
    what: 'log',
    folder: 'is a folder; give the log file itself (e.g. trainer_state.json or metrics.csv)',
    missing: 'no such file',
  });
  const decoder = new StringDecoder('utf8');
  let head = '';
  let first: IteratorResult<Buffer>;
  // Enough of the start to tell JSON from CSV.
  while (!(first = pieces.next()).done) {
    if (first.value.includes(0)) throw notALog(where);
    const text = decoder.write(first.value);
    head += text;
    if (/\S/.test(text)) break;
  }
  const body = head.replace(/^\uFEFF/, '');
  if (body.trimStart().startsWith('{') || body.trimStart().startsWith('[')) {
    let text = body;
    for (const piece of iterate(pieces)) text += decoder.write(piece);
    return parseLog(text + decoder.end(), path, flag);
  }
  function* rows(): Generator<string[]> {
    const tokenizer = new CsvRows();
    yield* tokenizer.push(body);
    for (const piece of iterate(pieces)) {
      if (piece.includes(0)) throw notALog(where);
      yield* tokenizer.push(decoder.write(piece));
    }
    yield* tokenizer.push(decoder.end());
    yield* tokenizer.end();
  }
  return checked(readCsvLog(rows(), path), where);
}

/** The rest of a generator already started. */
function iterate<T>(generator: Generator<T>): Iterable<T> {
  return { [Symbol.iterator]: () => generator };
}

function notALog(where: string): LrvizError {
  return new LrvizError(`${where}: not a learning-rate log lrviz can read; expected ${KINDS}`);
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
    runs = readTrainerState(json, source) ?? readLrvizJson(json, source);
  } else if (!body.includes('\0')) {
    runs = readCsvLog(parseCsv(body), source);
  }
  return checked(runs, `${flag} ${shown(source)}`);
}

function checked(runs: LoggedRun[] | undefined, where: string): LoggedRun[] {
  if (runs === undefined) throw notALog(where);
  const empty = runs.find((run) => run.steps.length === 0);
  if (empty !== undefined) throw new LrvizError(`${where}: ${empty.format} holds no learning rates`);
  // A label is shown on charts and in CSV headers: a file name's control characters must not drive a terminal.
  return runs.map((run) => ({ ...run, label: visible(run.label) }));
}

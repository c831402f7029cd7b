import { statSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { readCapped } from '../io/read-capped.js';
import { LrvizError, shownPath } from '../errors.js';
import { visible } from '../visible-text.js';
import { parseCsv } from './csv.js';
import { CsvByteRows } from './csv-bytes.js';
import { csvLogReader, readCsvLog, type CsvLogReader } from './csv-logs.js';
import type { CsvRow } from './csv-row.js';
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
 * Errors begin with `name`, what the caller calls the log (the library's `log`, the CLI's `--log`).
 */
export function readLogFile(path: string, name = 'log'): LoggedRun[] {
  const where = `${name} ${shownPath(path)}`;
  const pieces = readCapped(path, {
    where,
    maxBytes: MAX_LOG_BYTES,
    what: 'log',
    folder: 'is a folder; give the log file itself (e.g. trainer_state.json or metrics.csv)',
    missing: 'no such file',
  });
  // Enough of the start to tell JSON from CSV: up to the first byte that is not white space.
  const head: Buffer[] = [];
  for (let piece = pieces.next(); !piece.done; piece = pieces.next()) {
    if (piece.value.includes(0)) throw notALog(where);
    head.push(piece.value);
    if (/\S/.test(piece.value.toString('latin1'))) break;
  }
  let start = Buffer.concat(head);
  if (start[0] === 0xef && start[1] === 0xbb && start[2] === 0xbf) start = start.subarray(3);
  const opening = start.toString('utf8').trimStart()[0];
  if (opening === '{' || opening === '[') {
    const decoder = new StringDecoder('utf8');
    let text = decoder.write(start);
    for (const piece of iterate(pieces)) text += decoder.write(piece);
    return parseLog(text + decoder.end(), path, name);
  }
  // A CSV streams from the bytes into the series: no string per row or cell, no copy of the text.
  const rows = new CsvByteRows();
  const size = fileSize(path);
  // Rows so far over the bytes they took, times the file's size: each series' arrays are made once.
  const expected = size === undefined ? undefined : (sofar: number) => (rows.bytesDone > 0 ? (sofar * size) / rows.bytesDone : undefined);
  let reader: CsvLogReader | undefined;
  let first = true;
  const onRow = (row: CsvRow): void => {
    if (!first) reader?.add(row);
    else {
      first = false;
      reader = csvLogReader(row, path, expected);
      if (reader === undefined) throw notALog(where);
    }
  };
  rows.push(start, onRow);
  for (const piece of iterate(pieces)) {
    if (piece.includes(0)) throw notALog(where);
    rows.push(piece, onRow);
  }
  rows.end(onRow);
  return checked(reader?.finish(), where);
}

/** The size of a regular file; undefined for what has none (a pipe, a device, /proc). */
function fileSize(path: string): number | undefined {
  try {
    const stats = statSync(path);
    return stats.isFile() && stats.size > 0 ? stats.size : undefined;
  } catch {
    return undefined;
  }
}

/** The rest of a generator already started. */
function iterate<T>(generator: Generator<T>): Iterable<T> {
  return { [Symbol.iterator]: () => generator };
}

function notALog(where: string): LrvizError {
  return new LrvizError(`${where}: not a learning-rate log lrviz can read; expected ${KINDS}`);
}

/** Tells the format from the content, never the file name: exports are often renamed. `name` as readLogFile's. */
export function parseLog(text: string, source: string, name = 'log'): LoggedRun[] {
  const body = text.replace(/^\uFEFF/, '');
  const trimmed = body.trimStart();
  let runs: LoggedRun[] | undefined;
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch (error) {
      throw new LrvizError(`${name} ${shownPath(source)}: malformed JSON (${(error as Error).message.split('\n')[0]}); expected ${KINDS}`);
    }
    runs = readTrainerState(json, source) ?? readLrvizJson(json, source);
  } else if (!body.includes('\0')) {
    runs = readCsvLog(parseCsv(body), source);
  }
  return checked(runs, `${name} ${shownPath(source)}`);
}

function checked(runs: LoggedRun[] | undefined, where: string): LoggedRun[] {
  if (runs === undefined) throw notALog(where);
  const empty = runs.find((run) => run.steps.length === 0);
  if (empty !== undefined) throw new LrvizError(`${where}: ${empty.format} holds no learning rates`);
  // A label is shown on charts and in CSV headers: a file name's control characters must not drive a terminal.
  return runs.map((run) => ({ ...run, label: visible(run.label) }));
}

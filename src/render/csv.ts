import { keptStepBlocks } from '../curve/curve.js';
import { defusedCsvText } from '../visible-text.js';
import { LOGGED_SUFFIX } from './picture-data.js';
import type { RenderRequest } from './request.js';

/** RFC 4180 field: quoted when it holds a comma, quote, or line break; quotes doubled. */
export function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A label in the header: a spreadsheet must never read it as a formula (OWASP: apostrophe, then quoted). */
function headerField(label: string): string {
  const defused = defusedCsvText(label);
  return defused === label ? csvField(label) : `"${defused.replace(/"/g, '""')}"`;
}

/**
 * Characters handed over at a time: thousands of series make a block's rows longer than the longest
 * string V8 can build.
 */
const CHUNK_CHARS = 1 << 20;

/**
 * CSV, streamed in chunks: header `step,<label>,...,<log label> (logged),...`, then one row per kept step.
 * Numbers print as JavaScript's shortest round-trip form, so they read back to the identical double. Rows
 * end in CRLF as RFC 4180 asks.
 *
 * Logged runs are columns of their own, empty where a run logged nothing. Every logged step is a row,
 * on --every's grid or not (between two kept steps, or past the planned run): there the planned columns
 * hold the plan's value at that step, or nothing past its end. lrviz reads this file back as logs.
 */
export function* renderCsv({ curves, every, logs = [] }: RenderRequest): Generator<string> {
  yield `step,${[...curves.map((c) => c.label), ...logs.map((log) => log.label + LOGGED_SUFFIX)].map(headerField).join(',')}\r\n`;
  const steps = curves.length > 0 ? curves[0].steps : 0;
  const next = logs.map(() => 0);
  const one = new Float64Array(1);
  // The logged cells of the row at `step`, moving past the points used.
  const loggedCells = (step: number): string => {
    let cells = '';
    for (let k = 0; k < logs.length; k++) {
      const log = logs[k];
      if (next[k] < log.steps.length && log.steps[next[k]] === step) cells += ',' + log.values[next[k]++];
      else cells += ',';
    }
    return cells;
  };
  // The smallest logged step not yet written (Infinity when every one is).
  const nextLoggedStep = (): number => {
    let step = Infinity;
    for (let k = 0; k < logs.length; k++) if (next[k] < logs[k].steps.length && logs[k].steps[next[k]] < step) step = logs[k].steps[next[k]];
    return step;
  };
  // Rows for the logged steps before `limit` that the grid does not hold, one at a time.
  function* loggedRowsBefore(limit: number): Generator<string> {
    for (;;) {
      const step = nextLoggedStep();
      if (!(step < limit)) return;
      let row = String(step);
      for (const curve of curves) {
        if (step >= 0 && step < steps && Number.isInteger(step)) {
          curve.fill(step, one);
          row += ',' + one[0];
        } else row += ',';
      }
      yield row + loggedCells(step) + '\r\n';
    }
  }
  for (const { start, values } of keptStepBlocks(curves, every)) {
    let out = '';
    for (let j = 0; j < values[0].length; j++) {
      const step = start + j * every;
      // Most grid rows have no logged step before them: only those that do start the generator.
      if (logs.length > 0 && nextLoggedStep() < step) {
        for (const row of loggedRowsBefore(step)) {
          out += row;
          if (out.length >= CHUNK_CHARS) {
            yield out;
            out = '';
          }
        }
      }
      let row = String(step);
      for (let k = 0; k < values.length; k++) row += ',' + values[k][j];
      out += row + (logs.length > 0 ? loggedCells(step) : '') + '\r\n';
      if (out.length >= CHUNK_CHARS) {
        yield out;
        out = '';
      }
    }
    if (out !== '') yield out;
  }
  // Logged steps past the planned run, or every logged step when a log is drawn alone.
  let out = '';
  for (const row of loggedRowsBefore(Infinity)) {
    out += row;
    if (out.length >= CHUNK_CHARS) {
      yield out;
      out = '';
    }
  }
  if (out !== '') yield out;
}

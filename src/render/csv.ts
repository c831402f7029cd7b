import { keptStepBlocks } from '../curve/curve.js';
import { defusedCsvText } from '../visible-text.js';
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
 * CSV, streamed in chunks: header `step,<label>,...`, then one row per kept step. Numbers print as
 * JavaScript's shortest round-trip form, so they read back to the identical double. Rows end in CRLF
 * as RFC 4180 asks.
 */
export function* renderCsv({ curves, every }: RenderRequest): Generator<string> {
  yield `step,${curves.map((c) => headerField(c.label)).join(',')}\r\n`;
  for (const { start, values } of keptStepBlocks(curves, every)) {
    let out = '';
    for (let j = 0; j < values[0].length; j++) {
      let row = String(start + j * every);
      for (let k = 0; k < values.length; k++) row += ',' + values[k][j];
      out += row + '\r\n';
      // Thousands of series make a block's rows longer than the longest string V8 can build: hand
      // them over a megabyte at a time.
      if (out.length >= 1 << 20) {
        yield out;
        out = '';
      }
    }
    if (out !== '') yield out;
  }
}

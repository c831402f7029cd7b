import { CHUNK, type Curve } from '../curve/curve.js';
import type { RenderRequest } from './request.js';

/** RFC 4180 field: quoted when it holds a comma, quote, or line break; quotes doubled. */
export function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * CSV, streamed in chunks: header `step,<label>,...`, then one row per kept step. Numbers print as
 * JavaScript's shortest round-trip form, so they read back to the identical double. Rows end in CRLF
 * as RFC 4180 asks.
 */
export function* renderCsv({ curves, every }: RenderRequest): Generator<string> {
  yield `step,${curves.map((c) => csvField(c.label)).join(',')}\r\n`;
  const steps = curves.length > 0 ? curves[0].steps : 0;
  const block = Math.max(1, Math.floor(CHUNK / every)) * every;
  const buffers = curves.map(() => new Float64Array(block));
  for (let start = 0; start < steps; start += block) {
    const length = Math.min(block, steps - start);
    curves.forEach((curve: Curve, k) => curve.fill(start, buffers[k].subarray(0, length)));
    let out = '';
    for (let j = (every - (start % every)) % every; j < length; j += every) {
      let row = String(start + j);
      for (let k = 0; k < buffers.length; k++) row += ',' + buffers[k][j];
      out += row + '\r\n';
    }
    yield out;
  }
}

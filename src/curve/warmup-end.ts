import type { Curve } from './curve.js';
import { envelopeOf } from './envelope.js';

/** Columns the search starts from: the walk afterwards visits at most one column's steps. */
const COLUMNS = 4096;

/**
 * Where a curve's warmup ends: the first step at which it reaches its highest value, when it starts
 * below that value (a curve that starts at its peak has no warmup). Read from the curve, so it holds
 * for any schedule or dialect, whatever its parameters are called. Costs an envelope and one column.
 */
export function warmupEnd(curve: Curve): number | undefined {
  if (curve.steps < 2) return undefined;
  const envelope = envelopeOf(curve, COLUMNS);
  if (!(envelope.first < envelope.high)) return undefined;
  const column = envelope.max.findIndex((v) => v === envelope.high);
  const from = envelope.start[column];
  const values = new Float64Array(envelope.start[column + 1] - from);
  curve.fill(from, values);
  const at = values.indexOf(envelope.high);
  return at === -1 ? undefined : from + at;
}

import type { Envelope } from '../curve/envelope.js';
import { FieldError } from '../errors.js';
import type { LoggedPoints } from '../logs/points.js';

/**
 * A logarithmic axis has no place for 0 or below: when nothing drawn is above 0 there is no range to
 * show (the axis read "from NaN to NaN"), so a log axis (logY) is refused in words instead.
 */
export function ensureLogAxisHasValues(envelopes: readonly Envelope[], logs: readonly LoggedPoints[] = []): void {
  if (envelopes.some((e) => e.high > 0) || logs.some((log) => log.values.some((v) => v > 0))) return;
  throw new FieldError((name) => `${name('logY')}: no learning rate above 0 to draw, and a logarithmic axis has no place for 0 or below; drop ${name('logY')}`);
}

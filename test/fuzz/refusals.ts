/** What every fuzz test asserts of a failure: an LrvizError of one short line, never anything else. */
import { LrvizError } from '../../src/errors.js';

/** Runs `action`; an LrvizError must be one line, anything else thrown is a bug reported with its input. */
export function onlyLrvizErrors(action: () => void, input: unknown): void {
  try {
    action();
  } catch (error) {
    if (!(error instanceof LrvizError)) {
      throw new Error(`not an LrvizError for ${describeInput(input)}: ${(error as Error)?.stack ?? String(error)}`);
    }
    if (/[\r\n]/.test(error.message) || error.message.length > 2000) throw new Error(`not one short line: ${JSON.stringify(error.message)}`);
  }
}

/** The input as JSON, with NaN and Infinity kept visible. */
export function describeInput(input: unknown): string {
  try {
    return JSON.stringify(input, (_key, value) => (typeof value === 'number' && !Number.isFinite(value) ? String(value) : value));
  } catch {
    return String(input);
  }
}

/**
 * The one error type users see. Everything that is the user's fault (a bad flag, a bad spec, a missing
 * file) is thrown as an LrvizError and printed by the CLI as a single line; anything else is a bug and
 * keeps its stack trace for `--debug`.
 */
export class LrvizError extends Error {
  /** Process exit status: 2 for bad input (the default), 1 for a failed check. */
  readonly exitCode: number;

  constructor(message: string, exitCode = 2) {
    super(message);
    this.name = 'LrvizError';
    this.exitCode = exitCode;
  }
}

/** Renders a user-given value for an error message: short, quoted when it is a string. */
export function shown(value: unknown): string {
  let text: string;
  if (typeof value === 'string') text = JSON.stringify(value);
  else if (typeof value === 'number') text = Object.is(value, -0) ? '-0' : String(value);
  else {
    try {
      text = JSON.stringify(value) ?? String(value);
    } catch {
      text = String(value);
    }
  }
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

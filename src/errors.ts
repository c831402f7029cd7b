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

/** How a field is called where the user gave it: `width` to the library, `--width` on the command line. */
export type FieldNamer = (field: string) => string;

/** A message that names fields (a request's `width`, a write's `output`) the way its reader calls them. */
export type Words = (name: FieldNamer) => string;

/** Fields named as the library calls them. */
export const asFields: FieldNamer = (field) => field;

/**
 * Bad input found below the CLI, worded around the field it came from, so that each caller names the
 * field in its own terms: the library reads `width 50 is too small ...`, the CLI `--width 50 is too
 * small ...`. Lower floors never spell a flag; the CLI maps fields to its flags in one place.
 */
export class FieldError extends LrvizError {
  readonly #words: Words;

  constructor(words: Words, exitCode = 2) {
    super(words(asFields), exitCode);
    this.#words = words;
  }

  /** The message with each field named by `name`. */
  worded(name: FieldNamer): string {
    return this.#words(name);
  }
}

/** The error with `prefix: ` before its message; a FieldError stays one, its fields named by whoever prints it. */
export function prefixed(prefix: string, error: LrvizError): LrvizError {
  if (error instanceof FieldError) return new FieldError((name) => `${prefix}: ${error.worded(name)}`, error.exitCode);
  return new LrvizError(`${prefix}: ${error.message}`, error.exitCode);
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

/**
 * Renders a file's path for an error message: quoted, and a long one keeps its start and its end, the
 * file's name, losing its middle (shown() keeps a prefix, which would cut the name off).
 */
export function shownPath(path: string): string {
  const text = JSON.stringify(path);
  return text.length > 60 ? `${text.slice(0, 24)}...${text.slice(text.length - 33)}` : text;
}

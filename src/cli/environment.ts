import { fstatSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { MAX_TERMINAL_COLUMNS } from './chart-size.js';

/**
 * Colour on a terminal only. NO_COLOR (any value) turns it off, FORCE_COLOR turns it on (FORCE_COLOR=0
 * off), as https://no-color.org and the Node ecosystem agree.
 */
export function wantsColor(env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '') return env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false';
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  return stdoutIsTerminal();
}

/** Width of the terminal on stdout, or undefined when stdout is not one. */
export function terminalColumns(): number | undefined {
  if (!stdoutIsTerminal()) return undefined;
  const columns = Number(process.env.COLUMNS) || process.stdout.columns;
  // COLUMNS describes a terminal; it is not a request: a huge one is held to what a chart may use.
  return columns > 0 ? Math.min(columns, MAX_TERMINAL_COLUMNS) : undefined;
}

let terminal: boolean | undefined;

/**
 * Whether stdout is a terminal. node:tty takes milliseconds to load (it brings net and streams), a fair
 * share of a chart's run: a file, a pipe or /dev/null is recognised by a stat first, and tty is asked
 * only about other character devices.
 */
function stdoutIsTerminal(): boolean {
  if (terminal === undefined) terminal = !surelyNotTerminal() && createRequire(import.meta.url)('node:tty').isatty(1) === true;
  return terminal;
}

function surelyNotTerminal(): boolean {
  try {
    const out = fstatSync(1);
    if (!out.isCharacterDevice()) return true;
    const empty = statSync('/dev/null');
    return out.dev === empty.dev && out.ino === empty.ino;
  } catch {
    return false;
  }
}

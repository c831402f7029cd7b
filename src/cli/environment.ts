import { isatty } from 'node:tty';

/**
 * Colour on a terminal only. NO_COLOR (any value) turns it off, FORCE_COLOR turns it on (FORCE_COLOR=0
 * off), as https://no-color.org and the Node ecosystem agree.
 */
export function wantsColor(env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '') return env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false';
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  return isatty(1);
}

/** Width of the terminal on stdout, or undefined when stdout is not one. */
export function terminalColumns(): number | undefined {
  if (!isatty(1)) return undefined;
  const columns = Number(process.env.COLUMNS) || process.stdout.columns;
  return columns > 0 ? columns : undefined;
}

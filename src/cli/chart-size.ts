import { LrvizError, shown } from '../errors.js';
import { parseNumber } from '../text/decimal.js';

/**
 * Limits on the size of a chart, so that every accepted size draws in seconds and bounded memory
 * (`--width 100000 --height 100000` used to abort with a V8 out-of-memory trace):
 *   terminal   up to 1000 characters by 1000 lines (COLUMNS beyond that is clamped, not refused:
 *              it describes a terminal, it is not a request)
 *   pictures   up to 20000 pixels a side (SVG, HTML, vega-lite); a PNG also up to MAX_PNG_PIXELS in all
 */
export const MAX_TERMINAL_COLUMNS = 1000;
export const MAX_TERMINAL_LINES = 1000;
export const MAX_PICTURE_SIDE = 20000;

export interface ChartSizeFlags {
  width?: string;
  height?: string;
}

/** `--width` and `--height` for a chart drawn in the terminal or as a picture. */
export function parseChartSize(flags: ChartSizeFlags, terminal: boolean): { width?: number; height?: number } {
  const widthMax = terminal ? MAX_TERMINAL_COLUMNS : MAX_PICTURE_SIDE;
  const heightMax = terminal ? MAX_TERMINAL_LINES : MAX_PICTURE_SIDE;
  const unit = terminal ? ['characters', 'lines'] : ['pixels', 'pixels'];
  return {
    width: flags.width === undefined ? undefined : side(flags.width, '--width', widthMax, `${unit[0]}${terminal ? ' in the terminal' : ' in a picture'}`),
    height: flags.height === undefined ? undefined : side(flags.height, '--height', heightMax, `${unit[1]}${terminal ? ' in the terminal' : ' in a picture'}`),
  };
}

function side(text: string, flag: string, max: number, what: string): number {
  const value = parseNumber(text.trim());
  if (value === undefined || !Number.isInteger(value) || value < 1 || value > max) {
    throw new LrvizError(`${flag} ${shown(text)} is not allowed; ${flag} must be a whole number from 1 to ${max} (${what})`);
  }
  return value;
}

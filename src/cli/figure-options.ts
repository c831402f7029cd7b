import type { Command } from 'commander';
import { LrvizError, shown } from '../errors.js';
import { parseNumber } from '../text/decimal.js';
import { LEGEND_PLACEMENTS, type LegendPlacement } from '../render/legend.js';

/** The flags that dress a figure, as commander gives them. */
export interface FigureFlags {
  legend?: string;
  ylim?: string;
}

/** What those flags ask of the renderers (RenderRequest fields). */
export interface FigureOptions {
  legend?: LegendPlacement;
  ylim?: readonly [number, number];
}

/** Adds the figure flags to a command that draws pictures (plot, and fit and compare with -o). */
export function addFigureOptions(command: Command): Command {
  return command
    .option('--legend <where>', `pictures: where the legend goes: ${LEGEND_PLACEMENTS.join(', ')} (auto: none for one series, below for several)`)
    .option('--ylim <low,high>', 'learning-rate axis range, e.g. 0,1e-3 (on --log-y, low must be above 0)');
}

/** The figure flags checked: one line naming the flag, the value and what is allowed when not. */
export function parseFigureOptions(flags: FigureFlags, logY: boolean): FigureOptions {
  const options: FigureOptions = {};
  if (flags.legend !== undefined) {
    if (!(LEGEND_PLACEMENTS as readonly string[]).includes(flags.legend)) {
      throw new LrvizError(`--legend ${shown(flags.legend)} is not allowed; use one of ${LEGEND_PLACEMENTS.join(', ')}`);
    }
    options.legend = flags.legend as LegendPlacement;
  }
  if (flags.ylim !== undefined) options.ylim = parseLimits(flags.ylim, '--ylim', logY);
  return options;
}

/** `LOW,HIGH`: two finite numbers, LOW below HIGH (and above 0 on a log axis). */
export function parseLimits(text: string, flag: string, positive: boolean): [number, number] {
  const parts = text.split(',');
  const [low, high] = parts.map((part) => parseNumber(part.trim()));
  const allowed = `${flag} takes LOW,HIGH, two numbers with LOW below HIGH${positive ? ' and LOW above 0 (the axis is logarithmic)' : ''}, e.g. ${flag} ${positive ? '1e-6,1e-2' : '0,1e-3'}`;
  if (parts.length !== 2 || low === undefined || high === undefined || !(low < high) || (positive && !(low > 0))) {
    throw new LrvizError(`${flag} ${shown(text)} is not allowed; ${allowed}`);
  }
  return [low, high];
}

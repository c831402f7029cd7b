import type { Words } from '../errors.js';
import type { Envelope } from '../curve/envelope.js';
import type { LinePoint } from './picture-data.js';
import { linearTicks, logTicks, type Ticks } from './ticks.js';

/** By default a log axis shows this many decades below its top one: a decay to 8e-12 does not flatten the rest. */
export const LOG_AXIS_DECADES = 4;

export interface LrAxis {
  /** The axis' range: from round tick to round tick, or --ylim exactly. */
  readonly domain: [number, number];
  readonly ticks: Ticks;
  /** On a log axis, the bottom: values at or below it (0 included) are drawn there. */
  readonly floor?: number;
  /** The value to draw for a rate: itself, or the log axis' floor. */
  plotted(lr: number): number;
}

/**
 * The learning-rate axis of a picture, from the whole curves (their envelopes) and the logged points:
 * round ticks about `tickCount` of them; linear from 0 (or below, for negative rates) to the top; log
 * from LOG_AXIS_DECADES decades under the top decade, or from the smallest positive rate if higher.
 * `ylim` replaces the range.
 */
export function lrAxis(envelopes: readonly Envelope[], logs: readonly (readonly LinePoint[])[], logY: boolean, tickCount: number, ylim?: readonly [number, number]): LrAxis {
  let low = Infinity;
  let high = -Infinity;
  let lowPositive = Infinity;
  const see = (v: number) => {
    if (v < low) low = v;
    if (v > high) high = v;
    if (v > 0 && v < lowPositive) lowPositive = v;
  };
  for (const e of envelopes) {
    see(e.low);
    see(e.high);
    for (let c = 0; c < e.columns; c++) if (e.min[c] > 0 && e.min[c] < lowPositive) lowPositive = e.min[c];
  }
  for (const log of logs) for (const p of log) see(p.lr);
  if (!logY) {
    if (ylim !== undefined) return { domain: [ylim[0], ylim[1]], ticks: within(linearTicks(ylim[0], ylim[1], tickCount), ylim), plotted: (lr) => lr };
    if (!(high > low)) [low, high] = Number.isFinite(low) ? [Math.min(0, low), Math.max(0, high) || 1] : [0, 1];
    const ticks = linearTicks(Math.min(0, low), high, tickCount);
    return { domain: [ticks.values[0], ticks.values[ticks.values.length - 1]], ticks, plotted: (lr) => lr };
  }
  if (ylim !== undefined) {
    const floor = ylim[0];
    return { domain: [ylim[0], ylim[1]], ticks: within(logTicks(ylim[0], ylim[1], tickCount), ylim), floor, plotted: (lr) => (lr > floor ? lr : floor) };
  }
  if (!(high > 0)) [lowPositive, high] = [0.1, 1];
  if (!(lowPositive < high)) lowPositive = high / 10;
  const topDecade = Math.ceil(Math.log10(high) - 1e-9);
  const bottom = Math.max(lowPositive, Number(`1e${topDecade - LOG_AXIS_DECADES}`));
  const ticks = logTicks(bottom, high, tickCount);
  const floor = ticks.values[0];
  return { domain: [floor, ticks.values[ticks.values.length - 1]], ticks, floor, plotted: (lr) => (lr > floor ? lr : floor) };
}

function within(ticks: Ticks, [low, high]: readonly [number, number]): Ticks {
  const keep = ticks.values.map((v) => v >= low - Math.abs(low) * 1e-12 && v <= high + Math.abs(high) * 1e-12);
  return { ...ticks, values: ticks.values.filter((_, k) => keep[k]), labels: ticks.labels.filter((_, k) => keep[k]) };
}

/**
 * The line for stderr when a log axis draws rates at its floor instead of where they are: which
 * series, and how to see them. Undefined when every rate is above the floor.
 */
export function floorNote(axis: LrAxis, envelopes: readonly Envelope[], labels: readonly string[]): Words | undefined {
  if (axis.floor === undefined) return undefined;
  const floor = axis.floor;
  const below = envelopes.map((e, k) => (e.low < floor ? labels[k] : undefined)).filter((label) => label !== undefined);
  if (below.length === 0) return undefined;
  const zero = envelopes.some((e) => e.low <= 0);
  const one = below.length === 1;
  const what = one ? JSON.stringify(below[0]) : `${below.length} series`;
  const where = zero ? `${one ? 'reaches' : 'reach'} 0 or less` : `${one ? 'goes' : 'go'} below ${floor}`;
  return (name) => `lrviz: note: on the log axis, ${what} ${where}; drawn at the axis floor ${floor} (${name('ylim')} LOW,HIGH sets it)`;
}

import { curveOf, type Curve } from '../curve/curve.js';
import { LrvizError, shown } from '../errors.js';
import { buildSchedule, type BuiltSchedule } from '../notation/build.js';
import { parseNumber } from '../notation/params.js';
import { parseSpecArgument } from '../notation/parse.js';
import { perEpoch } from '../schedules/combinators/per-epoch.js';
import type { Catalog } from '../schedules/catalog.js';
import type { RunLength } from './stepping.js';
import { visible } from '../visible-text.js';

/** Longest curve lrviz agrees to compute: far beyond any training run, well inside exact integers. */
export const MAX_STEPS = 1e12;

export interface Series extends BuiltSchedule {
  label: string;
  curve: Curve;
}

/** `--steps`: a positive whole number, written plainly or as 1e6. */
export function parseSteps(text: string, flag = '--steps'): number {
  const value = parseNumber(text.trim());
  if (value === undefined || !Number.isInteger(value) || value < 1 || value > MAX_STEPS) {
    throw new LrvizError(`${flag} ${shown(text)} is not allowed; ${flag} must be a whole number from 1 to ${MAX_STEPS}`);
  }
  return value;
}

/** A positive whole number option (`--every`, `--width`, ...). */
export function parsePositiveInteger(text: string, flag: string, max = 1e9): number {
  const value = parseNumber(text.trim());
  if (value === undefined || !Number.isInteger(value) || value < 1 || value > max) {
    throw new LrvizError(`${flag} ${shown(text)} is not allowed; ${flag} must be a whole number from 1 to ${max}`);
  }
  return value;
}

/**
 * Every `-s` argument parsed and built, in order, before anything is drawn or written: one bad spec
 * stops the command with nothing produced. Labels default to what the user typed, made unique.
 * `length` is the rows (each schedule's default horizon too), or a run length that may step per epoch:
 * then each schedule is built over the scheduler's steps and held for the updates of each epoch.
 */
export function loadSeries(catalog: Catalog, specArguments: readonly string[], length: number | RunLength): Series[] {
  const { rows: steps, schedulerSteps, stepped, stepsPerEpoch } = typeof length === 'number' ? { rows: length, schedulerSteps: length, stepped: 'batch' as const, stepsPerEpoch: 1 } : length;
  const holdFor = stepped === 'epoch' ? (stepsPerEpoch ?? 1) : 1;
  if (specArguments.length === 0) {
    throw new LrvizError('no schedule given; add one with -s/--schedule, e.g. -s cosine-warmup (lrviz list shows them all)');
  }
  const series: Series[] = [];
  const seen = new Map<string, number>();
  for (const argument of specArguments) {
    for (const { spec, source } of parseSpecArgument(argument)) {
      const built = buildSchedule(catalog, spec, schedulerSteps);
      const schedule = perEpoch(built.schedule, holdFor);
      const wanted = visible(typeof spec.label === 'string' && spec.label !== '' ? spec.label : source);
      const count = (seen.get(wanted) ?? 0) + 1;
      seen.set(wanted, count);
      const label = count === 1 ? wanted : `${wanted} #${count}`;
      series.push({ ...built, schedule, label, curve: curveOf(schedule, label, steps, { spec: built.resolved, rebuild: { schedulerSteps, stepsPerEpoch: holdFor } }) });
    }
  }
  return series;
}

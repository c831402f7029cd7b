/**
 * The one place in render/ that knows schedules, on purpose: the HTML page rebuilds each series from
 * the spec it was resolved to, with the same catalog (src/catalog.ts) and builder the CLI runs (bundled into the page
 * by scripts/build.mjs), so the page computes any zoom window exactly instead of showing samples.
 * Everything else in render/ receives curves.
 */
import { curveFromValues, curveOf, type Curve } from '../../curve/curve.js';
import { perEpoch } from '../../schedules/combinators/per-epoch.js';
import { catalog } from '../../catalog.js';
import { buildSchedule } from '../../notation/build.js';
import type { PageSeries } from './payload.js';

/** The series' curve in the page, or undefined for a series drawn from its embedded line only. */
export function pageCurve(series: PageSeries): Curve | undefined {
  if (series.spec !== undefined) {
    const { schedulerSteps, stepsPerEpoch, facts } = series.rebuild ?? { schedulerSteps: series.steps, stepsPerEpoch: 1 };
    return curveOf(perEpoch(buildSchedule(catalog, series.spec, schedulerSteps, 'schedule', facts ?? {}).schedule, stepsPerEpoch), series.label, series.steps);
  }
  if (series.values !== undefined) return curveFromValues(series.label, series.values);
  return undefined;
}

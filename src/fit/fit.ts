import { LrvizError } from '../errors.js';
import { plural } from '../text/numbers.js';
import { buildSchedule } from '../notation/build.js';
import type { Catalog } from '../schedules/catalog.js';
import type { SpecObject } from '../schedules/definition.js';
import type { Schedule } from '../schedules/schedule.js';
import { featuresOf, fitData, type FitData } from './features.js';
import { FAMILIES, specText } from './families/index.js';
import { lookCloser, search, type FamilyFit, type Searched } from './search.js';
import { tidy } from './tidy.js';

/** What `lrviz fit` reports: the schedule behind a log, in numbers and as a spec. */
export interface LogFit {
  readonly family: string;
  readonly peak: number;
  /** Learning rate at step 0 of the warmup (0 for HF-style warmups). */
  readonly start: number;
  readonly floor: number;
  readonly warmup: number;
  /** Configured end of the schedule, when the family has one; may lie past the last logged step. */
  readonly horizon?: number;
  /** The log at step s holds the schedule's value at s - offset: positive when the run lags (skipped updates). */
  readonly offset: number;
  readonly shape: Readonly<Record<string, number>>;
  /** How to write it down: the `-s` text, and the framework calls that make it (printed from `parameters`). */
  readonly rendition: { readonly spec: string; readonly hf?: string; readonly torch?: string };
  readonly residual: { points: number; rms: number; rmsShare: number; maxAbs: number; maxAbsStep: number };
  /** Every family tried, best first, with its RMS residual as a share of the peak. */
  readonly candidates: readonly { family: string; rmsShare: number }[];
  /** The fitted schedule, as lrviz builds it from `parameters`. */
  readonly schedule: Schedule;
  /** The schedule's definition and parameters: `{type: "cosine-warmup", lr: ..., ...}`. */
  readonly parameters: SpecObject;
}

/** Families whose RMS residual is within this of the best one's count as explaining the log equally well. */
const EQUALLY_GOOD = { factor: 1.25, share: 1e-4 };
/**
 * Infers the schedule behind logged learning rates. Robust to sparse logs (every 15-25 steps), rounded
 * values, a constant step offset (skipped updates) and logs that stop before the horizon: each family is
 * fitted by a coarse search seeded from the log's shape, refined by Nelder–Mead with the linear parameters
 * solved exactly, then rounded to whole steps and to the round numbers a person would have configured.
 */
export function fitLog(catalog: Catalog, log: { steps: Float64Array; values: Float64Array }): LogFit {
  if (log.steps.length < 3) throw new LrvizError(`the log holds ${log.steps.length} ${plural(log.steps.length, 'learning rate')}; fit needs at least 3`);
  if (!log.values.some((v) => v > 0)) throw new LrvizError('every logged learning rate is 0 or below; there is no schedule to fit');
  const data = fitData(log.steps, log.values);
  const features = featuresOf(data);
  const maxOffset = Math.max(20, 0.1 * features.last);
  // A first look at every family, then a closer look and tidying only for those that could win.
  const searched = FAMILIES.map((family) => search(family, features, maxOffset)).filter((s): s is Searched => s !== undefined);
  const bestSearched = Math.min(...searched.map((s) => s.rmsShare));
  const fits = searched
    .map((s) => (s.rmsShare <= 3 * bestSearched + 1e-3 ? tidy(lookCloser(s), data) : s))
    .filter((f): f is FamilyFit => f !== undefined);
  // Families are compared before rounding: a round horizon may cost one family more than another.
  fits.sort((a, b) => a.fitRmsShare - b.fitRmsShare);
  const best = fits[0].fitRmsShare;
  const chosen = fits
    .filter((f) => f.fitRmsShare <= best * EQUALLY_GOOD.factor + EQUALLY_GOOD.share)
    .sort((a, b) => a.family.complexity - b.family.complexity || a.fitRmsShare - b.fitRmsShare)[0];
  return describe(catalog, chosen, data, log, fits);
}

function describe(catalog: Catalog, fit: FamilyFit, data: FitData, log: { steps: Float64Array; values: Float64Array }, all: FamilyFit[]): LogFit {
  const [rawOffset, warmup, ...shape] = fit.theta;
  // Math.round(-0.3) is -0, which prints as "-0".
  const offset = rawOffset === 0 ? 0 : rawOffset;
  const [start, peak, floor] = fit.coefficients.map((c) => Number((c * data.scale).toPrecision(12)));
  const fitted = { peak, start: warmup > 0 ? start : 0, floor: fit.family.hasFloor ? floor : 0, warmup, shape };
  const { spec: parameters, hf, torch } = fit.family.render(fitted, log.steps[log.steps.length - 1]);
  const horizon = fit.family.horizon?.(warmup, shape);
  // The residual is measured with the spec itself, built as `-s` builds it: the spec is what we vouch for.
  const lastStep = log.steps[log.steps.length - 1];
  const built = buildSchedule(catalog, parameters, Math.max(horizon ?? 0, lastStep + 1)).schedule;
  let sum = 0;
  let maxAbs = 0;
  let maxAbsStep = log.steps[0];
  log.steps.forEach((step, k) => {
    const d = Math.abs(log.values[k] - built.lr(Math.max(0, step - offset)));
    sum += d * d;
    if (d > maxAbs) {
      maxAbs = d;
      maxAbsStep = step;
    }
  });
  const rms = Math.sqrt(sum / log.steps.length);
  return {
    family: fit.family.name,
    ...fitted,
    offset,
    ...(horizon === undefined ? {} : { horizon }),
    shape: Object.fromEntries(fit.family.shapeParams.map((p, i) => [p.name, shape[i]])),
    rendition: { spec: specText(parameters), hf, torch },
    residual: { points: log.steps.length, rms, rmsShare: rms / peak, maxAbs, maxAbsStep },
    candidates: all.map((f) => ({ family: f.family.name, rmsShare: f.fitRmsShare })),
    schedule: built,
    parameters,
  };
}

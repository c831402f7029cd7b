import { LrvizError } from '../errors.js';
import { buildSchedule } from '../spec/build.js';
import { parseTextSpec } from '../spec/parse.js';
import { featuresOf, fitData, type Features, type FitData } from './features.js';
import { FAMILIES, type Family, type Rendition } from './families/index.js';
import { nelderMead } from './nelder-mead.js';
import { familyObjective, type Theta } from './objective.js';
import { roundStepCandidates, significantCandidates } from './tidy.js';

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
  readonly rendition: Rendition;
  readonly residual: { points: number; rms: number; rmsShare: number; maxAbs: number; maxAbsStep: number };
  /** Every family tried, best first, with its RMS residual as a share of the peak. */
  readonly candidates: readonly { family: string; rmsShare: number }[];
}

/** Families whose RMS residual is within this of the best one's count as explaining the log equally well. */
const EQUALLY_GOOD = { factor: 1.25, share: 1e-4 };
/** A tidied value (a round horizon, a peak with fewer digits) is kept if the RMS stays within this. */
const TIDY = { factor: 1.25, share: 2e-5 };
/**
 * A round length (500 for 502) is kept if the RMS stays within this many times the best: offsets that drift
 * during a run (whisper: 2 skipped updates early, 4 late) let an unround length explain them a little better.
 */
const ROUND_STEPS_FACTOR = 2;
/** A start or floor of 0 is preferred unless it makes the RMS this many times worse: drifting offsets (whisper: 2 skipped updates early, 4 late) cost up to 2.6 times; a real warmup_lr_init of 0.1% of the peak costs hundreds of times on a clean log. */
const ZERO_PREFERENCE = 3;

interface FamilyFit {
  family: Family;
  theta: number[];
  coefficients: [number, number, number];
  rmsShare: number;
}

/**
 * Infers the schedule behind logged learning rates. Robust to sparse logs (every 15-25 steps), rounded
 * values, a constant step offset (skipped updates) and logs that stop before the horizon: each family is
 * fitted by a coarse search seeded from the log's shape, refined by Nelder–Mead with the linear parameters
 * solved exactly, then rounded to whole steps and to the round numbers a person would have configured.
 */
export function fitLog(log: { steps: readonly number[]; values: readonly number[] }): LogFit {
  if (log.steps.length < 3) throw new LrvizError(`the log holds ${log.steps.length} learning rate${log.steps.length === 1 ? '' : 's'}; fit needs at least 3`);
  if (!log.values.some((v) => v > 0)) throw new LrvizError('every logged learning rate is 0 or below; there is no schedule to fit');
  const data = fitData(log.steps, log.values);
  const features = featuresOf(data);
  const maxOffset = Math.max(20, 0.1 * features.last);
  // Search every family, then tidy only those that could win: tidying is most of the work.
  const searched = FAMILIES.map((family) => search(family, data, features, maxOffset)).filter((s): s is Searched => s !== undefined);
  const bestSearched = Math.min(...searched.map((s) => s.rmsShare));
  const fits = searched
    .map((s) => (s.rmsShare <= 3 * bestSearched + 1e-3 ? tidy(s, data) : { family: s.family, theta: s.theta, coefficients: s.coefficients, rmsShare: s.rmsShare }))
    .filter((f): f is FamilyFit => f !== undefined);
  fits.sort((a, b) => a.rmsShare - b.rmsShare);
  const best = fits[0].rmsShare;
  const chosen = fits
    .filter((f) => f.rmsShare <= best * EQUALLY_GOOD.factor + EQUALLY_GOOD.share)
    .sort((a, b) => a.family.complexity - b.family.complexity || a.rmsShare - b.rmsShare)[0];
  return describe(chosen, data, log, fits);
}

interface Searched extends FamilyFit {
  objective: ReturnType<typeof familyObjective>;
  maxOffset: number;
}

/** Coarse seeds from the log's shape, the best two refined by Nelder–Mead over continuous parameters. */
function search(family: Family, data: FitData, features: Features, maxOffset: number): Searched | undefined {
  const objective = familyObjective(family, data, maxOffset);
  const seeds: { theta: number[]; value: number }[] = [];
  for (const [offset, warmup] of features.warmupGuesses) {
    for (const shape of family.starts(features, warmup)) {
      const theta = [clamp(offset, -maxOffset, maxOffset), Math.max(0, warmup), ...shape];
      seeds.push({ theta, value: objective.objective(theta) });
    }
  }
  const finite = seeds.filter((s) => Number.isFinite(s.value)).sort((a, b) => a.value - b.value);
  if (finite.length === 0) return undefined;
  let best = finite[0];
  for (const seed of finite.slice(0, 2)) {
    const stepSizes = seed.theta.map((v, i) => (i === 0 ? 2 : i === 1 ? Math.max(1, 0.1 * v) : family.shapeParams[i - 2].tidy === 'factor' ? 0.05 * Math.max(Math.abs(v), 0.1) : 0.1 * Math.abs(v) + 1));
    const refined = nelderMead((t) => objective.objective(t), seed.theta, stepSizes, 300);
    if (refined.value < best.value) best = { theta: refined.x, value: refined.value };
  }
  const solved = objective.solve(best.theta);
  if (solved === undefined) return undefined;
  return { family, theta: best.theta, coefficients: [...solved.coefficients], rmsShare: Math.sqrt(solved.mse), objective, maxOffset };
}

/**
 * From the continuous optimum to what a person configured: whole steps, round lengths, a start and a
 * floor of 0 unless the log insists, learning rates with few significant digits.
 */
function tidy(searched: Searched, data: FitData): FamilyFit | undefined {
  const { family } = searched;
  const { objective, solve, errorWith } = searched.objective;
  const integer = [true, true, ...family.shapeParams.map((p) => p.integer)];
  const onlyOffsetAndWarmup = integer.map((_, j) => j <= 1);
  let theta = polish(
    searched.theta.map((v, i) => (integer[i] ? Math.round(v) : v)),
    integer,
    (t) => objective(t),
  );
  const polished = solve(theta);
  if (polished === undefined) return undefined;
  const rmsWithin = (mse: number, reference: number, factor: number): boolean => Math.sqrt(mse) <= Math.sqrt(reference) * factor + TIDY.share;

  // Frameworks start warmups and end decays at 0 unless told otherwise; a small start or floor is more
  // likely the trace of an offset that drifts (updates skipped mid-run) than a setting.
  const zeroed: number[] = [];
  for (const index of [0, 2]) {
    if (polished.coefficients[index] === 0) {
      zeroed.push(index);
      continue;
    }
    const held = [...zeroed, index];
    const settled = polish(theta, onlyOffsetAndWarmup, (t) => objective(t, held), 3);
    const without = solve(settled, held);
    if (without !== undefined && rmsWithin(without.mse, polished.mse, ZERO_PREFERENCE)) {
      theta = settled;
      zeroed.push(index);
    }
  }
  const reference = solve(theta, zeroed);
  if (reference === undefined) return undefined;

  // Round numbers a person configured: warmup and lengths to round steps, factors to few digits.
  const tidyKinds = ['steps', 'steps', ...family.shapeParams.map((p) => p.tidy)] as const;
  for (let i = 1; i < theta.length; i++) {
    const kind = tidyKinds[i];
    const candidates = kind === 'steps' ? roundStepCandidates(theta[i], Math.max(2, 0.01 * theta[i])) : kind === 'factor' ? significantCandidates(theta[i], 4) : [];
    for (const candidate of candidates.slice(0, 6)) {
      const trial = theta.slice();
      trial[i] = candidate;
      const settled = polish(trial, integer.map((_, j) => j === 0), (t) => objective(t, zeroed), 2);
      const solved = solve(settled, zeroed);
      if (solved !== undefined && rmsWithin(solved.mse, reference.mse, kind === 'steps' ? ROUND_STEPS_FACTOR : TIDY.factor)) {
        theta = settled;
        break;
      }
    }
  }
  if (theta[1] < 0.5) theta[1] = 0;
  const solved = solve(theta, zeroed);
  if (solved === undefined) return undefined;
  let coefficients: [number, number, number] = [...solved.coefficients];
  // The learning rates as configured: fewest significant digits that explain the log as well.
  for (const index of [1, 2, 0]) {
    const value = coefficients[index];
    if (value === 0) continue;
    for (const option of significantCandidates(value * data.scale, 4)) {
      const trial: [number, number, number] = [...coefficients];
      trial[index] = option / data.scale;
      if (rmsWithin(errorWith(theta, trial), solved.mse, TIDY.factor)) {
        coefficients = trial;
        break;
      }
    }
  }
  return { family, theta, coefficients, rmsShare: Math.sqrt(errorWith(theta, coefficients)) };
}

/** Integer coordinate search: each whole-step parameter moved by up to 3 while the fit improves. */
function polish(theta: number[], integer: readonly boolean[], objective: (t: Theta) => number, passes = 6): number[] {
  let current = theta.slice();
  let value = objective(current);
  for (let pass = 0; pass < passes; pass++) {
    let improved = false;
    for (let i = 0; i < current.length; i++) {
      if (!integer[i]) continue;
      for (const delta of [-3, -2, -1, 1, 2, 3]) {
        const trial = current.slice();
        trial[i] += delta;
        const v = objective(trial);
        if (v < value) {
          value = v;
          current = trial;
          improved = true;
        }
      }
    }
    if (!improved) break;
  }
  return current;
}

function describe(fit: FamilyFit, data: FitData, log: { steps: readonly number[]; values: readonly number[] }, all: FamilyFit[]): LogFit {
  const [offset, warmup, ...shape] = fit.theta;
  const [start, peak, floor] = fit.coefficients.map((c) => Number((c * data.scale).toPrecision(12)));
  const fitted = { peak, start: warmup > 0 ? start : 0, floor: fit.family.hasFloor ? floor : 0, warmup, shape };
  const rendition = fit.family.render(fitted);
  const horizon = fit.family.horizon?.(warmup, shape);
  // The residual is measured with the spec itself, built as `-s` would build it: the spec is what we vouch for.
  const lastStep = log.steps[log.steps.length - 1];
  const built = buildSchedule(parseTextSpec(rendition.spec), Math.max(horizon ?? 0, lastStep + 1)).schedule;
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
    rendition,
    residual: { points: log.steps.length, rms, rmsShare: rms / peak, maxAbs, maxAbsStep },
    candidates: all.map((f) => ({ family: f.family.name, rmsShare: f.rmsShare })),
  };
}

function clamp(x: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, x));
}

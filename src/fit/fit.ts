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
 * A round length is kept if the RMS stays within this many times the best, the rounder the more: people
 * configure 500 and 5000 far more often than 502, while 2810 is hardly likelier than 2808. Offsets that
 * drift during a run (whisper: 2 skipped updates early, 4 late) let an unround length explain a log a
 * little better (2.5 times for whisper's 502 against its configured 500).
 */
function roundStepsFactor(candidate: number): number {
  return candidate % 100 === 0 ? 3 : candidate % 50 === 0 ? 2 : candidate % 10 === 0 ? 1.4 : TIDY.factor;
}
/**
 * No warmup and no offset are preferred unless dropping one raises the squared error significantly: by more
 * than this many times the noise variance the fit leaves (a likelihood-ratio test, about p < 0.002 for one
 * parameter). Their evidence sits in a few early points, so a share of the overall RMS would not see it.
 */
const STRUCTURE_EVIDENCE = 10;
/** A start or floor of 0 is preferred unless it makes the RMS this many times worse: drifting offsets (whisper: 2 skipped updates early, 4 late) cost up to 2.6 times; a real warmup_lr_init of 0.1% of the peak costs hundreds of times on a clean log. */
const ZERO_PREFERENCE = 3;

interface FamilyFit {
  family: Family;
  theta: number[];
  coefficients: [number, number, number];
  rmsShare: number;
  /** RMS share before lengths and rates were rounded to what a person types: what families are compared by. */
  fitRmsShare: number;
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
  const searched = FAMILIES.map((family) => search(family, features, maxOffset)).filter((s): s is Searched => s !== undefined);
  const bestSearched = Math.min(...searched.map((s) => s.rmsShare));
  const fits = searched
    .map((s) => (s.rmsShare <= 2 * bestSearched + 2e-4 ? tidy(s, data) : { family: s.family, theta: s.theta, coefficients: s.coefficients, rmsShare: s.rmsShare, fitRmsShare: s.rmsShare }))
    .filter((f): f is FamilyFit => f !== undefined);
  // Families are compared before rounding: a round horizon may cost one family more than another.
  fits.sort((a, b) => a.fitRmsShare - b.fitRmsShare);
  const best = fits[0].fitRmsShare;
  const chosen = fits
    .filter((f) => f.fitRmsShare <= best * EQUALLY_GOOD.factor + EQUALLY_GOOD.share)
    .sort((a, b) => a.family.complexity - b.family.complexity || a.fitRmsShare - b.fitRmsShare)[0];
  return describe(chosen, data, log, fits);
}

interface Searched extends FamilyFit {
  objective: ReturnType<typeof familyObjective>;
  maxOffset: number;
}

/** Coarse seeds from the log's shape, the best two refined by Nelder–Mead over continuous parameters. */
function search(family: Family, features: Features, maxOffset: number): Searched | undefined {
  const objective = familyObjective(family, features, maxOffset);
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
    const stepSizes = seed.theta.map((v, i) => stepSize(family, i, v));
    const refined = nelderMead((t) => objective.objective(t), seed.theta, stepSizes, 250);
    if (refined.value < best.value) best = { theta: refined.x, value: refined.value };
  }
  const solved = objective.solve(best.theta);
  if (solved === undefined) return undefined;
  return { family, theta: best.theta, coefficients: [...solved.coefficients], rmsShare: Math.sqrt(solved.mse), fitRmsShare: Math.sqrt(solved.mse), objective, maxOffset };
}

/**
 * From the continuous optimum to what a person configured: whole steps, round lengths, a start and a
 * floor of 0 unless the log insists, learning rates with few significant digits.
 */
function tidy(searched: Searched, data: FitData): FamilyFit | undefined {
  const { family } = searched;
  const { objective, solve, errorWith } = searched.objective;
  const integer = [true, true, ...family.shapeParams.map((p) => p.integer)];
  const rmsWithin = (mse: number, reference: number, factor: number): boolean => Math.sqrt(mse) <= Math.sqrt(reference) * factor + TIDY.share;
  const first = solve(searched.theta);
  if (first === undefined) return undefined;

  // Simpler explanations first, each re-fitted with everything else free: a floor and a start of 0 (what
  // frameworks do unless told), no warmup, no offset. Each is kept unless the log clearly says otherwise.
  let theta = searched.theta.slice();
  const zeroed: number[] = first.coefficients.flatMap((c, k) => (k !== 1 && c === 0 ? [k] : []));
  const fixed = new Set<number>();
  const points = data.steps.length;
  const simpler = (mse: number, reference: number, kind: 'coefficient' | 'theta'): boolean =>
    kind === 'coefficient' ? rmsWithin(mse, reference, ZERO_PREFERENCE) : mse * points <= reference * (points + STRUCTURE_EVIDENCE) + (TIDY.share / 10) ** 2 * points;
  const simplifications: { kind: 'coefficient' | 'theta'; index: number }[] = [
    { kind: 'coefficient', index: 2 },
    { kind: 'coefficient', index: 0 },
    { kind: 'theta', index: 1 },
    { kind: 'theta', index: 0 },
  ];
  let reference = first.mse;
  for (const { kind, index } of simplifications) {
    if (kind === 'coefficient' ? zeroed.includes(index) || (index === 2 && !family.hasFloor) : theta[index] === 0) continue;
    const held = kind === 'coefficient' ? [...zeroed, index] : zeroed;
    const frozen = kind === 'theta' ? new Set([...fixed, index]) : fixed;
    const start = theta.slice();
    if (kind === 'theta') start[index] = 0;
    const refit = refine(start, frozen, (t) => objective(t, held), family);
    const solved = solve(refit, held);
    if (solved !== undefined && simpler(solved.mse, reference, kind)) {
      theta = refit;
      if (kind === 'coefficient') zeroed.push(index);
      else fixed.add(index);
      reference = Math.min(reference, solved.mse);
    }
  }

  // Whole steps, then the round numbers a person configured: lengths to round steps, factors to few digits.
  const free = integer.map((isInteger, j) => isInteger && !fixed.has(j));
  theta = polish(
    theta.map((v, i) => (integer[i] ? Math.round(v) : v)),
    free,
    (t) => objective(t, zeroed),
  );
  const polished = solve(theta, zeroed);
  if (polished === undefined) return undefined;
  const tidyKinds = ['steps', 'steps', ...family.shapeParams.map((p) => p.tidy)] as const;
  // Twice over: a round horizon can make a round warmup fit, and the other way round.
  for (let pass = 0; pass < 2; pass++)
  for (let i = 1; i < theta.length; i++) {
    if (fixed.has(i)) continue;
    const kind = tidyKinds[i];
    const candidates = kind === 'steps' ? roundStepCandidates(theta[i], Math.max(2, 0.01 * theta[i])) : kind === 'factor' ? significantCandidates(theta[i], 4) : [];
    for (const candidate of candidates.slice(0, 6)) {
      const trial = theta.slice();
      trial[i] = candidate;
      const settled = polish(trial, free.map((f, j) => f && j === 0), (t) => objective(t, zeroed), 2);
      const solved = solve(settled, zeroed);
      if (solved !== undefined && rmsWithin(solved.mse, polished.mse, kind === 'steps' ? roundStepsFactor(candidate) : TIDY.factor)) {
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
  return { family, theta, coefficients, rmsShare: Math.sqrt(errorWith(theta, coefficients)), fitRmsShare: Math.sqrt(polished.mse) };
}

/** Nelder–Mead over the parameters not frozen, from `theta`. */
function refine(theta: number[], frozen: ReadonlySet<number>, objective: (t: Theta) => number, family: Family): number[] {
  const free = theta.map((_, i) => i).filter((i) => !frozen.has(i));
  const embed = (x: number[]): number[] => {
    const full = theta.slice();
    free.forEach((i, k) => (full[i] = x[k]));
    return full;
  };
  const stepSizes = free.map((i) => stepSize(family, i, theta[i]));
  const result = nelderMead((x) => objective(embed(x)), free.map((i) => theta[i]), stepSizes, 200);
  return embed(result.x);
}

function stepSize(family: Family, index: number, value: number): number {
  if (index === 0) return 2;
  if (index === 1) return Math.max(1, 0.1 * value);
  return family.shapeParams[index - 2].tidy === 'factor' ? 0.05 * Math.max(Math.abs(value), 0.1) : 0.1 * Math.abs(value) + 1;
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
  const [rawOffset, warmup, ...shape] = fit.theta;
  // Math.round(-0.3) is -0, which prints as "-0".
  const offset = rawOffset === 0 ? 0 : rawOffset;
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
    candidates: all.map((f) => ({ family: f.family.name, rmsShare: f.fitRmsShare })),
  };
}

function clamp(x: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, x));
}

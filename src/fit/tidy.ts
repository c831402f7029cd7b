import type { FitData } from './features.js';
import { polish, refine, type FamilyFit, type Searched } from './search.js';
import { roundStepCandidates, significantCandidates } from './round-numbers.js';

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
/**
 * A start or floor of 0 is preferred unless it makes the RMS this many times worse: drifting offsets
 * (whisper: 2 skipped updates early, 4 late) cost up to 2.6 times; a real warmup_lr_init of 0.1% of the
 * peak costs hundreds of times on a clean log.
 */
const ZERO_PREFERENCE = 3;

type Objective = Searched['objective'];

/**
 * From the continuous optimum to what a person configured: a start and a floor of 0, no warmup and no
 * offset unless the log insists; whole and round steps; learning rates with few significant digits.
 */
export function tidy(searched: Searched, data: FitData): FamilyFit | undefined {
  const simplified = simplify(searched, data.steps.length);
  if (simplified === undefined) return undefined;
  const { zeroed, fixed } = simplified;
  const rounded = roundSteps(searched, simplified.theta, zeroed, fixed);
  if (rounded === undefined) return undefined;
  const { theta, mse } = rounded;
  const coefficients = roundRates(searched.objective, theta, zeroed, mse, data.scale);
  if (coefficients === undefined) return undefined;
  return { family: searched.family, theta, coefficients, rmsShare: Math.sqrt(searched.objective.errorWith(theta, coefficients)), fitRmsShare: Math.sqrt(mse) };
}

function rmsWithin(mse: number, reference: number, factor: number): boolean {
  return Math.sqrt(mse) <= Math.sqrt(reference) * factor + TIDY.share;
}

/**
 * Simpler explanations first, each re-fitted with everything else free: a floor and a start of 0 (what
 * frameworks do unless told), no warmup, no offset. Each is kept unless the log clearly says otherwise.
 * Returns the coefficients held at 0 (0 start, 2 floor) and the parameters fixed at 0 (0 offset, 1 warmup).
 */
function simplify(searched: Searched, points: number): { theta: number[]; zeroed: number[]; fixed: Set<number> } | undefined {
  const { family } = searched;
  const { objective, solve } = searched.objective;
  const first = solve(searched.theta);
  if (first === undefined) return undefined;
  let theta = searched.theta.slice();
  const zeroed: number[] = first.coefficients.flatMap((c, k) => (k !== 1 && c === 0 ? [k] : []));
  const fixed = new Set<number>();
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
    if (kind === 'coefficient' ? zeroed.includes(index) || (index === 2 && (!family.hasFloor || family.keepsFloor)) : theta[index] === 0) continue;
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
  return { theta, zeroed, fixed };
}

/** Whole steps, then the round numbers a person configured: lengths to round steps, factors to few digits. */
function roundSteps(searched: Searched, start: number[], zeroed: number[], fixed: ReadonlySet<number>): { theta: number[]; mse: number } | undefined {
  const { family } = searched;
  const { objective, solve } = searched.objective;
  const integer = [true, true, ...family.shapeParams.map((p) => p.integer)];
  const free = integer.map((isInteger, j) => isInteger && !fixed.has(j));
  let theta = polish(
    start.map((v, i) => (integer[i] ? Math.round(v) : v)),
    free,
    (t) => objective(t, zeroed),
  );
  const polished = solve(theta, zeroed);
  if (polished === undefined) return undefined;
  const kinds = ['steps', 'steps', ...family.shapeParams.map((p) => p.tidy)] as const;
  // Parameters already set to a round value: later trials leave them there. Were they to float again, the
  // last one rounded would always drift back off (a log sampled every 50 steps gave cycle=3910.00008,
  // cycle_mult=1.99999999 for torch's T_0=3910, T_mult=2).
  const rounded = new Set<number>();
  // Twice over: a round horizon can make a round warmup fit, and the other way round.
  for (let pass = 0; pass < 2; pass++) {
    for (let i = 1; i < theta.length; i++) {
      if (fixed.has(i)) continue;
      const kind = kinds[i];
      const candidates = kind === 'steps' ? roundStepCandidates(theta[i], Math.max(2, 0.01 * theta[i])) : kind === 'factor' ? significantCandidates(theta[i], 4) : [];
      for (const candidate of candidates.slice(0, 6)) {
        let trial = theta.slice();
        trial[i] = candidate;
        // The other continuous parameters follow (a cycle_mult of exactly 1 moves the cycle length a little).
        const floating = new Set(integer.flatMap((isInteger, j) => (!isInteger && j !== i && !fixed.has(j) && !rounded.has(j) ? [j] : [])));
        if (floating.size > 0) trial = refine(trial, new Set(theta.map((_, j) => j).filter((j) => !floating.has(j))), (t) => objective(t, zeroed), family);
        const settled = polish(trial, free.map((f, j) => f && j === 0), (t) => objective(t, zeroed), 2);
        const solved = solve(settled, zeroed);
        if (solved !== undefined && rmsWithin(solved.mse, polished.mse, kind === 'steps' ? roundStepsFactor(candidate) : TIDY.factor)) {
          theta = settled;
          rounded.add(i);
          break;
        }
      }
    }
  }
  if (theta[1] < 0.5) theta[1] = 0;
  return { theta, mse: polished.mse };
}

/** The learning rates as configured: the fewest significant digits that explain the log as well. */
function roundRates(fitted: Objective, theta: number[], zeroed: number[], reference: number, scale: number): [number, number, number] | undefined {
  const solved = fitted.solve(theta, zeroed);
  if (solved === undefined) return undefined;
  let coefficients: [number, number, number] = [...solved.coefficients];
  for (const index of [1, 2, 0]) {
    const value = coefficients[index];
    if (value === 0) continue;
    for (const option of significantCandidates(value * scale, 4)) {
      const trial: [number, number, number] = [...coefficients];
      trial[index] = option / scale;
      if (rmsWithin(fitted.errorWith(theta, trial), Math.max(reference, solved.mse), TIDY.factor)) {
        coefficients = trial;
        break;
      }
    }
  }
  return coefficients;
}

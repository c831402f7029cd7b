import { keptStepBlocks, type Curve } from '../curve/curve.js';
import { comparedEvery } from './sampled-steps.js';

/** How two curves over the same steps differ. */
export interface CurveDifference {
  readonly a: string;
  readonly b: string;
  readonly maxAbs: number;
  readonly maxAbsStep: number;
  /** Largest |a - b| / max(|a|, |b|), with the denominator floored at RELATIVE_FLOOR (1%) of the larger peak. */
  readonly maxRel: number;
  readonly maxRelStep: number;
  /** First step where they differ by more than the golden tolerance; null when they never do. */
  readonly firstPart: number | null;
  /** Present when only every k-th step was compared (see sampled-steps.ts); firstPart is then exact within the k steps before the first compared step that differs. */
  readonly comparedEvery?: number;
}

/**
 * Near the end of a decay both curves approach 0 and any difference is "100%": relative differences are
 * taken against at least this share of the larger peak.
 */
export const RELATIVE_FLOOR = 1e-2;

/** Same as the golden files: torch's recursive cosine drifts from the closed form by a few ulps. */
export function sameValue(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b)) + 1e-15;
}

export function curveDifference(a: Curve, b: Curve, peakA: number, peakB: number): CurveDifference {
  const steps = Math.min(a.steps, b.steps);
  const every = comparedEvery(steps);
  const floor = RELATIVE_FLOOR * Math.max(Math.abs(peakA), Math.abs(peakB));
  let maxAbs = 0;
  let maxAbsStep = 0;
  let maxRel = 0;
  let maxRelStep = 0;
  let firstPart: number | null = null;
  // Over the steps both have: keptStepBlocks walks the first curve's.
  const both = [a, b].map((c) => (c.steps === steps ? c : { ...c, steps }));
  for (const { start, values: [va, vb] } of keptStepBlocks(both, every)) {
    for (let j = 0; j < va.length; j++) {
      const x = va[j];
      const y = vb[j];
      const step = start + j * every;
      const abs = Math.abs(x - y);
      if (abs > maxAbs) {
        maxAbs = abs;
        maxAbsStep = step;
      }
      const rel = abs / Math.max(Math.abs(x), Math.abs(y), floor || Number.MIN_VALUE);
      if (rel > maxRel) {
        maxRel = rel;
        maxRelStep = step;
      }
      if (firstPart === null && !sameValue(x, y)) firstPart = every === 1 ? step : firstDifferenceBefore(a, b, step, every);
    }
  }
  const difference = { a: a.label, b: b.label, maxAbs, maxAbsStep, maxRel, maxRelStep, firstPart };
  return every === 1 ? difference : { ...difference, comparedEvery: every };
}

/** The first step after the compared one `every` steps before `step` where the curves part (`step` when none earlier). */
function firstDifferenceBefore(a: Curve, b: Curve, step: number, every: number): number {
  const from = Math.max(0, step - every + 1);
  const va = new Float64Array(step - from);
  const vb = new Float64Array(step - from);
  a.fill(from, va);
  b.fill(from, vb);
  for (let j = 0; j < va.length; j++) if (!sameValue(va[j], vb[j])) return from + j;
  return step;
}

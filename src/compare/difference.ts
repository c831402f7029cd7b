import { CHUNK, type Curve } from '../curve/curve.js';

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
  const floor = RELATIVE_FLOOR * Math.max(Math.abs(peakA), Math.abs(peakB));
  const bufferA = new Float64Array(Math.min(CHUNK, Math.max(steps, 1)));
  const bufferB = new Float64Array(bufferA.length);
  let maxAbs = 0;
  let maxAbsStep = 0;
  let maxRel = 0;
  let maxRelStep = 0;
  let firstPart: number | null = null;
  for (let start = 0; start < steps; start += bufferA.length) {
    const length = Math.min(bufferA.length, steps - start);
    const va = bufferA.subarray(0, length);
    const vb = bufferB.subarray(0, length);
    a.fill(start, va);
    b.fill(start, vb);
    for (let j = 0; j < length; j++) {
      const x = va[j];
      const y = vb[j];
      const abs = Math.abs(x - y);
      if (abs > maxAbs) {
        maxAbs = abs;
        maxAbsStep = start + j;
      }
      const rel = abs / Math.max(Math.abs(x), Math.abs(y), floor || Number.MIN_VALUE);
      if (rel > maxRel) {
        maxRel = rel;
        maxRelStep = start + j;
      }
      if (firstPart === null && !sameValue(x, y)) firstPart = start + j;
    }
  }
  return { a: a.label, b: b.label, maxAbs, maxAbsStep, maxRel, maxRelStep, firstPart };
}

import { RELATIVE_FLOOR } from './difference.js';
import type { LoggedPoints } from '../logs/points.js';

/** How far logged learning rates part from the plan, and the step shift that explains them best. */
export interface LogComparison {
  readonly log: string;
  readonly plan: string;
  /** Logged points inside the plan's steps (points past it are not compared). */
  readonly points: number;
  readonly maxAbs: number;
  readonly maxAbsStep: number;
  readonly maxRel: number;
  /** Root mean square of logged - planned, as a share of the plan's peak. */
  readonly rmsShare: number;
  /** The shift d for which log(s) best matches plan(s - d): positive when the run lags the plan (skipped steps). */
  readonly bestOffset: number;
  readonly rmsShareAtOffset: number;
}

/**
 * Compares logged points with a planned schedule. Every shift in [-maxOffset, maxOffset] is tried (on a
 * spread of points first when the log is long: see candidateShifts): mixed-precision loss scalers skip
 * updates, which delays the schedule against the logged step count.
 */
export function compareLog(plan: { label: string; steps: number; lr(step: number): number; peak: number }, log: LoggedPoints, maxOffset?: number): LogComparison {
  // Logged steps are in order (orderedPoints), so the points inside the plan are the indices first..end-1:
  // no list of a million indices.
  let first = 0;
  while (first < log.steps.length && !(log.steps[first] >= 0)) first++;
  let end = first;
  while (end < log.steps.length && log.steps[end] < plan.steps) end++;
  const count = end - first;
  const lastStep = count > 0 ? log.steps[end - 1] : 0;
  const range = maxOffset ?? Math.min(1000, Math.max(10, Math.round(lastStep / 10)));
  const peak = Math.abs(plan.peak) || 1;
  const squaredAt = (offset: number, k: number): number => {
    const d = log.values[k] - plan.lr(Math.max(0, log.steps[k] - offset));
    return d * d;
  };
  /** RMS of logged - planned(shifted), over the given indices or over every point inside the plan. */
  const rmsAt = (offset: number, points?: readonly number[]): number => {
    let sum = 0;
    if (points === undefined) for (let k = first; k < end; k++) sum += squaredAt(offset, k);
    else for (const k of points) sum += squaredAt(offset, k);
    return Math.sqrt(sum / Math.max(1, points?.length ?? count)) / peak;
  };
  let maxAbs = 0;
  let maxAbsStep = 0;
  let maxRel = 0;
  for (let k = first; k < end; k++) {
    const planned = plan.lr(log.steps[k]);
    const abs = Math.abs(log.values[k] - planned);
    if (abs > maxAbs) {
      maxAbs = abs;
      maxAbsStep = log.steps[k];
    }
    maxRel = Math.max(maxRel, abs / Math.max(Math.abs(planned), Math.abs(log.values[k]), RELATIVE_FLOOR * peak));
  }
  // Shifts in the order they are preferred: the smallest first, a delay before an advance.
  const shifts: number[] = [];
  for (let d = 1; d <= range; d++) shifts.push(d, -d);
  let bestOffset = 0;
  let best = rmsAt(0);
  // Prefer the smallest shift among equally good ones: a shift that explains nothing is not reported.
  for (const offset of candidateShifts(shifts, first, count, rmsAt)) {
    const value = rmsAt(offset);
    if (value < best * (1 - 1e-9)) {
      best = value;
      bestOffset = offset;
    }
  }
  return { log: log.label, plan: plan.label, points: count, maxAbs, maxAbsStep, maxRel, rmsShare: rmsAt(0), bestOffset, rmsShareAtOffset: best };
}

/** Logged points every shift is tried on, at most; a longer log is searched coarse to fine. */
export const SEARCHED_POINTS = 4096;
/** Shifts the coarse search hands to the fine one. */
const FINE_SHIFTS = 8;

/**
 * The shifts worth trying on every point, in the order given. A log of up to SEARCHED_POINTS points tries
 * them all; a longer one (a million logged steps) ranks every shift on SEARCHED_POINTS points spread over
 * it and keeps the FINE_SHIFTS best: 2,001 shifts cost 2,001 x 4,096 values and 8 x a million, not
 * 2,001 x a million.
 */
function candidateShifts(shifts: readonly number[], first: number, count: number, rmsAt: (offset: number, points: readonly number[]) => number): number[] {
  if (count <= SEARCHED_POINTS) return [...shifts];
  const stride = count / SEARCHED_POINTS;
  const spread = Array.from({ length: SEARCHED_POINTS }, (_, j) => first + Math.floor(j * stride));
  const ranked = shifts.map((offset, order) => ({ offset, order, rms: rmsAt(offset, spread) })).sort((a, b) => a.rms - b.rms || a.order - b.order);
  return ranked
    .slice(0, FINE_SHIFTS)
    .sort((a, b) => a.order - b.order)
    .map((r) => r.offset);
}

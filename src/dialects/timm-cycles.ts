import { stepsBesideMultiples } from '../schedules/extremes/spread.js';
import { isMonotone, type Easing } from '../schedules/shapes/easing.js';
import { extremesAt, schedule, type Schedule } from '../schedules/schedule.js';
import { correctlyRoundedLog, pythonFloorDiv } from './python-math.js';

export interface TimmCycle {
  /** Cycle index, from 0. */
  i: number;
  /** Its length. */
  tI: number;
  /** Position of t within it. */
  tCurr: number;
}

/**
 * Where timm puts step t (timm/scheduler/cosine_lr.py, CosineLRScheduler._get_lr; the same lines in
 * poly_lr.py and tanh_lr.py): for cycle_mul != 1 the cycle index is floor(log(1 - t/t_initial (1 - cycle_mul),
 * cycle_mul)), taken as it comes out of the float log: at a boundary where the log rounds below an integer,
 * timm stays at the end of the earlier cycle (lr_min) where an exact count would restart at the peak.
 */
export function timmCycle(t: number, tInitial: number, cycleMul: number): TimmCycle {
  if (cycleMul !== 1) {
    const i = floorLogRatio(1 - (t / tInitial) * (1 - cycleMul), cycleMul);
    return { i, tI: cycleMul ** i * tInitial, tCurr: t - ((1 - cycleMul ** i) / (1 - cycleMul)) * tInitial };
  }
  const i = pythonFloorDiv(t, tInitial);
  return { i, tI: tInitial, tCurr: t - tInitial * i };
}

/**
 * floor(math.log(x, base)) as CPython computes it: log(x) / log(base) with glibc's logs. Math.log agrees
 * but for an ulp, which only matters when the ratio is next to an integer (a cycle boundary); there the
 * correctly rounded logs decide.
 */
function floorLogRatio(x: number, base: number): number {
  const ratio = Math.log(x) / Math.log(base);
  if (Math.abs(ratio - Math.round(ratio)) > 1e-9) return Math.floor(ratio);
  return Math.floor(correctlyRoundedLog(x) / correctlyRoundedLog(base));
}

/**
 * Whether timm's cycle index fails at cycle time t: for cycle_mul < 1 the cycles shrink and add up to
 * t_initial / (1 - cycle_mul), past which `1 - t / t_initial * (1 - cycle_mul)` is <= 0 and math.log raises
 * "ValueError: math domain error" (timm does not check cycle_mul; real timm 1.0.29 raises at t = 200 for
 * t_initial=100, cycle_mul=0.5). The same float expression as timm, so the step is timm's to the ulp.
 */
export function outsideLogDomain(t: number, tInitial: number, cycleMul: number): boolean {
  return cycleMul < 1 && !(1 - (t / tInitial) * (1 - cycleMul) > 0);
}

/**
 * The first whole t >= from at which timm's cycle index fails, the cycles running from t = shift (warmup_t
 * with warmup_prefix, else 0); Infinity for cycle_mul >= 1.
 */
export function firstStepOutsideLogDomain(tInitial: number, cycleMul: number, from: number, shift: number): number {
  if (!(cycleMul < 1)) return Infinity;
  const fails = (t: number): boolean => outsideLogDomain(t - shift, tInitial, cycleMul);
  const start = Math.ceil(from);
  // The exact sum is within a step or two of where the float expression turns; walk to it.
  let t = Math.max(start, Math.ceil(shift + tInitial / (1 - cycleMul)));
  while (t > start && fails(t - 1)) t--;
  while (!fails(t)) t++;
  return t;
}

export interface TimmCyclesOptions {
  /** The optimizer's lr: the peak of cycle 0. */
  peak: number;
  lrMin: number;
  tInitial: number;
  cycleMul: number;
  /** The peak of cycle i is peak * cycleDecay^i. */
  cycleDecay: number;
  /** From cycle cycleLimit on, lr_min. */
  cycleLimit: number;
  /** k-decay: the cycle runs over t^k (timm's k_decay; 1 for plain cycles). */
  k: number;
  /** How much of (peak - lr_min) is left at progress t_curr^k / t_i^k (past 1 where the float log leaves t). */
  easing: Easing;
}

/**
 * timm's cycles of cosine / polynomial / tanh decay: lr_min + (peak * cycle_decay^i - lr_min) * easing(t_curr^k
 * / t_i^k), and lr_min once the cycle limit is reached (not the last cycle's final value). Written out rather
 * than as an anneal because timm's tanh does not start a cycle exactly at its peak (0.5 (1 - tanh(lb)) < 1),
 * and an anneal pins its step 0 to `from`.
 */
export function timmCycles(o: TimmCyclesOptions): Schedule {
  // Its end is where the cycle limit is reached: from there on, lr_min (check reads this as the horizon).
  const end = o.cycleMul === 1 ? o.tInitial * o.cycleLimit : (o.tInitial * (1 - o.cycleMul ** o.cycleLimit)) / (1 - o.cycleMul);
  const lr = (t: number): number => {
    const { i, tI, tCurr } = timmCycle(t, o.tInitial, o.cycleMul);
    if (!(i < o.cycleLimit)) return o.lrMin;
    const peak = o.peak * o.cycleDecay ** i;
    return o.lrMin + (peak - o.lrMin) * o.easing(tCurr ** o.k / tI ** o.k);
  };
  // Cycles of one length along a monotone easing move one way from boundary to boundary (the cycle limit
  // is one of them): a range's extremes are at its ends and beside each boundary it crosses (a step either
  // side, as t - t_initial * i rounds either way). Shrinking or growing cycles, or too many boundaries in a
  // range, are left to sampling.
  const extremes = (start: number, stop: number): readonly [number, number] | undefined => {
    const last = stop - 1;
    if (o.cycleMul !== 1 || !isMonotone(o.easing) || !(o.k > 0) || !Number.isInteger(start) || !Number.isInteger(stop) || last < start) return undefined;
    const first = Math.floor(start / o.tInitial) + 1;
    // Past the cycle limit the rate is lr_min throughout: no boundary there matters.
    const final = Math.min(Math.floor(last / o.tInitial), o.cycleLimit);
    const besideBoundaries = stepsBesideMultiples(o.tInitial, first, final, start, last);
    return besideBoundaries === undefined ? undefined : extremesAt(lr, [start, last, ...besideBoundaries]);
  };
  return schedule(lr, Number.isFinite(end) && end > 0 ? end : undefined, undefined, extremes);
}


import { extremesAt, NO_CYCLE_STARTS, numberedStarts, schedule, type CycleStarts, type Schedule } from '../schedules/schedule.js';
import { largeArgumentCos } from './large-argument-cos.js';

/**
 * Steps of torch's recursive CosineAnnealingLR walked one by one; later ones come from `torchCosineClosedForm`.
 * Walking is exact but costs a cosine a step from the last trough (or from step 0): a chart of 1e9 steps
 * would walk 1e9 of them.
 */
export const TORCH_COSINE_WALKED = 2 ** 18;

/** The most periods of 2 T_max a range may span for `extremes` to visit each peak and trough in it. */
const EXTREMES_PERIODS = 4096;

/**
 * What torch's recursion (CosineAnnealingLR.get_lr, torch/optim/lr_scheduler.py, 1.13.1) computes, without
 * walking it. Write N(t) = 1 + cos(pi * t / T_max), evaluated as torch does. Each recursive step multiplies
 * lr - eta_min by N(t) / N(t - 1), and the N(t - 1) it divides by is the very double the step before
 * multiplied by, so the product telescopes: from an anchor step a with lr - eta_min = A,
 *   lr(t) = eta_min + A * N(t) / N(a)
 * up to one rounding of a product and a sum a step. The anchors are step 0 (A = lr at start - eta_min,
 * N(0) = 2) and, for a whole-step T_max, the step after each trough t = (2m+1) T_max: there N(t) is 0,
 * the recursion lands on eta_min and forgets its past, and the additive branch adds
 * A = (lr - eta_min)(1 - cos(pi / T_max)) / 2. This is not lrviz's cosine: at a far step the rounding of
 * pi * t / T_max in N(a) scales a whole period (by 6e-5 at step 1e9 for T_max = 1000), and so does torch.
 * Where (2m+1)^2 passes about 1e14, N at a trough is no longer exactly 0 and the recursion carries a
 * trace of the period before into the next (A grows by the previous A times N(trough) / N(previous anchor),
 * 3e-8 of it at step 1e12 for T_max = 1): this form carries it one period, dropping the trace of a trace.
 * One drift is not followed: with eta_min > 0, lr - eta_min is re-rounded to the ulps of eta_min at each
 * step, which right after a trough, where it is tiny, moves it by up to ulp(eta_min) / A of itself (the tests
 * hold it to that; it passes 1e-9 of the value only for T_max in the hundreds of thousands and more).
 * A T_max that is not a whole step has no trough on a step (it is k/2^n, odd k): step 0 anchors every step.
 * test/dialects/torch-cosine-closed-form.test.ts walks the recursion over millions of steps and from far
 * troughs and holds this to it at the golden files' tolerance, or within that drift.
 */
export function torchCosineClosedForm(baseLr: number, etaMin: number, tMax: number, startLr = baseLr): Schedule {
  // Far steps have arguments past 1e6, where Math.cos costs six times what largeArgumentCos does for the same double.
  const n = (t: number): number => 1 + largeArgumentCos((Math.PI * t) / tMax);
  const troughStep = ((baseLr - etaMin) * (1 - Math.cos(Math.PI / tMax))) / 2;
  const throughTroughs = Number.isInteger(tMax);
  // The last period's anchor, its value and N there: steps in order reuse them (three cosines saved a step).
  // Kept in a typed array: a double in a closure's variable is boxed anew at each write, and a check of 1e9
  // steps moves to a new period at every sample.
  const last = new Float64Array([NaN, NaN, NaN]);
  const ANCHOR = 0;
  const VALUE = 1;
  const N_AT_ANCHOR = 2;
  const lr = (step: number): number => {
    const t = Math.floor(step);
    if (t <= 0) return startLr;
    if (!throughTroughs || t <= tMax) return (n(t) / 2) * (startLr - etaMin) + etaMin;
    const anchor = tMax + 1 + 2 * tMax * Math.floor((t - tMax - 1) / (2 * tMax));
    if (anchor !== last[ANCHOR]) {
      // What the trough before the anchor kept of the period before it: 0 while N there is exactly 0.
      const atTrough = n(anchor - 1);
      const carried = anchor === tMax + 1 ? (atTrough / 2) * (startLr - etaMin) : atTrough === 0 ? 0 : (atTrough / n(anchor - 2 * tMax)) * troughStep;
      last[ANCHOR] = anchor;
      last[VALUE] = etaMin + carried + troughStep;
      last[N_AT_ANCHOR] = n(anchor);
    }
    if (t === anchor) return last[VALUE];
    return (n(t) / last[N_AT_ANCHOR]) * (last[VALUE] - etaMin) + etaMin;
  };
  // Between a multiple of T_max and the next the lr only falls (peak to trough) or only rises (trough, the
  // anchor after it, up to the peak): every step is the same monotone function of N(t) within a period,
  // and the anchor's value lies between the trough's and the next step's. So a range's extremes are among
  // its ends and the multiples of T_max inside it, as long as the computed N(t) keeps that order: next to
  // a peak or trough the cosine moves by (pi / T_max)^2 / 2 a step, which must outweigh the rounding of
  // pi t / T_max (a few ulps of the argument, times the slope) and of the cosine (an ulp of 1 each).
  const extremes = (start: number, end: number): readonly [number, number] | undefined => {
    if (!throughTroughs || !Number.isInteger(start) || !Number.isInteger(end) || !(end > start) || start < 0) return undefined;
    if ((end - start) / (2 * tMax) > EXTREMES_PERIODS) return undefined;
    const stepAngle = Math.PI / tMax;
    const farArgument = stepAngle * (end - 1);
    const argumentUlp = 2 ** (Math.floor(Math.log2(Math.max(farArgument, 1))) - 52);
    if (!((stepAngle * stepAngle) / 2 > 4 * argumentUlp * stepAngle + 2 ** -50)) return undefined;
    const steps = [start, end - 1];
    for (let k = Math.ceil(start / tMax); k * tMax < end - 1; k++) if (k * tMax > start) steps.push(k * tMax);
    return extremesAt(lr, steps);
  };
  return schedule(lr, tMax, undefined, extremes);
}

/**
 * Where the recursion's periods begin, for a whole-step T_max: the steps after each trough,
 * (2m + 1) T_max + 1, where it adds to the lr instead of scaling it (Schedule.cycleStarts). Whether each is a
 * restart is for the reader to judge from the values: with T_max = 1 the lr jumps back to its peak there, with
 * T_max = 100 it climbs for a hundred steps.
 */
export function torchCosineCycleStarts(tMax: number): NonNullable<Schedule['cycleStarts']> {
  const anchor = (m: number): number => (2 * m + 1) * tMax + 1;
  return (start, end, keep): CycleStarts | undefined => {
    if (end - 1 > Number.MAX_SAFE_INTEGER) return undefined;
    if (end <= start) return NO_CYCLE_STARTS;
    // anchor(m) >= start and anchor(m) <= end - 1.
    const low = Math.max(0, Math.ceil((start - 1 - tMax) / (2 * tMax)));
    const high = Math.floor((end - 2 - tMax) / (2 * tMax));
    return numberedStarts(low, high, keep, anchor);
  };
}


/** A log reduced to what the fitter reads: points in step order, scaled so the largest value is 1. */
export interface FitData {
  readonly steps: Float64Array;
  readonly values: Float64Array;
  /** The largest logged value: every value in `values` was divided by it. */
  readonly scale: number;
}

/** Features of the data that seed the search: where it peaks, where a warmup would start, drops and rises. */
export interface Features {
  readonly data: FitData;
  readonly first: number;
  readonly last: number;
  readonly topStep: number;
  /** (offset, warmup) pairs that explain the rising start, and (0, 0). */
  readonly warmupGuesses: readonly (readonly [number, number])[];
  /** Steps between two logged points where the value fell by more than a fifth after the first peak: step decays. */
  readonly drops: readonly { at: number; ratio: number }[];
  /** Steps between two logged points where the value rose by more than a fifth of the peak after falling: restarts. */
  readonly rises: readonly { at: number; to: number }[];
  /** The last logged step still within 2% of the peak, for warmup-stable-decay. */
  readonly plateauEnd: number;
  /** The median number of steps between two logged points. */
  readonly gap: number;
}

/** About this many points are fitted; the residual is reported over all of them. */
const MAX_FIT_POINTS = 600;

/**
 * The points to fit, scaled. A long log is thinned evenly, except around its rise to the peak, where a
 * warmup and the step offset are decided by a few points.
 */
export function fitData(steps: Float64Array, values: Float64Array): FitData {
  const every = Math.max(1, Math.ceil(steps.length / MAX_FIT_POINTS));
  const top = firstPeak(values);
  const denseUntil = Math.min(steps.length - 1, 2 * top + 2);
  const kept: number[] = [];
  for (let k = 0; k < steps.length; k++) if (k <= Math.min(denseUntil, MAX_FIT_POINTS) || k % every === 0) kept.push(k);
  // The last point pins where the log stops; never drop it.
  if (kept[kept.length - 1] !== steps.length - 1) kept.push(steps.length - 1);
  // One pass, no copy: a 1e7-point log would spend another 80 MB on values.map(Math.abs).
  let scale = 0;
  for (let k = 0; k < values.length; k++) scale = Math.max(scale, Math.abs(values[k]));
  scale ||= 1;
  return { steps: Float64Array.from(kept, (k) => steps[k]), values: Float64Array.from(kept, (k) => values[k] / scale), scale };
}

export function featuresOf(data: FitData): Features {
  const { steps, values } = data;
  const n = steps.length;
  const top = firstPeak(values);
  const warmupGuesses: [number, number][] = [[0, 0]];
  if (top > 0 && values[0] < 0.9) {
    // The rising points before the peak, the top one left out: it may already be past the warmup's end.
    const ramp = [...Array(top).keys()].filter((k) => values[k] < 0.98);
    const fitLine = ramp.length >= 2 ? line(ramp.map((k) => steps[k]), ramp.map((k) => values[k])) : { slope: values[0] / steps[0], intercept: 0 };
    if (fitLine.slope > 0) {
      warmupGuesses.push([-fitLine.intercept / fitLine.slope, 1 / fitLine.slope]);
      warmupGuesses.push([0, (1 - fitLine.intercept) / fitLine.slope]);
    }
    warmupGuesses.push([0, steps[top]]);
  }
  const drops: { at: number; ratio: number }[] = [];
  const rises: { at: number; to: number }[] = [];
  let fallen = false;
  for (let k = 1; k < n; k++) {
    if (values[k] < values[k - 1]) fallen = true;
    if (k > top && values[k] < 0.8 * values[k - 1] && values[k - 1] > 0) drops.push({ at: (steps[k - 1] + steps[k]) / 2, ratio: values[k] / values[k - 1] });
    if (fallen && values[k] - values[k - 1] > 0.2) rises.push({ at: (steps[k - 1] + steps[k]) / 2, to: values[k] });
  }
  let plateauEnd = steps[top];
  for (let k = top; k < n && values[k] >= 0.98; k++) plateauEnd = steps[k];
  const gaps = Array.from({ length: n - 1 }, (_, k) => steps[k + 1] - steps[k]).sort((a, b) => a - b);
  const gap = gaps.length > 0 ? gaps[Math.floor(gaps.length / 2)] : 1;
  return { data, first: steps[0], last: steps[n - 1], topStep: steps[top], warmupGuesses, drops, rises, plateauEnd, gap };
}

/**
 * Where the log first stops rising near its maximum: the end of the warmup. Not the maximum itself: a
 * restart may reach the same peak again later, and a rounded log may put the maximum there.
 */
function firstPeak(values: ArrayLike<number>): number {
  let max = 0;
  for (let k = 0; k < values.length; k++) max = Math.max(max, values[k]);
  for (let k = 0; k + 1 < values.length; k++) if (values[k + 1] < values[k] && values[k] >= 0.5 * max) return k;
  return values.length - 1;
}

function line(xs: number[], ys: number[]): { slope: number; intercept: number } {
  const n = xs.length;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    sxy += (xs[i] - mx) * (ys[i] - my);
    sxx += (xs[i] - mx) ** 2;
  }
  const slope = sxx > 0 ? sxy / sxx : 0;
  return { slope, intercept: my - slope * mx };
}

/** `count` values from `low` to `high`, evenly spaced on a log scale. */
export function logGrid(low: number, high: number, count: number): number[] {
  if (!(low > 0) || !(high > low)) return [Math.max(low, 1)];
  return Array.from({ length: count }, (_, i) => low * (high / low) ** (i / (count - 1)));
}

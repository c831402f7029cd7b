import type { Features } from './features.js';
import type { Family } from './families/index.js';
import { nonNegativeLeastSquares, residual } from './least-squares.js';

/** Offsets are kept small unless the data asks for them: this weight breaks ties where shifts are interchangeable. */
const OFFSET_WEIGHT = 1e-12;

/** Parameters the search moves: the step offset, the warmup length, then the family's shape parameters. */
export type Theta = readonly number[];

export interface Solved {
  /** start, peak, floor in the data's scaled units. */
  readonly coefficients: readonly [number, number, number];
  /** Mean squared error in scaled units (the peak of the data is 1). */
  readonly mse: number;
}

/**
 * The fit of one family to the data as a function of its nonlinear parameters. For every theta the linear
 * ones (start, peak, floor) are solved exactly by non-negative least squares (variable projection).
 */
export function familyObjective(family: Family, features: Features, maxOffset: number) {
  const data = features.data;
  // Logs lag their schedule (skipped updates) far more than they lead it: a lead of more than a couple of
  // logging intervals is a shape mistaken for a shift.
  const leadAllowed = Math.min(maxOffset, Math.max(5, 2 * features.gap));
  const count = data.steps.length;
  const startColumn = new Float64Array(count);
  const peakColumn = new Float64Array(count);
  const floorColumn = new Float64Array(count);

  const ts = new Float64Array(count);
  const cosineWarmup = family.warmupShape === 'cosine';
  const fill = (theta: Theta): boolean => {
    const offset = theta[0];
    const warmup = theta[1] < 0.5 ? 0 : theta[1];
    const shape = theta.slice(2);
    if (!(offset <= maxOffset && offset >= -leadAllowed) || !(theta[1] >= 0) || !family.valid(shape, warmup, features)) return false;
    let from = 0;
    for (let i = 0; i < count; i++) {
      // Before the schedule's step 0 (a log ahead of its schedule) the optimizer holds the first value.
      const t = Math.max(0, data.steps[i] - offset);
      ts[i] = t;
      if (t < warmup) {
        const progress = cosineWarmup ? (1 - Math.cos((Math.PI * t) / warmup)) / 2 : t / warmup;
        startColumn[i] = 1 - progress;
        peakColumn[i] = progress;
        floorColumn[i] = 0;
        from = i + 1;
      } else startColumn[i] = 0;
    }
    family.body(ts, from, warmup, shape, peakColumn, floorColumn);
    if (!family.hasFloor) floorColumn.fill(0, from);
    return true;
  };

  const zero = new Float64Array(count);
  /** `zeroed` lists coefficients held at 0 (0 start, 2 floor): their columns are left out. */
  const solve = (theta: Theta, zeroed: readonly number[] = []): Solved | undefined => {
    if (!fill(theta)) return undefined;
    const columns = [startColumn, peakColumn, floorColumn].map((column, k) => (zeroed.includes(k) ? zero : column));
    const { coefficients, rss } = nonNegativeLeastSquares(columns, data.values);
    const [start, peak, floor] = coefficients;
    // A floor or start above the peak is another family in disguise.
    if (floor > peak * (1 + 1e-9) || start > peak * (1 + 1e-9)) return undefined;
    return { coefficients: [start, peak, floor], mse: rss / count };
  };

  /** With the peak (and optionally floor and start) fixed: the error of tidied values. */
  const errorWith = (theta: Theta, coefficients: readonly [number, number, number]): number => {
    if (!fill(theta)) return Infinity;
    return residual([startColumn, peakColumn, floorColumn], coefficients, data.values) / count;
  };

  const objective = (theta: Theta, zeroed: readonly number[] = []): number => {
    const solved = solve(theta, zeroed);
    return solved === undefined ? Infinity : solved.mse + OFFSET_WEIGHT * theta[0] * theta[0];
  };

  return { objective, solve, errorWith };
}

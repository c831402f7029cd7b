import type { Features } from './features.js';
import type { Family } from './families/index.js';
import { nelderMead } from './nelder-mead.js';
import { familyObjective, type Theta } from './objective.js';

/** One family fitted to the log, in the search's terms: scaled learning rates, continuous or whole steps. */
export interface FamilyFit {
  family: Family;
  theta: number[];
  coefficients: [number, number, number];
  rmsShare: number;
  /** RMS share before lengths and rates were rounded to what a person types: what families are compared by. */
  fitRmsShare: number;
}

export interface Searched extends FamilyFit {
  objective: ReturnType<typeof familyObjective>;
}

/** Coarse seeds from the log's shape, the best two refined by Nelder–Mead over continuous parameters. */
export function search(family: Family, features: Features, maxOffset: number): Searched | undefined {
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
  return { family, theta: best.theta, coefficients: [...solved.coefficients], rmsShare: Math.sqrt(solved.mse), fitRmsShare: Math.sqrt(solved.mse), objective };
}

/** Nelder–Mead over the parameters not frozen, from `theta`. */
export function refine(theta: number[], frozen: ReadonlySet<number>, objective: (t: Theta) => number, family: Family): number[] {
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
export function polish(theta: number[], integer: readonly boolean[], objective: (t: Theta) => number, passes = 6): number[] {
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

function clamp(x: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, x));
}

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
  /** The runner-up seeds, for more descents if the family turns out to be a contender. */
  otherSeeds: number[][];
}

/** Simplex evaluations for a first look at every family, and for the contenders' closer look. */
const FIRST_LOOK = 100;
const CLOSER_LOOK = 250;

/** Coarse seeds from the log's shape, the best one refined briefly by Nelder–Mead over continuous parameters. */
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
  const refined = descend(family, (t) => objective.objective(t), finite[0].theta, FIRST_LOOK);
  const best = refined.value < finite[0].value ? refined : { x: finite[0].theta, value: finite[0].value };
  return settle(family, objective, best.x, finite.slice(1, 3).map((seed) => seed.theta));
}

/** A contender's closer look: longer descents from where the first look ended and from the runner-up seeds. */
export function lookCloser(searched: Searched): Searched {
  const { family, objective } = searched;
  let best = descend(family, (t) => objective.objective(t), searched.theta, CLOSER_LOOK);
  for (const seed of searched.otherSeeds) {
    const other = descend(family, (t) => objective.objective(t), seed, CLOSER_LOOK);
    if (other.value < best.value) best = other;
  }
  return best.value < objective.objective(searched.theta) ? (settle(family, objective, best.x) ?? searched) : searched;
}

function descend(family: Family, objective: (t: Theta) => number, theta: number[], evaluations: number): { x: number[]; value: number } {
  return nelderMead(objective, theta, theta.map((v, i) => stepSize(family, i, v)), evaluations);
}

function settle(family: Family, objective: ReturnType<typeof familyObjective>, theta: number[], otherSeeds: number[][] = []): Searched | undefined {
  const solved = objective.solve(theta);
  if (solved === undefined) return undefined;
  const rmsShare = Math.sqrt(solved.mse);
  return { family, theta, coefficients: [...solved.coefficients], rmsShare, fitRmsShare: rmsShare, objective, otherSeeds };
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

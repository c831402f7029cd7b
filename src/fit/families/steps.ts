import { n, specOf, warmupParams, type Family } from './family.js';


/** Multiply by gamma every step_size steps after the warmup (StepLR). */
export const stepFamily: Family = {
  name: 'step',
  complexity: 2,
  shapeParams: [
    { name: 'step_size', integer: true, tidy: 'steps' },
    { name: 'gamma', integer: false, tidy: 'factor' },
  ],
  hasFloor: false,
  starts(features, warmup) {
    if (features.drops.length === 0) return [];
    const at = features.drops.map((d) => d.at - warmup);
    const gaps = at.map((a, k) => (k === 0 ? a : a - at[k - 1]));
    const ratio = median(features.drops.map((d) => d.ratio));
    return [...new Set([at[0], median(gaps)])].map((size) => [Math.max(1, size), ratio]);
  },
  valid: ([size, gamma]) => size >= 1 && gamma > 0 && gamma < 1,
  body(ts, from, warmup, shape, peak, floor) {
    for (let i = from; i < ts.length; i++) peak[i] = shape[1] ** Math.floor((ts[i] - warmup) / shape[0]);
    floor.fill(0, from);
  },
  render: (f) => ({
    spec: specOf('step', { lr: f.peak, step_size: f.shape[0], gamma: f.shape[1], ...warmupParams(f) }),
    torch: f.warmup === 0 ? `StepLR(optimizer, step_size=${f.shape[0]}, gamma=${n(f.shape[1])})  # optimizer lr=${n(f.peak)}` : undefined,
  }),
};

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/**
 * Multiply by gamma at each of `count` milestones (MultiStepLR). Where exactly a milestone lies between two
 * logged points no log can tell: the round number in that gap is reported.
 */
function multistepFamily(count: number): Family {
  return {
    name: 'multistep',
    complexity: 3,
    shapeParams: [...Array.from({ length: count }, (_, k) => ({ name: `milestone_${k + 1}`, integer: true, tidy: 'steps' as const })), { name: 'gamma', integer: false, tidy: 'factor' }],
    hasFloor: false,
    starts(features, warmup) {
      if (features.drops.length !== count) return [];
      return [[...features.drops.map((d) => d.at - warmup), median(features.drops.map((d) => d.ratio))]];
    },
    valid(shape) {
      const gamma = shape[count];
      if (!(gamma > 0 && gamma < 1)) return false;
      for (let k = 0; k < count; k++) if (!(shape[k] >= 1) || (k > 0 && shape[k] <= shape[k - 1])) return false;
      return true;
    },
    body(ts, from, warmup, shape, peak, floor) {
      let passed = 0;
      for (let i = from; i < ts.length; i++) {
        while (passed < count && ts[i] - warmup >= shape[passed]) passed++;
        peak[i] = shape[count] ** passed;
      }
      floor.fill(0, from);
    },
    render(f) {
      // lrviz's step milestones count from the end of the warmup, like the decay they belong to.
      const milestones = f.shape.slice(0, count);
      const gamma = f.shape[count];
      return {
        spec: specOf('step', { lr: f.peak, milestones, gamma, ...warmupParams(f) }),
        torch: f.warmup === 0 ? `MultiStepLR(optimizer, milestones=${JSON.stringify(milestones)}, gamma=${n(gamma)})  # optimizer lr=${n(f.peak)}` : undefined,
      };
    },
  };
}

/** Two to five milestones: one is a StepLR with that step size. */
export const multistepFamilies = [2, 3, 4, 5].map(multistepFamily);

import { keptStepBlocks, type Curve } from '../curve/curve.js';
import { comparedEvery } from './sampled-steps.js';

/** The numbers that tell two schedules apart at a glance. Steps are 0-based update indices. */
export interface CurveStats {
  readonly label: string;
  readonly steps: number;
  readonly peak: number;
  readonly peakStep: number;
  readonly final: number;
  readonly min: number;
  readonly minStep: number;
  readonly mean: number;
  /** Sum of the learning rate over every step: the "lr budget" a run spends. */
  readonly area: number;
  /** Steps whose learning rate is above half the peak. */
  readonly stepsAboveHalfPeak: number;
  /**
   * Present when the curve was too long to compare step by step: the distance between the steps that were
   * (see sampled-steps.ts). Peak and min are then those of these steps, area and counts weigh each by it.
   */
  readonly comparedEvery?: number;
}

/** Two passes over the curve (the second needs the peak), O(chunk) memory; over every k-th step past COMPARED_STEPS. */
export function curveStats(curve: Curve): CurveStats {
  const every = comparedEvery(curve.steps);
  // The last compared step stands for the steps up to the end, which may be fewer than `every`.
  const weight = (step: number): number => Math.min(every, curve.steps - step);
  let peak = -Infinity;
  let peakStep = 0;
  let min = Infinity;
  let minStep = 0;
  let area = 0;
  let compensation = 0;
  for (const { start, values: [values] } of keptStepBlocks([curve], every)) {
    for (let j = 0; j < values.length; j++) {
      const v = values[j];
      const step = start + j * every;
      if (v > peak) {
        peak = v;
        peakStep = step;
      }
      if (v < min) {
        min = v;
        minStep = step;
      }
      // Kahan summation: a million small rates added one by one would lose digits.
      const y = v * (every === 1 ? 1 : weight(step)) - compensation;
      const t = area + y;
      compensation = t - area - y;
      area = t;
    }
  }
  let above = 0;
  const half = peak / 2;
  for (const { start, values: [values] } of keptStepBlocks([curve], every)) {
    for (let j = 0; j < values.length; j++) if (values[j] > half) above += every === 1 ? 1 : weight(start + j * every);
  }
  const last = new Float64Array(1);
  if (curve.steps > 0) curve.fill(curve.steps - 1, last);
  const stats = { label: curve.label, steps: curve.steps, peak, peakStep, final: curve.steps > 0 ? last[0] : NaN, min, minStep, mean: area / curve.steps, area, stepsAboveHalfPeak: above };
  return every === 1 ? stats : { ...stats, comparedEvery: every };
}

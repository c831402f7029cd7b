import { forEachChunk, type Curve } from '../curve/curve.js';

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
}

/** Two passes over the curve (the second needs the peak), O(chunk) memory. */
export function curveStats(curve: Curve): CurveStats {
  let peak = -Infinity;
  let peakStep = 0;
  let min = Infinity;
  let minStep = 0;
  let area = 0;
  let compensation = 0;
  forEachChunk(curve, (start, values) => {
    for (let j = 0; j < values.length; j++) {
      const v = values[j];
      if (v > peak) {
        peak = v;
        peakStep = start + j;
      }
      if (v < min) {
        min = v;
        minStep = start + j;
      }
      // Kahan summation: a million small rates added one by one would lose digits.
      const y = v - compensation;
      const t = area + y;
      compensation = t - area - y;
      area = t;
    }
  });
  let above = 0;
  const half = peak / 2;
  let final = NaN;
  forEachChunk(curve, (_start, values) => {
    for (let j = 0; j < values.length; j++) if (values[j] > half) above++;
    if (values.length > 0) final = values[values.length - 1];
  });
  return { label: curve.label, steps: curve.steps, peak, peakStep, final, min, minStep, mean: area / curve.steps, area, stepsAboveHalfPeak: above };
}

import { n, type Family } from './family.js';

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
  body(t, warmup, shape, out) {
    out[0] = shape[1] ** Math.floor((t - warmup) / shape[0]);
    out[1] = 0;
  },
  render: (f) => ({
    spec: `step:lr=${n(f.peak)},step_size=${f.shape[0]},gamma=${n(f.shape[1])}${f.warmup > 0 ? `,warmup=${f.warmup}` : ''}${f.warmup > 0 && f.start > 0 ? `,start_lr=${n(f.start)}` : ''}`,
    torch: f.warmup === 0 ? `StepLR(optimizer, step_size=${f.shape[0]}, gamma=${n(f.shape[1])})  # optimizer lr=${n(f.peak)}` : undefined,
  }),
};

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

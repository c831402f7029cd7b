import { logGrid } from '../features.js';
import { n, specOf, warmupParams, type Family } from './family.js';


/** The learning rate holds its peak after the warmup. */
export const constantFamily: Family = {
  name: 'constant',
  complexity: 0,
  shapeParams: [],
  hasFloor: false,
  starts: () => [[]],
  valid: () => true,
  body(_ts, from, _warmup, _shape, peak, floor) {
    peak.fill(1, from);
    floor.fill(0, from);
  },
  render: (f) =>
    f.warmup === 0
      ? { spec: specOf('constant', { lr: f.peak }), hf: `get_constant_schedule(optimizer)  # optimizer lr=${n(f.peak)}`, torch: `no scheduler: optimizer lr=${n(f.peak)}` }
      : {
          spec: specOf('warmup', { lr: f.peak, ...warmupParams(f) }),
          hf: f.start === 0 ? `get_constant_schedule_with_warmup(optimizer, num_warmup_steps=${f.warmup})  # optimizer lr=${n(f.peak)}` : undefined,
          torch: f.start > 0 ? `LinearLR(optimizer, start_factor=${n(f.start / f.peak)}, total_iters=${f.warmup})  # optimizer lr=${n(f.peak)}` : undefined,
        },
};

/** Smooth exponential decay, parametrised by its half-life in steps. */
export const exponentialFamily: Family = {
  name: 'exponential',
  complexity: 1,
  shapeParams: [{ name: 'half_life', integer: false, tidy: 'steps' }],
  hasFloor: false,
  starts: (features, warmup) => logGrid(Math.max(1, (features.last - warmup) * 0.05), Math.max(2, (features.last - warmup) * 20), 20).map((h) => [h]),
  valid: ([halfLife]) => halfLife > 0,
  body(ts, from, warmup, shape, peak, floor) {
    for (let i = from; i < ts.length; i++) peak[i] = 2 ** (-(ts[i] - warmup) / shape[0]);
    floor.fill(0, from);
  },
  render: (f) => ({
    spec: specOf('exponential', { lr: f.peak, decay_rate: 0.5, decay_steps: f.shape[0], ...warmupParams(f) }),
    torch: f.warmup === 0 ? `ExponentialLR(optimizer, gamma=${n(0.5 ** (1 / f.shape[0]))})  # optimizer lr=${n(f.peak)}` : undefined,
  }),
};

/** The Transformer decay: peak * sqrt(timescale / (steps after warmup + timescale)). */
export const inverseSqrtFamily: Family = {
  name: 'inverse-sqrt',
  complexity: 1,
  shapeParams: [{ name: 'timescale', integer: false, tidy: 'steps' }],
  hasFloor: false,
  starts: (features, warmup) => logGrid(Math.max(1, (features.last - warmup) * 0.01), Math.max(2, (features.last - warmup) * 10), 20).map((s) => [s]),
  valid: ([timescale]) => timescale > 0,
  body(ts, from, warmup, shape, peak, floor) {
    for (let i = from; i < ts.length; i++) peak[i] = Math.sqrt(shape[0] / (ts[i] - warmup + shape[0]));
    floor.fill(0, from);
  },
  render: (f) => ({
    spec: specOf('inverse-sqrt', { lr: f.peak, warmup: f.warmup, timescale: f.shape[0], start_lr: warmupParams(f).start_lr }),
    hf: f.start === 0 ? `get_inverse_sqrt_schedule(optimizer, num_warmup_steps=${f.warmup}, timescale=${n(f.shape[0])})  # optimizer lr=${n(f.peak)}` : undefined,
  }),
};

import { logGrid, type Features } from '../features.js';
import { n, specOf, unlessZero, type Family, type FittedSchedule, type Rendition } from './family.js';

/** Horizons to try: from a fifth of the logged decay to twenty times it (logs often stop early). */
function horizonStarts(features: Features, warmup: number): number[][] {
  const logged = Math.max(2, features.last - warmup);
  return logGrid(Math.max(2, logged * 0.2), logged * 20, 20).map((d) => [warmup + d]);
}

type Shape = 'linear' | 'cosine' | '1-sqrt';

/**
 * The easings of ../../schedules/shapes/easing.ts, by name. The fitter evaluates them hundreds of thousands
 * of times through one call site; a closure there would not be inlined, and every number it returned would
 * be boxed on the heap. A switch on a constant string is inlined and allocates nothing.
 */
function ease(shape: Shape, t: number): number {
  return shape === 'linear' ? 1 - t : shape === 'cosine' ? (1 + Math.cos(Math.PI * t)) / 2 : 1 - Math.sqrt(t);
}

/** A warmup then a decay from peak to floor that ends at `total` and holds there. */
function decayFamily(name: string, easing: Shape, spec: (f: FittedSchedule, total: number) => Rendition): Family {
  return {
    name,
    complexity: 1,
    shapeParams: [{ name: 'total', integer: true, tidy: 'steps' }],
    hasFloor: true,
    starts: horizonStarts,
    valid: ([total], warmup) => total >= warmup + 1,
    body(ts, from, warmup, shape, peak, floor) {
      for (let i = from; i < ts.length; i++) {
        const progress = (ts[i] - warmup) / (shape[0] - warmup);
        const g = progress >= 1 ? 0 : ease(easing, progress);
        peak[i] = g;
        floor[i] = 1 - g;
      }
    },
    horizon: (_warmup, [total]) => total,
    render: (f) => spec(f, f.shape[0]),
  };
}

export const linearFamily = decayFamily('linear', 'linear', (f, total) => {
  const { peak, start, floor, warmup } = f;
  return {
    spec: specOf('linear', { lr: peak, warmup, total, start_lr: unlessZero(start), min_lr: unlessZero(floor) }),
    hf: start === 0 && floor === 0 ? `get_linear_schedule_with_warmup(optimizer, num_warmup_steps=${warmup}, num_training_steps=${total})  # optimizer lr=${n(peak)}` : undefined,
    torch:
      warmup === 0
        ? `LinearLR(optimizer, start_factor=1.0, end_factor=${n(floor / peak)}, total_iters=${total})  # optimizer lr=${n(peak)}`
        : start > 0
          ? `SequentialLR(optimizer, [LinearLR(optimizer, start_factor=${n(start / peak)}, total_iters=${warmup}), LinearLR(optimizer, start_factor=1.0, end_factor=${n(floor / peak)}, total_iters=${total - warmup})], milestones=[${warmup}])  # optimizer lr=${n(peak)}`
          : undefined,
  };
});

export const cosineFamily = decayFamily('cosine', 'cosine', (f, total) => {
  const { peak, start, floor, warmup } = f;
  const spec =
    warmup === 0
      ? specOf('cosine', { lr: peak, total, min_lr: unlessZero(floor) })
      : specOf('cosine-warmup', { lr: peak, warmup, total, start_lr: unlessZero(start), min_lr: unlessZero(floor) });
  return {
    spec,
    hf:
      start === 0
        ? floor === 0
          ? `get_cosine_schedule_with_warmup(optimizer, num_warmup_steps=${warmup}, num_training_steps=${total})  # optimizer lr=${n(peak)}`
          : `get_cosine_with_min_lr_schedule_with_warmup(optimizer, num_warmup_steps=${warmup}, num_training_steps=${total}, min_lr=${n(floor)})  # optimizer lr=${n(peak)}`
        : undefined,
    torch:
      warmup === 0
        ? `CosineAnnealingLR(optimizer, T_max=${total}, eta_min=${n(floor)})  # optimizer lr=${n(peak)}`
        : start > 0
          ? `SequentialLR(optimizer, [LinearLR(optimizer, start_factor=${n(start / peak)}, total_iters=${warmup}), CosineAnnealingLR(optimizer, T_max=${total - warmup}, eta_min=${n(floor)})], milestones=[${warmup}])  # optimizer lr=${n(peak)}`
          : undefined,
  };
});

/** Warmup-stable-decay: hold the peak, then decay over the last `decay` steps before `total`. */
function wsdFamily(decayType: Shape): Family {
  return {
    name: `warmup-stable-decay (${decayType})`,
    complexity: 2,
    shapeParams: [
      { name: 'total', integer: true, tidy: 'steps' },
      { name: 'decay', integer: true, tidy: 'steps' },
    ],
    hasFloor: true,
    starts(features, warmup) {
      const decayStart = Math.max(warmup, features.plateauEnd);
      if (decayStart >= features.last) return [];
      const logged = features.last - decayStart;
      return logGrid(Math.max(2, logged * 0.5), logged * 10, 16).map((d) => [decayStart + d, d]);
    },
    // A stable phase the log cannot see is no stable phase: then it is the plain decay, a simpler family.
    valid: ([total, decay], warmup, features) => decay >= 1 && total - decay - warmup >= Math.max(2 * features.gap, 0.02 * total),
    body(ts, from, _warmup, shape, peak, floor) {
      const decay = shape[1];
      for (let i = from; i < ts.length; i++) {
        const progress = (ts[i] - (shape[0] - decay)) / decay;
        const g = progress <= 0 ? 1 : progress >= 1 ? 0 : ease(decayType, progress);
        peak[i] = g;
        floor[i] = 1 - g;
      }
    },
    horizon: (_warmup, [total]) => total,
    render({ peak, start, floor, warmup, shape: [total, decay] }) {
      return {
        spec: specOf('wsd', { lr: peak, warmup, decay, total, decay_type: decayType, start_lr: unlessZero(start), min_lr: unlessZero(floor) }),
        hf:
          start === 0
            ? `get_wsd_schedule(optimizer, num_warmup_steps=${warmup}, num_stable_steps=${total - warmup - decay}, num_decay_steps=${decay}, decay_type="${decayType}", min_lr_ratio=${n(floor / peak)})  # optimizer lr=${n(peak)}`
            : undefined,
      };
    },
  };
}

export const wsdFamilies = (['linear', 'cosine', '1-sqrt'] as const).map(wsdFamily);

/** (1 - progress)^power from peak to floor (HF polynomial, lrviz polynomial); power 1 is linear, a simpler family. */
export const polynomialFamily: Family = {
  name: 'polynomial',
  complexity: 2,
  shapeParams: [
    { name: 'total', integer: true, tidy: 'steps' },
    { name: 'power', integer: false, tidy: 'factor' },
  ],
  hasFloor: true,
  starts: (features, warmup) => horizonStarts(features, warmup).filter((_, k) => k % 2 === 0).flatMap(([total]) => [0.5, 2].map((power) => [total, power])),
  valid: ([total, power], warmup) => total >= warmup + 1 && power > 0.05 && power < 20,
  body(ts, from, warmup, shape, peak, floor) {
    for (let i = from; i < ts.length; i++) {
      const progress = (ts[i] - warmup) / (shape[0] - warmup);
      const g = progress >= 1 ? 0 : (1 - progress) ** shape[1];
      peak[i] = g;
      floor[i] = 1 - g;
    }
  },
  horizon: (_warmup, [total]) => total,
  render: ({ peak, start, floor, warmup, shape: [total, power] }) => ({
    spec: specOf('polynomial', { lr: peak, power, warmup, total, start_lr: unlessZero(start), min_lr: unlessZero(floor) }),
    hf:
      start === 0
        ? `get_polynomial_decay_schedule_with_warmup(optimizer, num_warmup_steps=${warmup}, num_training_steps=${total}, lr_end=${n(floor)}, power=${n(power)})  # optimizer lr=${n(peak)}`
        : undefined,
  }),
};

/**
 * One cycle (fastai, torch OneCycleLR): a half-cosine rise from lr/div_factor to lr over pct_start of the
 * run, then a cosine down to lr/(div_factor * final_div_factor).
 */
export const oneCycleFamily: Family = {
  ...cosineFamily,
  name: 'one-cycle',
  complexity: 2,
  warmupShape: 'cosine',
  keepsFloor: true,
  render: ({ peak, start, floor, warmup, shape: [total] }) => {
    const pct = warmup / total;
    const divFactor = start > 0 ? peak / start : 25;
    const finalDiv = floor > 0 && start > 0 ? start / floor : undefined;
    return {
      spec: specOf('one-cycle', { lr: peak, total, pct_start: pct, div_factor: divFactor, final_div_factor: finalDiv }),
      // torch ends the rise at pct_start * total_steps - 1 and the decay at total_steps - 1: one step earlier.
      torch: `OneCycleLR(optimizer, max_lr=${n(peak)}, total_steps=${total + 1}, pct_start=${n((warmup + 1) / (total + 1))}, div_factor=${n(divFactor)}${finalDiv === undefined ? '' : `, final_div_factor=${n(finalDiv)}`})`,
    };
  },
};

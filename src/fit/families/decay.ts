import { cosineEasing, linearEasing, polynomialEasing, type Easing } from '../../schedules/shapes/easing.js';
import { logGrid, type Features } from '../features.js';
import { n, type Family, type FittedSchedule, type Rendition } from './family.js';

/** Horizons to try: from a fifth of the logged decay to twenty times it (logs often stop early). */
function horizonStarts(features: Features, warmup: number): number[][] {
  const logged = Math.max(2, features.last - warmup);
  return logGrid(Math.max(2, logged * 0.2), logged * 20, 20).map((d) => [warmup + d]);
}

function optional(name: string, value: number): string {
  return value === 0 ? '' : `,${name}=${n(value)}`;
}

/** A warmup then a decay from peak to floor that ends at `total` and holds there. */
function decayFamily(name: string, easing: Easing, spec: (f: FittedSchedule, total: number) => Rendition): Family {
  return {
    name,
    complexity: 1,
    shapeParams: [{ name: 'total', integer: true, tidy: 'steps' }],
    hasFloor: true,
    starts: horizonStarts,
    valid: ([total], warmup) => total >= warmup + 1,
    body(t, warmup, shape, out) {
      const progress = (t - warmup) / (shape[0] - warmup);
      const g = progress >= 1 ? 0 : easing(progress);
      out[0] = g;
      out[1] = 1 - g;
    },
    horizon: (_warmup, [total]) => total,
    render: (f) => spec(f, f.shape[0]),
  };
}

export const linearFamily = decayFamily('linear', linearEasing, (f, total) => {
  const { peak, start, floor, warmup } = f;
  return {
    spec: `linear:lr=${n(peak)},warmup=${warmup},total=${total}${optional('start_lr', start)}${optional('min_lr', floor)}`,
    hf: start === 0 && floor === 0 ? `get_linear_schedule_with_warmup(optimizer, num_warmup_steps=${warmup}, num_training_steps=${total})  # optimizer lr=${n(peak)}` : undefined,
    torch:
      warmup === 0
        ? `LinearLR(optimizer, start_factor=1.0, end_factor=${n(floor / peak)}, total_iters=${total})  # optimizer lr=${n(peak)}`
        : start > 0
          ? `SequentialLR(optimizer, [LinearLR(optimizer, start_factor=${n(start / peak)}, total_iters=${warmup}), LinearLR(optimizer, start_factor=1.0, end_factor=${n(floor / peak)}, total_iters=${total - warmup})], milestones=[${warmup}])  # optimizer lr=${n(peak)}`
          : undefined,
  };
});

export const cosineFamily = decayFamily('cosine', cosineEasing, (f, total) => {
  const { peak, start, floor, warmup } = f;
  const spec =
    warmup === 0
      ? `cosine:lr=${n(peak)},total=${total}${optional('min_lr', floor)}`
      : `cosine-warmup:lr=${n(peak)},warmup=${warmup},total=${total}${optional('start_lr', start)}${optional('min_lr', floor)}`;
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

const WSD_EASINGS: Record<string, Easing> = { linear: linearEasing, cosine: cosineEasing, '1-sqrt': (t) => 1 - Math.sqrt(t) };

/** Warmup-stable-decay: hold the peak, then decay over the last `decay` steps before `total`. */
function wsdFamily(decayType: keyof typeof WSD_EASINGS): Family {
  const easing = WSD_EASINGS[decayType];
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
    body(t, _warmup, shape, out) {
      const decay = shape[1];
      const progress = (t - (shape[0] - decay)) / decay;
      const g = progress <= 0 ? 1 : progress >= 1 ? 0 : easing(progress);
      out[0] = g;
      out[1] = 1 - g;
    },
    horizon: (_warmup, [total]) => total,
    render({ peak, start, floor, warmup, shape: [total, decay] }) {
      return {
        spec: `wsd:lr=${n(peak)},warmup=${warmup},decay=${decay},total=${total},decay_type=${decayType}${optional('start_lr', start)}${optional('min_lr', floor)}`,
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
  starts: (features, warmup) => horizonStarts(features, warmup).flatMap(([total]) => [0.5, 2, 3].map((power) => [total, power])),
  valid: ([total, power], warmup) => total >= warmup + 1 && power > 0.05 && power < 20,
  body(t, warmup, shape, out) {
    const progress = (t - warmup) / (shape[0] - warmup);
    const g = progress >= 1 ? 0 : (1 - progress) ** shape[1];
    out[0] = g;
    out[1] = 1 - g;
  },
  horizon: (_warmup, [total]) => total,
  render: ({ peak, start, floor, warmup, shape: [total, power] }) => ({
    spec: `polynomial:lr=${n(peak)},power=${n(power)},warmup=${warmup},total=${total}${optional('start_lr', start)}${optional('min_lr', floor)}`,
    hf:
      start === 0
        ? `get_polynomial_decay_schedule_with_warmup(optimizer, num_warmup_steps=${warmup}, num_training_steps=${total}, lr_end=${n(floor)}, power=${n(power)})  # optimizer lr=${n(peak)}`
        : undefined,
  }),
};

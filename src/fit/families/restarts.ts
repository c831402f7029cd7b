import { locateCycle } from '../../schedules/combinators/restarts.js';
import { n, type Family } from './family.js';

/** Cosine cycles (SGDR): cycle k lasts cycle * cycle_mult^k steps and peaks at peak * cycle_decay^k. */
export const restartsFamily: Family = {
  name: 'cosine with restarts',
  complexity: 3,
  shapeParams: [
    { name: 'cycle', integer: true, tidy: 'steps' },
    { name: 'cycle_mult', integer: false, tidy: 'factor' },
    { name: 'cycle_decay', integer: false, tidy: 'factor' },
  ],
  hasFloor: true,
  starts(features, warmup) {
    const rises = features.rises;
    if (rises.length === 0) return [];
    const first = rises[0].at - warmup;
    const mult = rises.length >= 2 ? Math.max(1, (rises[1].at - rises[0].at) / first) : 1;
    const decay = Math.min(1, rises[0].to);
    return [
      [first, mult, decay],
      [first, 1, 1],
      [first, Math.round(mult), 1],
    ];
  },
  valid: ([cycle, mult, decay]) => cycle >= 1 && mult >= 1 && mult <= 8 && decay > 0 && decay <= 1,
  body(ts, from, warmup, shape, peak, floor) {
    for (let i = from; i < ts.length; i++) {
      const { k, start, length } = locateCycle(shape[0], shape[1], ts[i] - warmup);
      const c = (1 + Math.cos((Math.PI * (ts[i] - warmup - start)) / length)) / 2;
      peak[i] = shape[2] ** k * c;
      floor[i] = 1 - c;
    }
  },
  render: (f) => {
    const [cycle, mult, decay] = f.shape;
    return {
      spec: `cosine-restarts:lr=${n(f.peak)},cycle=${cycle},cycle_mult=${n(mult)},cycle_decay=${n(decay)}${f.floor > 0 ? `,min_lr=${n(f.floor)}` : ''}${f.warmup > 0 ? `,warmup=${f.warmup}` : ''}${f.warmup > 0 && f.start > 0 ? `,start_lr=${n(f.start)}` : ''}`,
      torch:
        f.warmup === 0 && decay === 1 && Number.isInteger(mult)
          ? `CosineAnnealingWarmRestarts(optimizer, T_0=${cycle}, T_mult=${mult}, eta_min=${n(f.floor)})  # optimizer lr=${n(f.peak)}`
          : undefined,
    };
  },
};

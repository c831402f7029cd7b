import { locateCycle } from '../../schedules/combinators/restarts.js';
import { n, specOf, warmupParams, type Family } from './family.js';

/** Cosine cycles (SGDR): cycle k lasts cycle * cycle_mult^k steps and peaks at peak * cycle_decay^k. */
export const restartsFamily: Family = {
  name: 'cosine with restarts',
  complexity: 3,
  shapeParams: [
    // Not whole steps: HF's hard restarts split num_training_steps - warmup into num_cycles equal parts.
    { name: 'cycle', integer: false, tidy: 'steps' },
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
    // Equal cycles are best measured between restarts: each restart is only known within a logging gap,
    // and the span of several cycles divides that error among them.
    const equal = rises.length >= 2 ? (rises[rises.length - 1].at - rises[0].at) / (rises.length - 1) : first;
    // Each restart is only known within a logging gap, and the fit is rough in the cycle length (a restart
    // jumps from one logged point to the next): seed across the gap rather than trust a simplex to cross it.
    const across = (cycle: number): number[] => Array.from({ length: 9 }, (_, k) => cycle + ((k - 4) * features.gap) / 4);
    return [
      ...across(first).map((cycle) => [cycle, mult, decay]),
      ...across(equal).map((cycle) => [cycle, 1, 1]),
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
  render: (f, lastStep) => {
    const [fittedCycle, mult, decay] = f.shape;
    // HF's hard restarts: num_cycles equal cycles filling num_training_steps after the warmup. When the
    // fitted cycles fill a whole number of steps (within one), say so, in HF's terms and in ours.
    // A log may hold the update at max_steps itself: a sliver past the last full cycle is not a new one.
    const cycles = Math.max(1, Math.ceil((lastStep - f.warmup) / fittedCycle - 0.02));
    const total = Math.round(f.warmup + cycles * fittedCycle);
    const equalCycles = mult === 1 && decay === 1 && Math.abs(f.warmup + cycles * fittedCycle - total) <= 1;
    const cycle = equalCycles ? (total - f.warmup) / cycles : fittedCycle;
    return {
      spec: specOf('cosine-restarts', {
        lr: f.peak,
        cycle,
        cycle_mult: mult,
        cycle_decay: decay,
        min_lr: f.floor > 0 ? f.floor : undefined,
        ...warmupParams(f),
      }),
      hf:
        equalCycles && f.floor === 0 && f.start === 0
          ? `get_cosine_with_hard_restarts_schedule_with_warmup(optimizer, num_warmup_steps=${f.warmup}, num_training_steps=${total}, num_cycles=${cycles})  # optimizer lr=${n(f.peak)}`
          : undefined,
      torch:
        f.warmup === 0 && decay === 1 && Number.isInteger(mult) && Number.isInteger(cycle)
          ? `CosineAnnealingWarmRestarts(optimizer, T_0=${cycle}, T_mult=${mult}, eta_min=${n(f.floor)})  # optimizer lr=${n(f.peak)}`
          : undefined,
    };
  },
};

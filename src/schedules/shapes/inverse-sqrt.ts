import { extremesAt, schedule, type Schedule } from '../schedule.js';

/**
 * lr(i) = peak * sqrt(timescale / (i + offset)) once i + offset >= timescale, peak before: the
 * "Attention is all you need" decay, usually preceded by a warmup of `timescale` steps.
 */
export function inverseSqrt(peak: number, timescale: number, offset = 0): Schedule {
  const lr = (i: number) => {
    const t = i + offset;
    return t <= timescale ? peak : peak * Math.sqrt(timescale / t);
  };
  // Flat, then decaying: one way only, so the extremes of a stretch are at its ends.
  return schedule(lr, undefined, undefined, (start, end) => (timescale > 0 && end > start ? extremesAt(lr, [start, end - 1]) : undefined));
}

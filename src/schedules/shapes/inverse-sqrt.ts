import { schedule, type Schedule } from '../schedule.js';

/**
 * lr(i) = peak * sqrt(timescale / (i + offset)) once i + offset >= timescale, peak before: the
 * "Attention is all you need" decay, usually preceded by a warmup of `timescale` steps.
 */
export function inverseSqrt(peak: number, timescale: number, offset = 0): Schedule {
  return schedule((i) => {
    const t = i + offset;
    return t <= timescale ? peak : peak * Math.sqrt(timescale / t);
  });
}

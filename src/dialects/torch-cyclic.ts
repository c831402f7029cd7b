import { schedule, type Schedule } from '../schedules/schedule.js';

export type CyclicMode = 'triangular' | 'triangular2' | 'exp_range';

export interface CyclicOptions {
  baseLr: number;
  maxLr: number;
  stepSizeUp: number;
  stepSizeDown: number;
  mode: CyclicMode;
  gamma: number;
}

/**
 * torch's CyclicLR triangle wave as `get_lr` computes it (torch/optim/lr_scheduler.py, CyclicLR.get_lr,
 * 1.13.1): the position in the cycle is `1 + t/total_size - cycle`, a float fraction rather than whole
 * steps, so half-steps (step sizes that do not divide evenly) land where torch puts them. The amplitude
 * above base_lr is scaled per cycle (triangular, triangular2) or per iteration (exp_range: gamma^t).
 */
export function cyclic({ baseLr, maxLr, stepSizeUp, stepSizeDown, mode, gamma }: CyclicOptions): Schedule {
  const totalSize = stepSizeUp + stepSizeDown;
  const stepRatio = stepSizeUp / totalSize;
  const amplitude = (cycle: number, t: number): number =>
    mode === 'triangular' ? 1 : mode === 'triangular2' ? 1 / 2 ** (cycle - 1) : gamma ** t;
  return schedule((t) => {
    const cycle = Math.floor(1 + t / totalSize);
    const x = 1 + t / totalSize - cycle;
    const rising = x <= stepRatio ? x / stepRatio : (x - 1) / (stepRatio - 1);
    return baseLr + (maxLr - baseLr) * rising * amplitude(cycle, t);
  });
}

import { schedule, type Schedule } from '../schedules/schedule.js';

export type CyclicMode = 'triangular' | 'triangular2' | 'exp_range';

export interface CyclicOptions {
  baseLr: number;
  maxLr: number;
  stepSizeUp: number;
  stepSizeDown: number;
  mode: CyclicMode;
  gamma: number;
  /**
   * Which cycle step t is in, counted from 1. torch: floor(1 + t / size). paddle's CyclicLR writes
   * `1 + t // size` with a float size: Python's float floor division, which can differ by one right below
   * a multiple of the size.
   */
  cycleOf?: (t: number, size: number) => number;
}

/**
 * The cyclical learning rate's triangle wave, which torch's CyclicLR and paddle's CyclicLR both draw,
 * exactly as torch's `get_lr` computes it (torch/optim/lr_scheduler.py, CyclicLR.get_lr, 1.13.1): the
 * position in the cycle is `1 + t/total_size - cycle`, a float fraction rather than whole steps, so half-steps (step sizes that do not divide evenly) land where torch puts them. The amplitude
 * above base_lr is scaled per cycle (triangular, triangular2) or per iteration (exp_range: gamma^t).
 */
export function cyclic({ baseLr, maxLr, stepSizeUp, stepSizeDown, mode, gamma, cycleOf = (t, size) => Math.floor(1 + t / size) }: CyclicOptions): Schedule {
  const totalSize = stepSizeUp + stepSizeDown;
  const stepRatio = stepSizeUp / totalSize;
  const amplitude = (cycle: number, t: number): number =>
    mode === 'triangular' ? 1 : mode === 'triangular2' ? 1 / 2 ** (cycle - 1) : gamma ** t;
  return schedule((t) => {
    const cycle = cycleOf(t, totalSize);
    const x = 1 + t / totalSize - cycle;
    const rising = x <= stepRatio ? x / stepRatio : (x - 1) / (stepRatio - 1);
    return baseLr + (maxLr - baseLr) * rising * amplitude(cycle, t);
  });
}

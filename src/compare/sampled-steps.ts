/**
 * Steps compare computes one by one, at most, per curve. Up to here every step counts (the numbers are exact);
 * past it every k-th step does, k = ceil(steps / COMPARED_STEPS), so that comparing 1e10 steps costs what
 * comparing 1e6 does (bench: within 2x), and the tables say so.
 */
export const COMPARED_STEPS = 1 << 20;

/** 1 when every step is compared; otherwise the distance between compared steps. */
export function comparedEvery(steps: number): number {
  return Math.max(1, Math.ceil(steps / COMPARED_STEPS));
}

// lrviz's default `cosine-warmup` over `steps` steps, written out by hand: a linear warmup over the first
// tenth, then half a cosine from 1e-3 to 0. The floor and the checker compute the same doubles with it,
// in the same order of operations as lrviz's shapes, so that their CSV can be compared byte for byte.
export const PEAK = 1e-3;

export function warmupOf(steps) {
  return Math.round(steps / 10);
}

export function cosineWarmupLr(i, steps, warmup = warmupOf(steps)) {
  if (i < warmup) return PEAK + (0 - PEAK) * (1 - i / warmup);
  const decay = steps - warmup;
  const t = i - warmup;
  const value = t >= decay ? 0 : 0 + (PEAK - 0) * ((1 + Math.cos(Math.PI * (t / decay))) / 2);
  return value === 0 ? 0 : value;
}

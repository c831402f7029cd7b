/** Step counts for axes: 500, 2k, 2.5k, 25k, 1.5M. */
export function stepLabel(step: number): string {
  if (step >= 1e6) return `${+(step / 1e6).toPrecision(3)}M`;
  if (step >= 1e3) return `${+(step / 1e3).toPrecision(3)}k`;
  return String(Math.round(step));
}

/** A round tick spacing (1, 2, 2.5 or 5 times a power of ten) near `rough`. */
export function niceStep(rough: number): number {
  if (!(rough > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(rough));
  const fraction = rough / power;
  const nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 2.5 ? 2.5 : fraction <= 5 ? 5 : 10;
  return Math.max(1, nice * power);
}

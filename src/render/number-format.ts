import { trimExponential } from '../text/numbers.js';

/**
 * Labels for learning rates: small rates in scientific notation (3e-4, 1.25e-5) so that they never read
 * as 0.00, larger ones in plain decimals, with as many digits as the spacing between labels needs.
 */
export function lrLabelFormatter(low: number, high: number, labels: number): (value: number) => string {
  const magnitude = Math.max(Math.abs(low), Math.abs(high));
  const spacing = labels > 1 ? Math.abs(high - low) / (labels - 1) : magnitude;
  if (magnitude !== 0 && (magnitude < 1e-2 || magnitude >= 1e5)) {
    // Enough significant digits that neighbouring labels differ.
    const digits = clamp(Math.ceil(Math.log10(magnitude / (spacing || magnitude))) + 1, 1, 6);
    return (value) => (value === 0 ? '0' : trimExponential(value.toExponential(digits - 1)));
  }
  const decimals = spacing > 0 ? clamp(Math.ceil(-Math.log10(spacing)) + 1, 0, 10) : 3;
  return (value) => trimFixed(value.toFixed(decimals));
}

/** "0.1000" -> "0.1"; keeps "0". */
function trimFixed(text: string): string {
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}

function clamp(x: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, x));
}

/** Step counts for axes: 2500, 25k, 1.5M. */
export function stepLabel(step: number): string {
  if (step >= 1e6) return `${+(step / 1e6).toPrecision(3)}M`;
  if (step >= 1e4) return `${+(step / 1e3).toPrecision(3)}k`;
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

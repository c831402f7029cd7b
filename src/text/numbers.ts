/**
 * Numbers for people, in the words of every report (check, compare, fit) and chart: counts with
 * thousands separators, learning rates in three significant digits, shares in percent.
 */

/** "3.00e-4" -> "3e-4", "1.50e-5" -> "1.5e-5". */
export function trimExponential(text: string): string {
  return text.replace(/\.?0+e/, 'e').replace('e+', 'e');
}

/**
 * A step count for people: 7,820. Grouped here rather than by Number#toLocaleString, whose first call
 * loads ICU's locale data: 35 ms, a fifth of a `plot --config` run. Written out in full as en-US writes
 * it, 1e21 and beyond too: the shortest digits that read back as the number, then zeros.
 */
export function count(n: number): string {
  if (!Number.isInteger(n)) return String(+n.toPrecision(4));
  const [mantissa, exponent] = Math.abs(n).toExponential().split('e');
  const digits = mantissa.replace('.', '').padEnd(Number(exponent) + 1, '0');
  return `${n < 0 || Object.is(n, -0) ? '-' : ''}${digits.replace(/\B(?=(\d{3})+$)/g, ',')}`;
}

/** A learning rate for people: 3 significant digits, no trailing zeros. */
export function rate(v: number): string {
  if (v === 0) return '0';
  const a = Math.abs(v);
  return a < 1e-3 || a >= 1e5 ? trimExponential(v.toExponential(2)) : String(+v.toPrecision(3));
}

/** A share for people: 12%, 0.49%, <0.001%. */
export function percent(fraction: number): string {
  const p = fraction * 100;
  if (p > 0 && p < 1e-3) return '<0.001%';
  return `${p >= 10 || p === 0 ? Math.round(p) : +p.toPrecision(2)}%`;
}

/** `word`, or its plural when there is not exactly one (of either sign: "-1 step"). */
export function plural(n: number, word: string): string {
  return Math.abs(n) === 1 ? word : `${word}s`;
}

/**
 * Natural log rounded correctly to the nearest double, as glibc's `log` (which Python's math.log calls)
 * gives it and V8's Math.log does not always: Math.log(3) is an ulp low. Slow (BigInt arithmetic), for the
 * rare places where one ulp moves a floor() across an integer.
 */

/** Fixed-point precision in bits: far beyond the 53 kept, so the final rounding is the only one that matters. */
const BITS = 160n;
const ONE = 1n << BITS;

/** atanh(s) for a fixed-point |s| <= 0.18 (so s^2 < 1/30 and each term gains ~5 bits). */
function atanh(s: bigint): bigint {
  const negative = s < 0n;
  const x = negative ? -s : s;
  const x2 = (x * x) >> BITS;
  let term = x;
  let sum = x;
  for (let k = 3n; term !== 0n; k += 2n) {
    term = (term * x2) >> BITS;
    sum += term / k;
  }
  return negative ? -sum : sum;
}

/** ln 2 = 2 atanh(1/3). */
const LN2 = 2n * atanh(ONE / 3n);

function bitLength(n: bigint): number {
  return n.toString(2).length;
}

export function exactLog(x: number): number {
  if (!(x > 0) || !Number.isFinite(x)) return Math.log(x);
  if (x === 1) return 0;
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  const biased = Number((bits >> 52n) & 0x7ffn);
  const fraction = bits & ((1n << 52n) - 1n);
  // x = mantissa * 2^exponent exactly.
  const mantissa = biased === 0 ? fraction : fraction | (1n << 52n);
  const exponent = biased === 0 ? -1074 : biased - 1075;
  // x = (mantissa / 2^shift) * 2^(exponent + shift), the first factor in [1/sqrt2, sqrt2).
  const n = bitLength(mantissa);
  const shift = mantissa * mantissa > 1n << BigInt(2 * n - 1) ? n : n - 1;
  const denominator = 1n << BigInt(shift);
  const s = ((mantissa - denominator) << BITS) / (mantissa + denominator);
  const fixed = 2n * atanh(s) + BigInt(exponent + shift) * LN2;
  // Number(bigint) rounds to nearest; dividing by a power of two is exact.
  return Number(fixed) / 2 ** Number(BITS);
}

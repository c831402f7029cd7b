/**
 * Math.cos(x) for large x at the cost of a small one. V8's Math.cos (fdlibm, v8/src/base/ieee754.cc) reduces
 * an argument past 2^20 pi/2 by a Payne-Hanek multiplication with 2/pi that costs about six times the cosine
 * itself (130 ns against 20 on the machine that set this up), and torch's recursive cosine at step 1e9
 * evaluates cos(pi * 1e9 / T_max), around 3e7, four times a step. Such an argument has
 * at most 50 bits of integer part, so the remainder x - n pi/2 is found in a few exact products instead:
 * pi/2 as three doubles, n times each split exactly (Dekker), the big terms cancelling exactly (Sterbenz),
 * the rest kept as a double-double good to about 1e-32. The remainder then goes through fdlibm's own kernels
 * (k_cos.c, k_sin.c: the ones V8 uses), so the result is the double Math.cos gives, save in cases where
 * the two reductions round the remainder's tail apart (a last-place difference at most; the test counts them).
 */

const TWO_OVER_PI = 0.6366197723675814;
const PI_OVER_4 = Math.PI / 4;
// pi/2 = PIO2_1 + PIO2_2 + PIO2_3 + (5.6e-50).
const PIO2_1 = 1.5707963267948966;
const PIO2_2 = 6.123233995736766e-17;
const PIO2_3 = -1.4973849048591698e-33;

/** Below this the engine's own reduction is fast (fdlibm's medium case); above FAST_UNTIL ours loses its exactness. */
const FAST_FROM = 2 ** 20;
const FAST_UNTIL = 2 ** 50;

/** Veltkamp's constant: splits a double into two halves whose products are exact. */
const SPLITTER = 2 ** 27 + 1;

function highHalf(a: number): number {
  const c = SPLITTER * a;
  return c - (c - a);
}

const PIO2_1_HIGH = highHalf(PIO2_1);
const PIO2_1_LOW = PIO2_1 - PIO2_1_HIGH;
const PIO2_2_HIGH = highHalf(PIO2_2);
const PIO2_2_LOW = PIO2_2 - PIO2_2_HIGH;

// fdlibm k_cos.c and k_sin.c coefficients.
const C1 = 4.16666666666666019037e-2;
const C2 = -1.38888888888741095749e-3;
const C3 = 2.48015872894767294178e-5;
const C4 = -2.75573143513906633035e-7;
const C5 = 2.08757232129817482790e-9;
const C6 = -1.13596475577881948265e-11;
const S1 = -1.66666666666666324348e-1;
const S2 = 8.33333333332248946124e-3;
const S3 = -1.98412698298579493134e-4;
const S4 = 2.75573137070700676789e-6;
const S5 = -2.50507602534068634195e-8;
const S6 = 1.58969099521155010221e-10;

/** The doubles whose high word (sign cleared) is the bound k_cos.c compares against, with a zero low word. */
const BITS = new Float64Array(1);
const WORDS = new Uint32Array(BITS.buffer);
const HIGH = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;
function withHighWord(high: number): number {
  WORDS[HIGH] = high;
  WORDS[1 - HIGH] = 0;
  return BITS[0];
}
const TINY = withHighWord(0x3e400000);
const POINT_THREE = withHighWord(0x3fd33333);
const ABOVE_0_78125 = withHighWord(0x3fe90001);

/** fdlibm __kernel_cos(x, y): cos(x + y) for |x + y| <= about pi/4, y the tail of x. */
function kernelCos(x: number, y: number): number {
  const abs = Math.abs(x);
  if (abs < TINY) return 1;
  const z = x * x;
  const r = z * (C1 + z * (C2 + z * (C3 + z * (C4 + z * (C5 + z * C6)))));
  if (abs < POINT_THREE) return 1 - (0.5 * z - (z * r - x * y));
  let qx: number;
  if (abs >= ABOVE_0_78125) qx = 0.28125;
  else {
    // |x| / 4 with the low word cleared: the high word minus two in the exponent.
    BITS[0] = abs;
    qx = withHighWord(WORDS[HIGH] - 0x00200000);
  }
  const hz = 0.5 * z - qx;
  return 1 - qx - (hz - (z * r - x * y));
}

/** fdlibm __kernel_sin(x, y, 1): sin(x + y) for |x + y| <= about pi/4, y the tail of x. */
function kernelSin(x: number, y: number): number {
  if (Math.abs(x) < TINY) return x;
  const z = x * x;
  const v = z * x;
  const r = S2 + z * (S3 + z * (S4 + z * (S5 + z * S6)));
  return x - ((z * (0.5 * y - v * r) - y) - v * S1);
}

/** The rounding error of a * b, where b = bHigh + bLow is already split (Dekker's two-product). */
function productError(a: number, product: number, bHigh: number, bLow: number): number {
  const aHigh = highHalf(a);
  const aLow = a - aHigh;
  return aHigh * bHigh - product + aHigh * bLow + aLow * bHigh + aLow * bLow;
}

/** abs - n PIO2_1, exactly: the remainder but for n PIO2_2 (below 0.07), enough to tell whether n is the nearest. */
function remainderHead(abs: number, n: number): number {
  const p1 = n * PIO2_1;
  // abs - p1 is exact (the two are within a factor of two), and so is taking p1's rounding error from it:
  // both lie on the grid of 2^-52 and their difference is below 2.
  return abs - p1 - productError(n, p1, PIO2_1_HIGH, PIO2_1_LOW);
}

export function largeArgumentCos(x: number): number {
  const abs = Math.abs(x);
  if (!(abs >= FAST_FROM && abs < FAST_UNTIL)) return Math.cos(x);
  // The product with 2/pi is rounded, so n may be one off the nearest multiple; fdlibm's kernels want the
  // remainder within pi/4, as Payne-Hanek's exact n gives it.
  let n = Math.round(abs * TWO_OVER_PI);
  let head = remainderHead(abs, n);
  if (head - n * PIO2_2 > PI_OVER_4) head = remainderHead(abs, ++n);
  else if (head - n * PIO2_2 < -PI_OVER_4) head = remainderHead(abs, --n);
  // head - n PIO2_2 as a double-double (Knuth's two-sum), then the small terms into its tail.
  const p2 = n * PIO2_2;
  const e2 = productError(n, p2, PIO2_2_HIGH, PIO2_2_LOW);
  const sum = head - p2;
  const back = sum - head;
  const tail = head - (sum - back) + (-p2 - back) - e2 - n * PIO2_3;
  const y0 = sum + tail;
  const y1 = tail - (y0 - sum);
  switch (n - 4 * Math.floor(n * 0.25)) {
    case 0:
      return kernelCos(y0, y1);
    case 1:
      return -kernelSin(y0, y1);
    case 2:
      return -kernelCos(y0, y1);
    default:
      return kernelSin(y0, y1);
  }
}

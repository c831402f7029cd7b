/**
 * The float operations of CPython that decide which cycle or decay a step falls in for timm, Keras, mmengine
 * and lrviz formulas (whose goldens and users run them under Python), reproduced bit for bit: an off-by-one ulp there moves
 * a whole restart or decay, not a last digit.
 */

/**
 * Python's float floor division `a // b`, which goes through fmod and snaps to the nearest integer
 * (CPython Objects/floatobject.c, _float_div_mod): `11 // 1.1` is 9.0 where floor(11 / 1.1) is 10.
 */
export function pythonFloorDiv(a: number, b: number): number {
  const mod = a % b;
  let div = (a - mod) / b;
  if (mod !== 0 && b < 0 !== mod < 0) div -= 1;
  if (div === 0) return 0;
  const floor = Math.floor(div);
  return div - floor > 0.5 ? floor + 1 : floor;
}

/** Python's float `%`: the sign of the divisor (CPython float_rem), not of the dividend as in JavaScript. */
export function pythonMod(a: number, b: number): number {
  const mod = a % b;
  if (mod === 0) return b < 0 ? -0 : 0;
  return b < 0 !== mod < 0 ? mod + b : mod;
}

/** Python's round(x): halves to even (detectron2's rescaled lengths, formulas' round). */
export function pythonRound(x: number): number {
  const floor = Math.floor(x);
  const diff = x - floor;
  if (diff !== 0.5) return Math.round(x);
  return floor % 2 === 0 ? floor : floor + 1;
}

/**
 * Natural log rounded correctly, as glibc's `log` (behind Python's math.log) returns it. V8's Math.log is
 * sometimes one ulp off (Math.log(3) is 1.0986122886681096, glibc 1.0986122886681098), and timm's
 * floor(log(x) / log(cycle_mul)) then lands in the other cycle. Computed in double-double
 * (about 106 bits) as e ln 2 + 2 atanh((f - 1)/(f + 1)) with x = 2^e f, then rounded once.
 */
export function correctlyRoundedLog(x: number): number {
  if (!(x > 0) || !Number.isFinite(x) || x < 2 ** -1000) return Math.log(x);
  // log2 of a double near the largest rounds up to 1024, and 2^1024 is Infinity: start from 2^1023 at most.
  let e = Math.min(1023, Math.floor(Math.log2(x)));
  let f = x / 2 ** e;
  while (f >= 2) {
    f /= 2;
    e++;
  }
  while (f < 1) {
    f *= 2;
    e--;
  }
  if (f > Math.SQRT2) {
    f /= 2;
    e++;
  }
  // f - 1 is exact for f in [1/sqrt2, sqrt2]; f + 1 is carried as a double-double.
  const s = div([f - 1, 0], twoSum(f, 1));
  const s2 = mul(s, s);
  let term = s;
  let sum = s;
  for (let k = 1; k < 60 && Math.abs(term[0]) > 1e-40; k++) {
    term = mul(term, s2);
    sum = add(sum, div(term, [2 * k + 1, 0]));
  }
  const result = add(mul([LN2_HI, LN2_LO], [e, 0]), [2 * sum[0], 2 * sum[1]]);
  return result[0] + result[1];
}

type DoubleDouble = readonly [number, number];

const LN2_HI = 0.6931471805599453;
const LN2_LO = 2.3190468138462996e-17;
/** 2^27 + 1: Dekker's split of a double into two 26-bit halves. */
const SPLITTER = 134217729;

function twoSum(a: number, b: number): DoubleDouble {
  const s = a + b;
  const v = s - a;
  return [s, a - (s - v) + (b - v)];
}

function quickTwoSum(a: number, b: number): DoubleDouble {
  const s = a + b;
  return [s, b - (s - a)];
}

function twoProduct(a: number, b: number): DoubleDouble {
  const p = a * b;
  const ca = SPLITTER * a;
  const aHi = ca - (ca - a);
  const aLo = a - aHi;
  const cb = SPLITTER * b;
  const bHi = cb - (cb - b);
  const bLo = b - bHi;
  return [p, aHi * bHi - p + aHi * bLo + aLo * bHi + aLo * bLo];
}

function add(a: DoubleDouble, b: DoubleDouble): DoubleDouble {
  const [s, e] = twoSum(a[0], b[0]);
  return quickTwoSum(s, e + a[1] + b[1]);
}

function mul(a: DoubleDouble, b: DoubleDouble): DoubleDouble {
  const [p, e] = twoProduct(a[0], b[0]);
  return quickTwoSum(p, e + (a[0] * b[1] + a[1] * b[0]));
}

function div(a: DoubleDouble, b: DoubleDouble): DoubleDouble {
  const q1 = a[0] / b[0];
  const r1 = add(a, mul(b, [-q1, 0]));
  const q2 = r1[0] / b[0];
  const r2 = add(r1, mul(b, [-q2, 0]));
  const q3 = r2[0] / b[0];
  return add(quickTwoSum(q1, q2), [q3, 0]);
}

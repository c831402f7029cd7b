/**
 * Non-negative least squares for the three columns (start lr, peak, floor), by trying every subset of
 * columns on their Gram matrix: one pass over the data, then seven tiny solves by Cramer's rule, exact.
 * The fitter calls this for every shape it tries, so it allocates nothing but its result.
 */
export function nonNegativeLeastSquares(columns: readonly Float64Array[], target: Float64Array): { coefficients: number[]; rss: number } {
  const g = gram(columns[0], columns[1], columns[2], target, GRAM);
  const aa = g[0], ab = g[1], ac = g[2], bb = g[3], bc = g[4], cc = g[5], ay = g[6], by = g[7], cy = g[8];
  const best = BEST;
  best[0] = 0;
  best[1] = 0;
  best[2] = 0;
  best[3] = g[9];
  const tiny = 1e-12 * Math.max(aa, bb, cc);
  if (aa > tiny) consider(g, best, ay / aa, 0, 0);
  if (bb > tiny) consider(g, best, 0, by / bb, 0);
  if (cc > tiny) consider(g, best, 0, 0, cy / cc);
  let det = aa * bb - ab * ab;
  if (aa > tiny && bb > tiny && Math.abs(det) > 1e-12 * aa * bb) consider(g, best, (ay * bb - by * ab) / det, (by * aa - ay * ab) / det, 0);
  det = aa * cc - ac * ac;
  if (aa > tiny && cc > tiny && Math.abs(det) > 1e-12 * aa * cc) consider(g, best, (ay * cc - cy * ac) / det, 0, (cy * aa - ay * ac) / det);
  det = bb * cc - bc * bc;
  if (bb > tiny && cc > tiny && Math.abs(det) > 1e-12 * bb * cc) consider(g, best, 0, (by * cc - cy * bc) / det, (cy * bb - by * bc) / det);
  det = aa * (bb * cc - bc * bc) - ab * (ab * cc - bc * ac) + ac * (ab * bc - bb * ac);
  if (aa > tiny && bb > tiny && cc > tiny && Math.abs(det) > 1e-12 * aa * bb * cc) {
    const p = (ay * (bb * cc - bc * bc) - ab * (by * cc - bc * cy) + ac * (by * bc - bb * cy)) / det;
    const q = (aa * (by * cc - bc * cy) - ay * (ab * cc - bc * ac) + ac * (ab * cy - by * ac)) / det;
    const r = (aa * (bb * cy - by * bc) - ab * (ab * cy - by * ac) + ay * (ab * bc - bb * ac)) / det;
    consider(g, best, p, q, r);
  }
  return { coefficients: [best[0], best[1], best[2]], rss: Math.max(0, best[3]) };
}

/** Scratch space: the fitter calls this hundreds of thousands of times and must not allocate per call. */
const GRAM = new Float64Array(10);
const BEST = new Float64Array(4);

/** Keeps (p, q, r) when all are >= 0 and beat the best: rss = yy - 2 c.cross + c.G.c, no pass over the data. */
function consider(g: Float64Array, best: Float64Array, p: number, q: number, r: number): void {
  if (!(p >= 0 && q >= 0 && r >= 0)) return;
  const rss = g[9] - 2 * (p * g[6] + q * g[7] + r * g[8]) + p * p * g[0] + q * q * g[3] + r * r * g[5] + 2 * (p * q * g[1] + p * r * g[2] + q * r * g[4]);
  if (rss < best[3]) {
    best[0] = p;
    best[1] = q;
    best[2] = r;
    best[3] = rss;
  }
}

/**
 * The Gram matrix and cross products in one pass, into `out`. Its own function, with plain locals no closure
 * sees: sums captured by a closure live on the heap, and every += would allocate.
 */
function gram(a: Float64Array, b: Float64Array, c: Float64Array, target: Float64Array, out: Float64Array): Float64Array {
  let aa = 0;
  let ab = 0;
  let ac = 0;
  let bb = 0;
  let bc = 0;
  let cc = 0;
  let ay = 0;
  let by = 0;
  let cy = 0;
  let yy = 0;
  for (let i = 0; i < target.length; i++) {
    const x = a[i];
    const y = b[i];
    const z = c[i];
    const t = target[i];
    aa += x * x;
    ab += x * y;
    ac += x * z;
    bb += y * y;
    bc += y * z;
    cc += z * z;
    ay += x * t;
    by += y * t;
    cy += z * t;
    yy += t * t;
  }
  out[0] = aa;
  out[1] = ab;
  out[2] = ac;
  out[3] = bb;
  out[4] = bc;
  out[5] = cc;
  out[6] = ay;
  out[7] = by;
  out[8] = cy;
  out[9] = yy;
  return out;
}

/** Sum of squared differences between the target and the columns combined with these coefficients. */
export function residual(columns: readonly Float64Array[], coefficients: readonly number[], target: Float64Array): number {
  let rss = 0;
  for (let i = 0; i < target.length; i++) {
    let model = 0;
    for (let c = 0; c < columns.length; c++) model += coefficients[c] * columns[c][i];
    const d = target[i] - model;
    rss += d * d;
  }
  return rss;
}

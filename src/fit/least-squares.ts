/**
 * Non-negative least squares for the three columns (start lr, peak, floor), by trying every subset of
 * columns on their Gram matrix: one pass over the data, then seven tiny solves by Cramer's rule, exact.
 * The fitter calls this for every shape it tries, so it allocates nothing but its result.
 */
export function nonNegativeLeastSquares(columns: readonly Float64Array[], target: Float64Array): { coefficients: number[]; rss: number } {
  const [a, b, c] = columns;
  let aa = 0, ab = 0, ac = 0, bb = 0, bc = 0, cc = 0, ay = 0, by = 0, cy = 0, yy = 0;
  for (let i = 0; i < target.length; i++) {
    const x = a[i], y = b[i], z = c[i], t = target[i];
    aa += x * x; ab += x * y; ac += x * z; bb += y * y; bc += y * z; cc += z * z;
    ay += x * t; by += y * t; cy += z * t; yy += t * t;
  }
  let best0 = 0, best1 = 0, best2 = 0, bestRss = yy;
  const consider = (p: number, q: number, r: number): void => {
    if (!(p >= 0 && q >= 0 && r >= 0)) return;
    // rss = yy - 2 c.cross + c.G.c: every subset judged without touching the data again.
    const rss = yy - 2 * (p * ay + q * by + r * cy) + p * p * aa + q * q * bb + r * r * cc + 2 * (p * q * ab + p * r * ac + q * r * bc);
    if (rss < bestRss) {
      bestRss = rss;
      best0 = p;
      best1 = q;
      best2 = r;
    }
  };
  const tiny = 1e-12 * Math.max(aa, bb, cc);
  if (aa > tiny) consider(ay / aa, 0, 0);
  if (bb > tiny) consider(0, by / bb, 0);
  if (cc > tiny) consider(0, 0, cy / cc);
  const pair = (gxx: number, gxy: number, gyy: number, rx: number, ry: number): [number, number] | undefined => {
    const det = gxx * gyy - gxy * gxy;
    if (!(Math.abs(det) > 1e-12 * gxx * gyy) || gxx <= tiny || gyy <= tiny) return undefined;
    return [(rx * gyy - ry * gxy) / det, (ry * gxx - rx * gxy) / det];
  };
  const pab = pair(aa, ab, bb, ay, by);
  if (pab) consider(pab[0], pab[1], 0);
  const pac = pair(aa, ac, cc, ay, cy);
  if (pac) consider(pac[0], 0, pac[1]);
  const pbc = pair(bb, bc, cc, by, cy);
  if (pbc) consider(0, pbc[0], pbc[1]);
  const det = aa * (bb * cc - bc * bc) - ab * (ab * cc - bc * ac) + ac * (ab * bc - bb * ac);
  if (aa > tiny && bb > tiny && cc > tiny && Math.abs(det) > 1e-12 * aa * bb * cc) {
    const p = (ay * (bb * cc - bc * bc) - ab * (by * cc - bc * cy) + ac * (by * bc - bb * cy)) / det;
    const q = (aa * (by * cc - bc * cy) - ay * (ab * cc - bc * ac) + ac * (ab * cy - by * ac)) / det;
    const r = (aa * (bb * cy - by * bc) - ab * (ab * cy - by * ac) + ay * (ab * bc - bb * ac)) / det;
    consider(p, q, r);
  }
  return { coefficients: [best0, best1, best2], rss: Math.max(0, bestRss) };
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

/**
 * Nelder–Mead simplex minimisation: no derivatives, a handful of parameters, a few hundred evaluations.
 * The objective returns Infinity outside its bounds, which the simplex treats as "worse than anything".
 */
export function nelderMead(objective: (x: number[]) => number, start: readonly number[], steps: readonly number[], maxEvaluations = 600): { x: number[]; value: number } {
  const n = start.length;
  if (n === 0) return { x: [], value: objective([]) };
  let simplex = [start.slice(), ...start.map((_, i) => start.map((v, j) => (i === j ? v + steps[i] : v)))];
  let values = simplex.map((x) => objective(x));
  let evaluations = n + 1;
  while (evaluations < maxEvaluations) {
    const order = values.map((_, i) => i).sort((a, b) => values[a] - values[b]);
    simplex = order.map((i) => simplex[i]);
    values = order.map((i) => values[i]);
    if (Math.abs(values[n] - values[0]) <= 1e-14 * (Math.abs(values[0]) + 1e-300) && spread(simplex) < 1e-6) break;
    const centroid = new Array(n).fill(0);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) centroid[j] += simplex[i][j] / n;
    const towards = (t: number): number[] => centroid.map((c, j) => c + t * (simplex[n][j] - c));
    const reflected = towards(-1);
    const fr = objective(reflected);
    evaluations++;
    if (fr < values[0]) {
      const expanded = towards(-2);
      const fe = objective(expanded);
      evaluations++;
      [simplex[n], values[n]] = fe < fr ? [expanded, fe] : [reflected, fr];
    } else if (fr < values[n - 1]) {
      [simplex[n], values[n]] = [reflected, fr];
    } else {
      const contracted = fr < values[n] ? towards(-0.5) : towards(0.5);
      const fc = objective(contracted);
      evaluations++;
      if (fc < Math.min(fr, values[n])) [simplex[n], values[n]] = [contracted, fc];
      else {
        for (let i = 1; i <= n; i++) {
          simplex[i] = simplex[i].map((v, j) => simplex[0][j] + 0.5 * (v - simplex[0][j]));
          values[i] = objective(simplex[i]);
        }
        evaluations += n;
      }
    }
  }
  let best = 0;
  for (let i = 1; i <= n; i++) if (values[i] < values[best]) best = i;
  return { x: simplex[best], value: values[best] };
}

function spread(simplex: number[][]): number {
  let largest = 0;
  for (let i = 1; i < simplex.length; i++) {
    for (let j = 0; j < simplex[0].length; j++) {
      largest = Math.max(largest, Math.abs(simplex[i][j] - simplex[0][j]) / (Math.abs(simplex[0][j]) + 1));
    }
  }
  return largest;
}

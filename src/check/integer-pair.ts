/**
 * Two whole numbers whose product is `target`, near the two a config holds now, so that a fix like paddle's
 * "step_each_epoch × epochs must make 7,820" can be typed: 100 × 8 becomes 782 × 10, never 977.5 × 8.
 * The smaller number (the epochs, which people choose) stays as close as it can to where it was and the
 * larger (the per-epoch count, which the data decides) takes the rest; between equally close ones, the
 * smaller total change in ratio wins. `known`, the run's own steps per epoch and epochs when the user gave
 * them and they make the target, wins outright, whichever way round fits the current numbers better.
 */
export function integerPairFor(target: number, current: readonly [number, number], known?: readonly [number, number]): [number, number] {
  const [a, b] = current;
  const smallerIsFirst = a < b;
  const change = (x: number, y: number): [number, number] => {
    const dx = Math.abs(Math.log(x / a));
    const dy = Math.abs(Math.log(y / b));
    return [smallerIsFirst ? dx : dy, dx + dy];
  };
  const candidates: [number, number][] = [];
  if (known !== undefined && known[0] * known[1] === target) candidates.push([known[0], known[1]], [known[1], known[0]]);
  else {
    // Divisors up to sqrt(target): a million at most for the longest run lrviz accepts.
    for (let d = 1; d * d <= target; d++) {
      if (target % d === 0) candidates.push([d, target / d], [target / d, d]);
    }
  }
  let best = candidates[0];
  let bestCost = change(...best);
  for (const candidate of candidates) {
    const cost = change(...candidate);
    if (cost[0] < bestCost[0] - 1e-12 || (cost[0] <= bestCost[0] + 1e-12 && cost[1] < bestCost[1])) {
      best = candidate;
      bestCost = cost;
    }
  }
  return best;
}

/** Levenshtein distance, case-insensitive: good enough to catch a typo in a name or key. */
function distance(a: string, b: string): number {
  a = a.toLowerCase();
  b = b.toLowerCase();
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}

/** The candidate closest to `given`, if it is close enough to be a plausible typo. */
export function nearest(given: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const d = candidate.toLowerCase().includes(given.toLowerCase()) && given.length >= 3 ? 1 : distance(given, candidate);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return bestDistance <= Math.max(2, Math.floor(given.length / 3)) ? best : undefined;
}

/** ` (did you mean "x"?)` or nothing. */
export function didYouMean(given: string, candidates: Iterable<string>): string {
  const guess = nearest(given, candidates);
  return guess === undefined ? '' : ` (did you mean "${guess}"?)`;
}

/** A name split where people type it: `torch.CosineAnnealingLR` is framework torch, symbol CosineAnnealingLR. */
function frameworkAndSymbol(name: string): [string | undefined, string] {
  const dot = name.indexOf('.');
  return dot === -1 ? [undefined, name] : [name.slice(0, dot).toLowerCase(), name.slice(name.lastIndexOf('.') + 1)];
}

const loose = (name: string): string => name.toLowerCase().replace(/[-_]/g, '');

/**
 * The schedule name nearest to one the catalog lacks, always one: an unknown name always gets a suggestion.
 * Symbols are compared loosely (case, "-" and "_" aside) in typos per character, and another framework
 * than the one named costs about a third of the symbol.
 */
export function nearestSchedule(given: string, names: Iterable<string>): string | undefined {
  const [framework, symbol] = frameworkAndSymbol(given);
  const wanted = loose(symbol);
  let best: string | undefined;
  let bestScore = Infinity;
  let own: string | undefined;
  let ownScore = Infinity;
  for (const name of names) {
    const [otherFramework, otherSymbol] = frameworkAndSymbol(name);
    const other = loose(otherSymbol);
    let typos = distance(wanted, other);
    // A symbol that holds the other is half a typo for each character it lacks (CosineAnnealing is nearer
    // CosineAnnealingLR than CosineAnnealingWarmRestarts).
    if (Math.min(wanted.length, other.length) >= 3 && (other.includes(wanted) || wanted.includes(other))) typos = Math.min(typos, Math.abs(wanted.length - other.length) / 2);
    // Typos per character, so that a long symbol is not outscored by any short one; another framework
    // counts as about a third of the symbol wrong (hf.CosineAnnealingLR still finds torch's).
    const perCharacter = typos / Math.max(wanted.length, other.length, 1);
    const score = perCharacter + (framework !== otherFramework ? 0.3 : 0);
    if (score < bestScore) {
      best = name;
      bestScore = score;
    }
    if (framework !== undefined && framework === otherFramework && perCharacter < ownScore) {
      own = name;
      ownScore = perCharacter;
    }
  }
  // Another framework's symbol wins only as a near match (a quarter of it wrong at most); otherwise the
  // framework named keeps its own (timm.Foo finds a timm scheduler, not ultralytics.yolo).
  if (own !== undefined && best !== own && bestScore - 0.3 > 0.25) return own;
  return best;
}

/**
 * Round numbers a person would have configured, roundest first, near `value`: 5000 before 4990 before
 * 4998. Candidates within `tolerance` (absolute) of the value only.
 */
export function roundStepCandidates(value: number, tolerance: number): number[] {
  const out: number[] = [];
  // An infinite length (a fit to a step near the largest double) has no round neighbours, and dividing its
  // unit by 10 would never get below 1.
  if (!Number.isFinite(value)) return out;
  for (let unit = 10 ** Math.floor(Math.log10(Math.max(1, Math.abs(value)))); unit >= 1; unit /= 10) {
    // 2500 and 200 read as round; 58 (a multiple of 2) does not.
    for (const multiple of unit >= 10 ? [unit * 10, unit * 5, unit * 2.5, unit * 2, unit] : [unit * 10, unit * 5, unit]) {
      if (!Number.isInteger(multiple)) continue;
      const rounded = Math.round(value / multiple) * multiple;
      if (rounded > 0 && Math.abs(rounded - value) <= tolerance && !out.includes(rounded)) out.push(rounded);
    }
  }
  return out;
}

/** The value with 1, 2, 3, ... significant digits, fewest first (1e-5 before 1.02e-5). */
export function significantCandidates(value: number, maxDigits = 6): number[] {
  if (value === 0) return [0];
  const out: number[] = [];
  for (let digits = 1; digits <= maxDigits; digits++) {
    const v = Number(value.toPrecision(digits));
    if (!out.includes(v)) out.push(v);
  }
  return out;
}

import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

/** test/fixtures/golden: copies of the shared reference curves, kept in the repository so a bare clone passes. */
export const GOLDEN_DIR = fileURLToPath(new URL('../fixtures/golden/', import.meta.url));

export interface Golden {
  id: string;
  framework: string;
  symbol: string;
  reference: string;
  params: Record<string, unknown>;
  steps: number;
  sample_every?: number;
  lr: number[];
}

export function loadGoldens(): Golden[] {
  return readdirSync(GOLDEN_DIR)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(readFileSync(GOLDEN_DIR + f, 'utf8')) as Golden);
}

/** The spec object that asks lrviz for a golden curve: the framework's own symbol and parameters. */
export function goldenSpec(golden: Golden): Record<string, unknown> {
  return { type: `${golden.framework}.${golden.symbol}`, ...paramsOf(golden) };
}

/**
 * The golden's parameters, and for keras dtype=float64: those goldens re-state Keras's formulas in float64
 * (each says so in its reference), while lrviz computes keras in float32 by default, as Keras does.
 */
function paramsOf(golden: Golden): Record<string, unknown> {
  return golden.framework === 'keras' ? { ...golden.params, dtype: 'float64' } : golden.params;
}

/** The same as a text spec: scalars as they are, nested values as JSON. */
export function goldenTextSpec(golden: Golden): string {
  const pairs = Object.entries(paramsOf(golden)).map(([k, v]) => `${k}=${typeof v === 'object' ? JSON.stringify(v) : String(v)}`);
  return `${golden.framework}.${golden.symbol}:${pairs.join(',')}`;
}

/** Tolerance of the golden README: 1e-9 relative plus 1e-15 absolute. */
export function expectGoldenValues(actual: ArrayLike<number>, golden: Golden): void {
  const every = golden.sample_every ?? 1;
  const mismatches: string[] = [];
  golden.lr.forEach((expected, j) => {
    const value = actual[j * every];
    if (!(Math.abs(value - expected) <= 1e-9 * Math.abs(expected) + 1e-15)) {
      if (mismatches.length < 5) mismatches.push(`step ${j * every}: got ${value}, expected ${expected}`);
      else if (mismatches.length === 5) mismatches.push('...');
    }
  });
  expect(mismatches, `${golden.id} (${golden.reference})`).toEqual([]);
}

/**
 * One value against its golden: within 1e-9 of it relatively, plus `absolute` (1e-300 by default, so an
 * exact 0 must come out 0). The failure message is built only when it fails.
 */
export function expectNear(actual: number, expected: number, failure: () => string, absolute = 1e-300): void {
  if (!(Math.abs(actual - expected) <= 1e-9 * Math.abs(expected) + absolute)) expect.fail(failure());
}

/** A config's curve against its golden, update by update; `who` names whose run made the golden. */
export function expectCurve(actual: (i: number) => number, golden: readonly number[], who: string): void {
  for (let i = 0; i < golden.length; i++) expectNear(actual(i), golden[i], () => `update ${i}: lrviz ${actual(i)}, ${who} ${golden[i]}`);
}

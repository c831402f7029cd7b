/**
 * optax with dtype=float32 against what jax.jit gave on int32 counts (test/fixtures/golden-float32/, made by
 * make.py there with real jax and optax on CPU): every value to the bit, NaN where jax gave NaN.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lrAt } from '../support/dialect.js';

interface Case {
  spec: Record<string, unknown> & { type: string };
  steps: number[];
  values: Array<number | null>;
}

const golden = JSON.parse(readFileSync(new URL('../fixtures/golden-float32/optax.json', import.meta.url), 'utf8')) as { jax: string; optax: string; cases: Case[] };

describe(`optax in float32, against jax ${golden.jax} / optax ${golden.optax} under jit`, () => {
  it.each(golden.cases.map((c) => [JSON.stringify(c.spec), c] as const))('%s', (_label, c) => {
    const got = lrAt(c.spec, c.steps);
    c.steps.forEach((step, k) => {
      const want = c.values[k];
      if (want === null) expect(got[k], `step ${step}`).toBeNaN();
      else expect(got[k], `step ${step}`).toBe(want);
    });
  });

  it('keeps the cases issue 14 names: a staircase a step late, NaN at the end of a fractional power', () => {
    const late = 'optax.exponential_decay:init_value=500,transition_steps=1906,decay_rate=0.5,staircase=true';
    expect(lrAt(`${late},dtype=float32`, [1905, 1906, 1907])).toEqual([500, 500, 250]);
    expect(lrAt(late, [1905, 1906, 1907])).toEqual([500, 250, 250]);
    for (const steps of [10, 612, 3805, 90000]) {
      const poly = `optax.polynomial_schedule:init_value=1,end_value=0,power=0.5,transition_steps=${steps}`;
      expect(lrAt(`${poly},dtype=float32`, [steps - 1, steps])[1]).toBeNaN();
      expect(lrAt(poly, [steps])).toEqual([0]);
    }
  });
});

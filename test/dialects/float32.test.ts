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

const read = (name: string) => JSON.parse(readFileSync(new URL(`../fixtures/golden-float32/${name}`, import.meta.url), 'utf8'));
const golden = read('optax.json') as { jax: string; optax: string; cases: Case[] };
const kerasGolden = read('keras.json') as { keras: string; jax: string; cases: Case[] };

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

describe(`keras by default as a Keras ${kerasGolden.keras} train step computes it (jax ${kerasGolden.jax}, jitted)`, () => {
  // XLA's own float32 log and cos are not correctly rounded; lrviz rounds the double results. That leaves
  // CosineDecayRestarts within 3 float32 steps of the peak at every step, and two restarts, deep into long
  // runs, decided the other way (a log an ulp apart): those steps are listed so that any other one fails.
  const logUlpRestarts: Record<string, number[]> = {
    '{"type":"keras.CosineDecayRestarts","initial_learning_rate":0.001,"first_decay_steps":4966,"t_mul":1.5,"m_mul":0.9,"alpha":0.1}': [1923028],
    '{"type":"keras.CosineDecayRestarts","initial_learning_rate":0.001,"first_decay_steps":1648,"t_mul":2.5,"m_mul":0.9,"alpha":0}': [4189983],
  };
  it.each(kerasGolden.cases.map((c) => [JSON.stringify(c.spec), c] as const))('%s', (label, c) => {
    // The spec as make_keras.py wrote it, without dtype: float32 is keras's default in lrviz as in Keras.
    const got = lrAt(c.spec, c.steps);
    expect(lrAt({ ...c.spec, dtype: 'float32' }, c.steps)).toEqual(got);
    const restarts = c.spec.type === 'keras.CosineDecayRestarts';
    const peak = Math.max(...c.values.map((v) => v ?? 0));
    const differing: number[] = [];
    c.steps.forEach((step, k) => {
      const want = c.values[k];
      if (want === null) expect(got[k], `step ${step}`).toBeNaN();
      else if (!restarts) expect(got[k], `step ${step}`).toBe(want);
      else if (Math.abs(got[k] - want) > 3 * 2 ** -24 * peak) differing.push(step);
    });
    expect(differing).toEqual(logUlpRestarts[label] ?? []);
  });

  it('differs from float64 where Keras does: a staircase a step late, a restart a step early', () => {
    const late = 'keras.ExponentialDecay:initial_learning_rate=500,decay_steps=1906,decay_rate=0.5,staircase=true';
    expect(lrAt(late, [1905, 1906, 1907])).toEqual([500, 500, 250]);
    expect(lrAt(`${late},dtype=float64`, [1905, 1906, 1907])).toEqual([500, 250, 250]);
  });
});

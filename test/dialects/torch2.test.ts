/**
 * Every torch symbol lrviz has, on random configurations, against what real torch 2.13 gave
 * (test/fixtures/torch2/cases.json, made by make.py beside it). Where torch raised part-way, lrviz must
 * refuse a plot that reaches that step, naming torch's error, and agree on every step before it.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LrvizError } from '../../src/errors.js';
import { lrs } from '../support/dialect.js';

interface Case {
  spec: Record<string, unknown> & { type: string };
  steps: number;
  values: number[];
  error?: string;
}

const { torch, cases } = JSON.parse(readFileSync(new URL('../fixtures/torch2/cases.json', import.meta.url), 'utf8')) as { torch: string; cases: Case[] };

/**
 * Resuming a chainable scheduler with last_epoch: torch 2.x's constructor re-applies one step's ratio off by
 * one, so lrviz refuses instead of drawing the continuation the user meant (see `resumed` in torch.ts).
 */
const CHAINABLE = new Set(['torch.ConstantLR', 'torch.LinearLR', 'torch.PolynomialLR', 'torch.CosineAnnealingLR', 'torch.MultiplicativeLR']);
const refusedOnPurpose = (c: Case): boolean => CHAINABLE.has(c.spec.type) && Number(c.spec.last_epoch ?? -1) >= 0;

/** Equal to 1e-9 relative, or to 1e-15 of the curve's peak: torch's chainable forms leave 1e-18 where the closed form gives 0. */
function expectSameCurve(actual: readonly number[], expected: readonly number[]): void {
  const peak = Math.max(...expected.map(Math.abs));
  expected.forEach((value, i) => {
    expect(Math.abs(actual[i] - value), `step ${i}: lrviz ${actual[i]}, torch ${value}`).toBeLessThanOrEqual(1e-9 * Math.abs(value) + 1e-15 * peak);
  });
}

const label = (c: Case): string => JSON.stringify(c.spec).slice(0, 160);

describe(`torch dialect against real torch ${torch}`, () => {
  it('has the cases the fixture promises', () => {
    expect(cases.length).toBeGreaterThan(250);
  });

  it.each(cases.filter((c) => c.error === undefined && !refusedOnPurpose(c)).map((c) => [label(c), c] as const))('%s', (_label, c) => {
    expectSameCurve(lrs(c.spec, c.steps), c.values);
  });

  it.each(cases.filter((c) => c.error !== undefined).map((c) => [label(c), c] as const))('refuses where torch raised: %s', (_label, c) => {
    const failing = c.values.length;
    expect(() => lrs(c.spec, c.steps)).toThrow(LrvizError);
    if (failing > 0) expectSameCurve(lrs(c.spec, failing), c.values);
    const torchError = c.error!.split(':')[0];
    expect(() => lrs(c.spec, c.steps)).toThrow(new RegExp(torchError));
  });

  it.each(cases.filter(refusedOnPurpose).map((c) => [label(c), c] as const))('refuses last_epoch on a chainable scheduler: %s', (_label, c) => {
    expect(() => lrs(c.spec, c.steps)).toThrow(/does not continue the run from last_epoch/);
  });
});

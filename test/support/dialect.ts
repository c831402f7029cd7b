/**
 * What the dialect tests share: learning rates of a spec at chosen steps, a closeness check at the
 * precision of a hand derivation, and the one-line refusal of a bad spec.
 */
import { expect } from 'vitest';
import { LrvizError } from '../../src/errors.js';
import { buildSchedule } from '../../src/notation/build.js';
import { parseTextSpec } from '../../src/notation/parse.js';
import { catalog } from '../../src/catalog.js';

export type SpecInput = string | Record<string, unknown>;

function build(spec: SpecInput, steps: number) {
  const object = typeof spec === 'string' ? parseTextSpec(spec) : { ...spec };
  return buildSchedule(catalog, object as never, steps).schedule;
}

/** The learning rates at the given steps, on a plot just long enough to hold the last. */
export function lrAt(spec: SpecInput, steps: readonly number[]): number[] {
  const schedule = build(spec, Math.max(...steps) + 1);
  return steps.map((i) => schedule.lr(i));
}

/** The learning rates at steps from .. steps-1 of a plot of `steps` steps. */
export function lrs(spec: SpecInput, steps: number, from = 0): number[] {
  const schedule = build(spec, steps);
  return Array.from({ length: steps - from }, (_, i) => schedule.lr(from + i));
}

/** Equal to 1e-12 relative (plus 1e-15 absolute): what a value derived by hand from the source can promise. */
export function expectClose(actual: readonly number[], expected: readonly number[]): void {
  expect(actual.length).toBe(expected.length);
  actual.forEach((value, i) => {
    expect(Math.abs(value - expected[i]), `#${i}: got ${value}, expected ${expected[i]}`).toBeLessThanOrEqual(1e-12 * Math.abs(expected[i]) + 1e-15);
  });
}

/** The message a spec is refused with; fails unless it is refused with a one-line LrvizError. */
export function buildError(spec: SpecInput, steps = 10): string {
  try {
    lrs(spec, steps);
  } catch (error) {
    expect(error).toBeInstanceOf(LrvizError);
    expect((error as Error).message).not.toMatch(/\n/);
    return (error as Error).message;
  }
  throw new Error(`expected ${JSON.stringify(spec)} to be refused`);
}

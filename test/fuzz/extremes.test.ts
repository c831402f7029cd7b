/**
 * Envelopes drawn from schedules' extremes (a few evaluations a column) must equal envelopes computed
 * step by step, for every registered schedule and any parameters: the shortcut may only save time.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { curveOf, materialize, type Curve } from '../../src/curve/curve.js';
import { envelopeOf } from '../../src/curve/envelope.js';
import { LrvizError } from '../../src/errors.js';
import { buildSchedule } from '../../src/notation/build.js';
import { anySpec, specFor } from './arbitraries.js';
import { catalog } from '../../src/catalog.js';

/** The envelope by brute force: every value, then the min and max of each column. */
function bruteEnvelope(curve: Curve, columns: number): { min: number[]; max: number[] } {
  const values = materialize(curve);
  const cols = Math.max(1, Math.min(columns, curve.steps));
  const min: number[] = [];
  const max: number[] = [];
  for (let c = 0; c < cols; c++) {
    const from = Math.floor((c * curve.steps) / cols);
    const to = Math.floor(((c + 1) * curve.steps) / cols);
    let lo = Infinity;
    let hi = -Infinity;
    for (let i = from; i < to; i++) {
      lo = Math.min(lo, values[i]);
      hi = Math.max(hi, values[i]);
    }
    min.push(lo);
    max.push(hi);
  }
  return { min, max };
}

function attempt<T>(action: () => T): T | LrvizError {
  try {
    return action();
  } catch (error) {
    if (error instanceof LrvizError) return error;
    throw error;
  }
}

const steps = fc.oneof(fc.integer({ min: 1, max: 4000 }), fc.constantFrom(1, 2, 3, 7, 100_000));
const columns = fc.oneof(fc.integer({ min: 1, max: 200 }), fc.constantFrom(1, 70, 5000));

describe.each(catalog.all().map((d) => [d.name, d] as const))('%s', (_name, definition) => {
  it('has the same envelope through its extremes as step by step', () => {
    fc.assert(
      fc.property(specFor(definition, anySpec(0)), steps, columns, (spec, n, cols) => {
        const built = attempt(() => buildSchedule(catalog, spec as never, n));
        if (built instanceof LrvizError) return;
        const curve = curveOf(built.schedule, 'x', n);
        const expected = attempt(() => bruteEnvelope(curve, cols));
        const envelope = attempt(() => envelopeOf(curve, cols));
        if (expected instanceof LrvizError) {
          expect(envelope).toBeInstanceOf(LrvizError);
          return;
        }
        if (envelope instanceof LrvizError) throw envelope;
        expect(Array.from(envelope.min)).toEqual(expected.min);
        expect(Array.from(envelope.max)).toEqual(expected.max);
      }),
      { numRuns: 40 },
    );
  });
});

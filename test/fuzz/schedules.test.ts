/**
 * Every registered schedule against random and hostile parameters: building either succeeds or fails
 * with one LrvizError line, and a schedule that builds yields finite values (or, for parameters that
 * overflow, one LrvizError naming the step). Nothing else may escape, and nothing pollutes prototypes.
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { curveOf } from '../../src/curve/curve.js';
import { LrvizError } from '../../src/errors.js';
import { buildSchedule } from '../../src/notation/build.js';
import { anySpec, specFor } from './arbitraries.js';
import { describeInput, onlyLrvizErrors } from './refusals.js';
import { catalog } from '../../src/catalog.js';

/**
 * Values at the start, middle and end of the curve: enough to reach every segment. Past a million steps
 * only the start: a recursive framework formula (torch's cosine) costs the whole prefix to reach step i.
 */
function probe(spec: Record<string, unknown>, steps: number): void {
  const built = buildSchedule(catalog, spec as never, steps);
  const curve = curveOf(built.schedule, 'fuzz', steps);
  const window = Math.min(steps, 700);
  const starts = steps <= 1e6 ? [0, Math.floor(steps / 2) - (window >> 1), steps - window] : [0];
  for (const start of new Set(starts.map((s) => Math.max(0, s)))) {
    const out = new Float64Array(Math.min(window, steps - start));
    curve.fill(start, out);
    for (const v of out) if (!Number.isFinite(v)) throw new Error(`fill let ${v} through`);
  }
  // The resolved spec is printed in JSON output: every parameter lrviz read is a finite number, and
  // from input JSON could hold, serialising never turns a NaN into null.
  for (const [key, value] of Object.entries(built.resolved)) {
    if (typeof value === 'number' && !Number.isFinite(value)) throw new Error(`resolved ${key} is ${value}`);
  }
  const json = JSON.stringify(built.resolved);
  if (jsonClean(spec) && /null/.test(json) && !/null/.test(describeInput(spec))) throw new Error(`resolved spec gained a null: ${json}`);
}

/** Could this value have come from JSON.parse? (No NaN, Infinity or undefined anywhere in it.) */
function jsonClean(value: unknown): boolean {
  if (typeof value === 'number') return Number.isFinite(value);
  if (value === undefined) return false;
  if (typeof value === 'object' && value !== null) return Object.values(value).every(jsonClean);
  return true;
}

const steps = fc.oneof(fc.integer({ min: 1, max: 3000 }), fc.constantFrom(1, 2, 3, 10, 1e6, 1e9, 1e12));

afterEach(() => {
  // Prototype pollution would show up as an enumerable key on every object.
  expect(Object.keys(Object.prototype)).toEqual([]);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
});

describe.each(catalog.all().map((d) => [d.name, d] as const))('%s', (_name, definition) => {
  it('builds or refuses in one line, and computes only finite values', () => {
    fc.assert(
      fc.property(specFor(definition, anySpec(0)), steps, (spec, n) => {
        onlyLrvizErrors(() => probe(spec, n), { spec, steps: n });
      }),
      { numRuns: 150 },
    );
  });
});

describe.each(catalog.all().map((d) => [d.name, d] as const))('%s fast path', (_name, definition) => {
  it('fills the same values as lr(step), whatever the parameters', () => {
    fc.assert(
      fc.property(specFor(definition, anySpec(0)), fc.integer({ min: 1, max: 3000 }), fc.nat(5000), (spec, n, from) => {
        let schedule;
        try {
          schedule = buildSchedule(catalog, spec as never, n).schedule;
        } catch {
          return;
        }
        if (!schedule.fill) return;
        const out = new Float64Array(n);
        // Some framework schedules refuse steps past their end (paddle raises there): fine, both ways.
        if (refused(() => schedule.fill!(from, out))) return;
        for (let j = 0; j < n; j++) {
          let expected = NaN;
          if (refused(() => (expected = schedule.lr(from + j)))) return;
          if (!Object.is(out[j], expected) && !(Number.isNaN(out[j]) && Number.isNaN(expected))) {
            expect.fail(`${describeInput(spec)} over ${n} steps: fill gives ${out[j]} at step ${from + j}, lr gives ${expected}`);
          }
        }
      }),
      { numRuns: 60 },
    );
  });
});

/** True when `action` threw an LrvizError; any other error is rethrown. */
function refused(action: () => void): boolean {
  try {
    action();
    return false;
  } catch (error) {
    if (error instanceof LrvizError) return true;
    throw error;
  }
}

describe('found by these tests, kept as examples', () => {
  it('restarts with cycle_mult an ulp above 1 fill what lr says (start + length rounded past the next cycle)', () => {
    for (const steps of [4, 3716]) {
      const schedule = buildSchedule(catalog, { type: 'cosine-restarts', cycle_mult: 1.0000000000000002 }, steps).schedule;
      const out = new Float64Array(steps);
      schedule.fill!(0, out);
      expect(Array.from(out)).toEqual(Array.from({ length: steps }, (_, i) => schedule.lr(i)));
    }
  });

  it('a join at a fractional boundary fills what lr says (timm warmup_t=5e-324)', () => {
    const schedule = buildSchedule(catalog, { type: 'timm.PolyLRScheduler', t_initial: 1, warmup_t: '5e-324', warmup_prefix: true }, 1).schedule;
    const out = new Float64Array(1);
    schedule.fill!(0, out);
    expect(out[0]).toBe(schedule.lr(0));
  });

  it('restarts with a subnormal first cycle locate every step in bounded time', () => {
    for (const [cycle, mult] of [[6.4e-323, 2231], [3.6e-209, 1.0000000000000029]]) {
      const schedule = buildSchedule(catalog, { type: 'cosine-restarts', cycle, cycle_mult: mult }, 100000).schedule;
      const out = new Float64Array(1000);
      schedule.fill!(99000, out);
      expect(out.every(Number.isFinite)).toBe(true);
    }
  });

  it('a default computed past the largest double is refused, not printed as null', () => {
    expect(() => buildSchedule(catalog, { type: 'torch.OneCycleLR', max_lr: 0.1, epochs: 1e200, steps_per_epoch: 1e200 }, 10)).toThrow(/total_steps = epochs \* steps_per_epoch, else steps comes out as Infinity/);
  });
});

describe('nested schedules', () => {
  it('any composition of any schedules builds or refuses in one line', () => {
    fc.assert(
      fc.property(anySpec(2), steps, (spec, n) => {
        onlyLrvizErrors(() => probe(spec, n), { spec, steps: n });
      }),
      { numRuns: 300 },
    );
  });

  it('refuses nesting deeper than the limit with a clear error, not a stack overflow', () => {
    let spec: Record<string, unknown> = { type: 'constant', lr: 0.1 };
    for (let depth = 0; depth < 5000; depth++) spec = { type: 'scale', factor: 1, schedule: spec };
    expect(() => buildSchedule(catalog, spec as never, 100)).toThrow(/nested more than \d+ deep/);
  });
});

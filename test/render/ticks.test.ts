import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { linearTicks, logTicks, niceSpacing } from '../../src/render/ticks.js';

describe('linearTicks', () => {
  it('puts small rates on multiples of a round spacing, with the top tick\'s exponent for the axis', () => {
    expect(linearTicks(0, 1e-3, 5).labels).toEqual(['0', '0.2e-3', '0.4e-3', '0.6e-3', '0.8e-3', '1e-3']);
    expect(linearTicks(0, 3e-4, 6).labels).toEqual(['0', '0.5e-4', '1e-4', '1.5e-4', '2e-4', '2.5e-4', '3e-4']);
    expect(linearTicks(0, 4e-4, 4).labels).toEqual(['0', '1e-4', '2e-4', '3e-4', '4e-4']);
    expect(linearTicks(8e-6, 1.2e-5, 4).labels).toEqual(['0.8e-5', '0.9e-5', '1e-5', '1.1e-5', '1.2e-5']);
    expect(linearTicks(0, 3e-4, 6).values).toEqual([0, 5e-5, 1e-4, 1.5e-4, 2e-4, 2.5e-4, 3e-4]);
  });

  it('writes ordinary rates as decimals with the same number of places', () => {
    expect(linearTicks(0, 0.1, 5).labels).toEqual(['0', '0.02', '0.04', '0.06', '0.08', '0.1']);
    expect(linearTicks(0, 0.5, 5).labels).toEqual(['0', '0.1', '0.2', '0.3', '0.4', '0.5']);
    expect(linearTicks(0, 0.3, 3).values).toEqual([0, 0.1, 0.2, 0.3]);
  });

  it('always covers the range with round values, whatever the range', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.double({ min: 1e-12, max: 1e6, noNaN: true }), fc.integer({ min: 2, max: 12 }), (low, span, count) => {
        const high = low + span;
        const { values, labels } = linearTicks(low, high, count);
        // Within a millionth of the range: a tick a rounding error inside an end still marks it.
        expect(values[0]).toBeLessThanOrEqual(low + span * 1e-6);
        expect(values[values.length - 1]).toBeGreaterThanOrEqual(high - span * 1e-6);
        expect(values.length).toBeLessThanOrEqual(2 * count + 3);
        expect(new Set(labels).size).toBe(labels.length);
      }),
    );
  });
});

describe('logTicks', () => {
  it('ticks whole decades in one notation', () => {
    expect(logTicks(2e-6, 1e-3, 6).labels).toEqual(['1e-6', '1e-5', '1e-4', '1e-3']);
    expect(logTicks(1e-3, 0.1, 6).labels).toEqual(['1e-3', '1e-2', '1e-1']);
    expect(logTicks(0.01, 1, 6).labels).toEqual(['0.01', '0.1', '1']);
    expect(logTicks(1e-12, 1, 4).labels).toEqual(['1e-12', '1e-9', '1e-6', '1e-3', '1e0']);
  });
});

describe('niceSpacing', () => {
  it('rounds to the nearest of 1, 2 or 5 times a power of ten', () => {
    expect([0.1, 0.15, 0.3, 0.4, 0.8, 1e-4, 3e-5].map(niceSpacing)).toEqual([
      [1, -1],
      [2, -1],
      [2, -1],
      [5, -1],
      [1, 0],
      [1, -4],
      [2, -5],
    ]);
  });
});

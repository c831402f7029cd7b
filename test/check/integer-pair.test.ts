import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { integerPairFor } from '../../src/check/integer-pair.js';

describe('integerPairFor', () => {
  it("keeps the epochs near and gives the rest to the per-epoch count: the seed's 100 × 8 for 7,820 is 782 × 10", () => {
    expect(integerPairFor(7820, [100, 8])).toEqual([782, 10]);
    expect(integerPairFor(7820, [8, 100])).toEqual([10, 782]);
    expect(integerPairFor(10000, [100, 10])).toEqual([1000, 10]);
  });

  it("takes the run's own numbers when they make the target, whichever way round fits", () => {
    expect(integerPairFor(7820, [100, 8], [391, 20])).toEqual([391, 20]);
    expect(integerPairFor(7820, [8, 100], [391, 20])).toEqual([20, 391]);
  });

  it('always returns whole numbers whose product is the target', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e7 }), fc.integer({ min: 2, max: 5000 }), fc.integer({ min: 2, max: 500 }), (target, a, b) => {
        const [x, y] = integerPairFor(target, [a, b]);
        return Number.isInteger(x) && Number.isInteger(y) && x * y === target;
      }),
    );
  });
});

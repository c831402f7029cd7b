/**
 * largeArgumentCos is Math.cos with a cheaper reduction for arguments past 2^20: it must give Math.cos's
 * double, or where the two reductions round the remainder's tail apart, one next to it.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { largeArgumentCos } from '../../src/dialects/large-argument-cos.js';

/** How many doubles lie between a and b (0 when equal). */
function ulpsApart(a: number, b: number): number {
  const view = new DataView(new ArrayBuffer(16));
  view.setFloat64(0, a);
  view.setFloat64(8, b);
  // Both ordered as signed magnitudes, so that -0.1 and 0.1 are far apart and 1 and its neighbour one apart.
  const ordered = (offset: number): bigint => {
    const bits = view.getBigInt64(offset);
    return bits < 0n ? -(bits & 0x7fffffffffffffffn) : bits;
  };
  const apart = ordered(0) - ordered(8);
  return Number(apart < 0n ? -apart : apart);
}

describe('largeArgumentCos', () => {
  it('is Math.cos itself below 2^20, from 2^50 and for what is not a finite number', () => {
    for (const x of [0, -0, 1, -2.5, Math.PI, 1e6, 2 ** 20 - 1, 2 ** 50, -(2 ** 50), 1e300, NaN, Infinity, -Infinity]) {
      expect(Object.is(largeArgumentCos(x), Math.cos(x)), `x = ${x}`).toBe(true);
    }
  });

  it('is within one place of Math.cos for any argument from 2^20 to 2^50, either sign', () => {
    const large = fc.double({ min: 2 ** 20, max: 2 ** 50, noNaN: true, noDefaultInfinity: true }).filter((x) => x < 2 ** 50);
    fc.assert(
      fc.property(large, fc.boolean(), (x, negative) => {
        const argument = negative ? -x : x;
        expect(ulpsApart(largeArgumentCos(argument), Math.cos(argument))).toBeLessThanOrEqual(1);
      }),
      { numRuns: 20_000 },
    );
  });

  it('is within one place of Math.cos halfway between multiples of pi/2, where the rounded quotient can pick the wrong one', () => {
    const quarter = fc.integer({ min: 2 ** 20, max: 2 ** 49 });
    fc.assert(
      fc.property(quarter, (k) => {
        const x = (k + 0.5) * (Math.PI / 2);
        expect(ulpsApart(largeArgumentCos(x), Math.cos(x))).toBeLessThanOrEqual(1);
      }),
      { numRuns: 20_000 },
    );
  });

  it("is Math.cos's very double for nearly all of torch's arguments pi t / T_max, far steps near troughs and peaks included", () => {
    let compared = 0;
    let differing = 0;
    for (const tMax of [1, 3, 100, 1000, 12_345, 333.3]) {
      for (let k = 1; k <= 4000; k++) {
        // Steps spread from 1e7 to 1e12, and the trough, the step after it and the peak of their period.
        const step = Math.floor(1e7 + k * 249_999_997.3);
        const periodStart = step - (step % (2 * tMax));
        for (const t of [step, periodStart + tMax, periodStart + tMax + 1, periodStart + 2 * tMax]) {
          const x = (Math.PI * t) / tMax;
          const ours = largeArgumentCos(x);
          const engine = Math.cos(x);
          compared++;
          if (ours !== engine) {
            differing++;
            expect(ulpsApart(ours, engine), `x = ${x}`).toBe(1);
          }
        }
      }
    }
    // About 1 in 10,000 on V8's fdlibm: where the remainder's tail decides a last place, each reduction keeps
    // a different tail (glibc's correctly rounded cos, which torch calls, sides with either about equally).
    expect(differing / compared).toBeLessThan(1e-3);
  });
});

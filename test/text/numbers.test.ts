/**
 * Numbers for people: counts read as en-US writes them.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { count } from '../../src/text/numbers.js';

describe('count', () => {
  it('groups every integer in threes as en-US does, in full', () => {
    for (const n of [0, -0, 7, 999, 1000, 7820, -1234, 1e6, 2 ** 53, 1e21, 1.5e300, -9007199254740993]) {
      expect([n, count(n)]).toEqual([n, n.toLocaleString('en-US')]);
    }
    fc.assert(fc.property(fc.integer({ min: -(2 ** 53), max: 2 ** 53 }), (n) => count(n) === n.toLocaleString('en-US')));
    fc.assert(fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }).filter(Number.isInteger), (n) => count(n) === n.toLocaleString('en-US')));
  });

  it('keeps four significant digits of a fraction', () => {
    expect([count(2.5), count(1234.5678), count(0.000123456)]).toEqual(['2.5', '1235', '0.0001235']);
  });
});

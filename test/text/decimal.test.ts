/**
 * Numbers read from bytes (the log reader's fast path) are parseNumber's numbers, bit for bit: the same
 * grammar, the same trimming, the same rounding.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseNumber, parseNumberBytes } from '../../src/text/decimal.js';

const fromBytes = (text: string) => {
  const bytes = new TextEncoder().encode(`#${text}#`);
  return parseNumberBytes(bytes, 1, bytes.length - 1);
};
const fromText = (text: string) => parseNumber(text.trim());

describe('parseNumberBytes', () => {
  it('reads what parseNumber reads and refuses what it refuses', () => {
    for (const text of ['0', '-0', '+1', '1.', '.5', '-.5e-3', '1e22', '1e23', '1e-22', '1e-23', '123456789012345', '1234567890123456', '9007199254740993', '0.1', '0.30000000000000004', ' 2e-4\t', '\u00a03', '1e400', '1e-400', '0e999999', '', '.', '1e', 'e5', '--1', '0x10', 'Infinity', 'NaN', '1,5', '١']) {
      expect(Object.is(fromBytes(text), fromText(text)), JSON.stringify(text)).toBe(true);
    }
  });

  it('agrees with parseNumber on every double written shortest, fixed or scientific', () => {
    const writings = fc.tuple(fc.double({ noNaN: true }), fc.integer({ min: 1, max: 21 }), fc.integer({ min: 0, max: 20 })).chain(([x, precision, digits]) =>
      fc.constantFrom(String(x), x.toPrecision(precision), x.toExponential(digits), Number.isFinite(x) && Math.abs(x) < 1e21 ? x.toFixed(digits) : String(x)),
    );
    fc.assert(fc.property(writings, (text) => {
      expect(Object.is(fromBytes(text), fromText(text)), JSON.stringify(text)).toBe(true);
    }), { numRuns: 3000 });
  });

  it('agrees with parseNumber on any string of number-like characters', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9.eE+\- \t]{0,30}$/), (text) => {
      expect(Object.is(fromBytes(text), fromText(text)), JSON.stringify(text)).toBe(true);
    }),
      { numRuns: 3000 },
    );
  });
});

import { describe, expect, it } from 'vitest';
import { nonNegativeLeastSquares } from '../../src/fit/least-squares.js';
import { nelderMead } from '../../src/fit/nelder-mead.js';
import { roundStepCandidates, significantCandidates } from '../../src/fit/round-numbers.js';

const column = (f: (i: number) => number, n = 50) => Float64Array.from({ length: n }, (_, i) => f(i));

describe('nonNegativeLeastSquares', () => {
  it('recovers exact non-negative coefficients', () => {
    const a = column((i) => (i < 10 ? 1 - i / 10 : 0));
    const b = column((i) => (i < 10 ? i / 10 : Math.cos(i / 20)));
    const c = column((i) => (i < 10 ? 0 : 1 - Math.cos(i / 20)));
    const y = column((i) => 0.1 * a[i] + 2 * b[i] + 0.3 * c[i]);
    const { coefficients, rss } = nonNegativeLeastSquares([a, b, c], y);
    expect(coefficients[0]).toBeCloseTo(0.1, 10);
    expect(coefficients[1]).toBeCloseTo(2, 10);
    expect(coefficients[2]).toBeCloseTo(0.3, 10);
    // rss comes from the Gram matrix, so it carries the cancellation of yy - 2 c.cross + c.G.c.
    expect(rss).toBeLessThan(1e-12 * y.reduce((sum, v) => sum + v * v, 0));
  });

  it('holds a coefficient at 0 when the unconstrained one would be negative', () => {
    const a = column((i) => i);
    const b = column(() => 1);
    const zero = new Float64Array(50);
    const y = column((i) => 5 - 0.1 * i);
    const { coefficients } = nonNegativeLeastSquares([a, b, zero], y);
    expect(coefficients[0]).toBe(0);
    expect(coefficients[1]).toBeCloseTo(5 - 0.1 * 24.5, 10);
    expect(coefficients[2]).toBe(0);
  });
});

describe('nelderMead', () => {
  it('finds the minimum of a curved valley', () => {
    const { x, value } = nelderMead(([p, q]) => (p - 3) ** 2 + 10 * (q - p * p / 3) ** 2, [0, 0], [1, 1], 2000);
    expect(x[0]).toBeCloseTo(3, 3);
    expect(x[1]).toBeCloseTo(3, 3);
    expect(value).toBeLessThan(1e-8);
  });

  it('treats Infinity as out of bounds', () => {
    const { x } = nelderMead(([p]) => (p < 1 ? Infinity : (p - 0.5) ** 2), [4], [1], 500);
    expect(x[0]).toBeGreaterThanOrEqual(1);
    expect(x[0]).toBeCloseTo(1, 3);
  });
});

describe('round numbers', () => {
  it('offers the roundest lengths first, within the tolerance', () => {
    expect(roundStepCandidates(502, 5)).toEqual([500, 502]);
    expect(roundStepCandidates(4998, 50)).toEqual([5000, 4998]);
    expect(roundStepCandidates(57, 2)).toEqual([55, 57]);
    expect(roundStepCandidates(2808, 28)).toEqual([2800, 2810, 2808]);
  });

  it('offers fewer significant digits first', () => {
    expect(significantCandidates(1.2e-5, 4)).toEqual([1e-5, 1.2e-5]);
    expect(significantCandidates(0.09996, 4)).toEqual([0.1, 0.09996]);
    expect(significantCandidates(0, 4)).toEqual([0]);
  });
});

describe('roundStepCandidates of a length that is not finite', () => {
  it('has none', () => {
    expect(roundStepCandidates(Infinity, Infinity)).toEqual([]);
    expect(roundStepCandidates(NaN, 2)).toEqual([]);
  });
});

/**
 * compare at any size: past COMPARED_STEPS it compares every k-th step and says so; a long log's shift is
 * searched coarse to fine and still finds the shift an exhaustive search finds.
 */
import { describe, expect, it } from 'vitest';
import { compareLog, curveDifference, curveStats } from '../../src/compare/index.js';
import { COMPARED_STEPS } from '../../src/compare/sampled-steps.js';
import { SEARCHED_POINTS } from '../../src/compare/log-offset.js';
import { curveOf } from '../../src/curve/curve.js';
import { cosine, linear, schedule } from '../../src/schedules/index.js';

describe('compare past COMPARED_STEPS', () => {
  it('computes at most COMPARED_STEPS values a curve for 1e10 steps, with close area and mean', () => {
    let calls = 0;
    const line = linear(1, 0, 1e10);
    const counted = schedule((i) => (calls++, line.lr(i)));
    const stats = curveStats(curveOf(counted, 'lin', 1e10));
    expect(calls).toBeLessThanOrEqual(2 * COMPARED_STEPS + 2);
    expect(stats.comparedEvery).toBe(Math.ceil(1e10 / COMPARED_STEPS));
    expect(stats).toMatchObject({ peak: 1, peakStep: 0 });
    // sum of (1e10 - i)/1e10 over the steps: 5e9 + 0.5; the weighted samples land within a stride of it.
    expect(Math.abs(stats.area - 5e9) / 5e9).toBeLessThan(2 / COMPARED_STEPS);
    expect(Math.abs(stats.stepsAboveHalfPeak - 5e9)).toBeLessThanOrEqual(stats.comparedEvery!);
  });

  it('finds the exact first step where two curves part, within the stride before it', () => {
    const a = curveOf(linear(1, 0, 1e10), 'a', 1e10);
    const parted = linear(1, 0, 1e10);
    const b = curveOf(schedule((i) => (i >= 123_456_789 ? parted.lr(i) * 1.01 : parted.lr(i))), 'b', 1e10);
    const difference = curveDifference(a, b, 1, 1);
    expect(difference.firstPart).toBe(123_456_789);
    expect(difference.comparedEvery).toBeGreaterThan(1);
  });

  it('compares every step up to COMPARED_STEPS, and says nothing of sampling', () => {
    const stats = curveStats(curveOf(cosine(1, 0, 1000), 'c', 1000));
    expect(stats.comparedEvery).toBeUndefined();
  });
});

describe('the shift of a long log', () => {
  it('is the one every shift tried on every point finds, at a fraction of the cost', () => {
    const plan = cosine(1e-3, 0, 200_000);
    const steps: number[] = [];
    const values: number[] = [];
    for (let s = 0; s < 200_000; s += 7) {
      steps.push(s);
      values.push(plan.lr(Math.max(0, s - 37)) * (1 + 1e-4 * Math.sin(s)));
    }
    expect(steps.length).toBeGreaterThan(SEARCHED_POINTS);
    let calls = 0;
    const counted = { label: 'p', steps: 200_000, peak: 1e-3, lr: (i: number) => (calls++, plan.lr(i)) };
    const result = compareLog(counted, { label: 'log', steps, values }, 1000);
    expect(result.bestOffset).toBe(37);
    expect(calls).toBeLessThan(2001 * SEARCHED_POINTS + 12 * steps.length);
  });
});

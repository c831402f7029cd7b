import { describe, expect, it } from 'vitest';
import { compareLog, curveDifference, curveStats } from '../../src/compare/index.js';
import { curveFromValues, curveOf } from '../../src/curve/curve.js';
import { constant, cosine, linear, warmup } from '../../src/schedules/index.js';

describe('curveStats', () => {
  it('a linear decay from 1 to 0 over 100 steps: closed-form mean, area and half-peak count', () => {
    const stats = curveStats(curveOf(linear(1, 0, 100), 'lin', 100));
    expect(stats).toMatchObject({ peak: 1, peakStep: 0, minStep: 99, stepsAboveHalfPeak: 50 });
    expect(stats.min).toBeCloseTo(0.01, 15);
    expect(stats.final).toBeCloseTo(0.01, 15);
    // sum of (100 - i)/100 for i = 0..99 = 50.5
    expect(stats.area).toBeCloseTo(50.5, 12);
    expect(stats.mean).toBeCloseTo(0.505, 12);
  });

  it('sums a million small rates without losing digits', () => {
    const stats = curveStats(curveOf(constant(1e-5), 'c', 1_000_003));
    expect(stats.area).toBe(1e-5 * 1_000_003);
  });

  it('finds the peak after a warmup', () => {
    const stats = curveStats(curveOf(warmup(cosine(3e-4, 0, 900), { steps: 100 }), 'w', 1000));
    expect(stats.peakStep).toBe(100);
    expect(stats.peak).toBe(3e-4);
  });
});

describe('curveDifference', () => {
  it('identical curves never part', () => {
    const a = curveOf(cosine(0.1, 0, 500), 'a', 500);
    const d = curveDifference(a, curveFromValues('b', Array.from({ length: 500 }, (_, i) => cosine(0.1, 0, 500).lr(i) * (1 + 1e-12))), 0.1, 0.1);
    expect(d.firstPart).toBeNull();
    expect(d.maxAbs).toBeLessThan(1e-12);
  });

  it('reports where two warmups part and by how much', () => {
    const a = curveOf(warmup(cosine(1, 0, 900), { steps: 100 }), 'a', 1000);
    const b = curveOf(warmup(linear(1, 0, 900), { steps: 100 }), 'b', 1000);
    const d = curveDifference(a, b, 1, 1);
    expect(d.firstPart).toBe(101);
    // (1 + cos(pi t))/2 - (1 - t) peaks where its derivative vanishes: sin(pi t) = 2/pi.
    const t = Math.asin(2 / Math.PI) / Math.PI;
    expect(d.maxAbs).toBeCloseTo((1 + Math.cos(Math.PI * t)) / 2 - (1 - t), 5);
    expect(Math.abs(d.maxAbsStep - (100 + 900 * t))).toBeLessThanOrEqual(1);
    expect(d.maxRel).toBeGreaterThan(0.5);
  });
});

describe('compareLog', () => {
  const plan = warmup(linear(1e-5, 0, 4500), { steps: 500 });
  const planned = { label: 'plan', steps: 5000, lr: (i: number) => plan.lr(i), peak: 1e-5 };
  const logged = (offset: number, every = 25) => {
    const steps: number[] = [];
    const values: number[] = [];
    for (let s = every; s <= 5000; s += every) {
      steps.push(s);
      values.push(plan.lr(Math.max(0, s - offset)));
    }
    return { label: 'log', steps, values };
  };

  it('recovers the step offset of skipped updates', () => {
    const c = compareLog(planned, logged(4));
    expect(c.bestOffset).toBe(4);
    expect(c.rmsShareAtOffset).toBeLessThan(1e-12);
    expect(c.rmsShare).toBeGreaterThan(1e-4);
    expect(c.points).toBe(199);
  });

  it('reports 0 when the log follows the plan', () => {
    const c = compareLog(planned, logged(0));
    expect(c).toMatchObject({ bestOffset: 0, maxAbs: 0 });
  });

  it('finds negative offsets too', () => {
    expect(compareLog(planned, logged(-7, 15)).bestOffset).toBe(-7);
  });
});

import { describe, expect, it } from 'vitest';
import { epochBoundaries, stepAxis } from '../../src/render/step-axis.js';

describe('stepAxis', () => {
  it('spans 0 to the run in steps by default, labelled 2k, 4k', () => {
    const axis = stepAxis({}, 10_000);
    expect([axis.from, axis.to, axis.title, axis.unitSteps]).toEqual([0, 10_000, 'step', 1]);
    expect(axis.ticks(5).map(axis.label)).toEqual(['0', '2k', '4k', '6k', '8k', '10k']);
  });

  it('counts epochs on an epoch axis, ticks at whole epochs in steps, and takes --xlim and --xlabel', () => {
    const axis = stepAxis({ xUnit: 'epoch', stepsPerEpoch: 391, xlim: [391 * 10, 391 * 20], xlabel: 'epochs seen' }, 391 * 150);
    expect([axis.from, axis.to, axis.title, axis.unitSteps]).toEqual([3910, 7820, 'epochs seen', 391]);
    expect(axis.ticks(5)).toEqual([10, 12, 14, 16, 18, 20].map((e) => e * 391));
    expect(axis.ticks(5).map(axis.label)).toEqual(['10', '12', '14', '16', '18', '20']);
  });
});

describe('epochBoundaries', () => {
  it('is every epoch inside the range, or every round number of epochs when they would crowd', () => {
    expect(epochBoundaries(100, 0, 1000, 50)).toEqual({ steps: [100, 200, 300, 400, 500, 600, 700, 800, 900], every: 1 });
    const dense = epochBoundaries(10, 0, 10_000, 30);
    expect(dense.every).toBe(50);
    expect(dense.steps.length).toBeLessThanOrEqual(30);
    expect(dense.steps.every((step) => step % 500 === 0)).toBe(true);
    // Never a rule between whole epochs (2.5 epochs would be).
    expect(epochBoundaries(1, 0, 100, 40).every).toBe(5);
  });
});

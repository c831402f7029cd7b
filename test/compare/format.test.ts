import { describe, expect, it } from 'vitest';
import { formatDifferences, formatLogComparisons, formatStats, pairNaming } from '../../src/compare/index.js';
import type { CurveDifference } from '../../src/compare/difference.js';

const difference = (a: string, b: string): CurveDifference =>
  ({ a, b, maxAbs: 3e-4, maxAbsStep: 0, maxRel: 1, maxRelStep: 0, firstPart: 0 }) as CurveDifference;

describe('the pair table fits the terminal', () => {
  const long = 'hf.cosine:lr=3e-4,num_warmup_steps=500,num_training_steps=10000';
  const other = 'torch.CosineAnnealingLR:lr=3e-4,T_max=10000,eta_min=0';
  const width = (lines: string[]): number => Math.max(...lines.map((l) => [...l].length));

  it('in full when it fits, shortened in the middle when that still says which, else by number', () => {
    const pairs = [difference(long, other)];
    expect(pairNaming(pairs, undefined)).toBe('full');
    expect(pairNaming(pairs, 300)).toBe('full');
    expect(pairNaming(pairs, 110)).toBe('shortened');
    expect(pairNaming(pairs, 80)).toBe('numbered');
    for (const columns of [60, 80, 110, 150, 300]) {
      expect(width(formatDifferences(pairs, columns, [long, other]))).toBeLessThanOrEqual(Math.max(columns, 71)); // the numbers alone take 61
    }
    expect(formatDifferences(pairs, 110, [long, other])[2]).toMatch(/^hf\.cosine:…teps=10000 {2}vs {2}torch\.Cosi…,eta_min=0 /);
    expect(formatDifferences(pairs, 80, [long, other])[2]).toMatch(/^#1 {2}vs {2}#2 /);
  });

  it('numbers the statistics table when the pairs go by number', () => {
    const stats = [long, other].map((label) => ({ label, peak: 1, peakStep: 0, final: 0, min: 0, minStep: 0, mean: 0.5, area: 1, stepsAboveHalfPeak: 1, steps: 2 }));
    expect(formatStats(stats as never, true)[2]).toMatch(/^#1 hf\.cosine/);
    expect(formatStats(stats as never)[2]).toMatch(/^hf\.cosine/);
  });
});

describe('log comparisons in words', () => {
  it('one step is a step', () => {
    const line = (bestOffset: number): string =>
      formatLogComparisons([{ log: 'l', plan: 'p', points: 3, maxAbs: 0, maxAbsStep: 0, maxRel: 0, rmsShare: 0, bestOffset, rmsShareAtOffset: 0 }])[2];
    expect(line(1)).toContain('shifted by +1 step (the run lags');
    expect(line(-1)).toContain('shifted by -1 step (the run runs ahead');
    expect(line(3)).toContain('shifted by +3 steps');
  });
});

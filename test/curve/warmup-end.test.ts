import { describe, expect, it } from 'vitest';
import { catalog } from '../../src/catalog.js';
import { curveFromValues, curveOf } from '../../src/curve/curve.js';
import { warmupEnd } from '../../src/curve/warmup-end.js';
import { buildSchedule } from '../../src/notation/build.js';
import { parseTextSpec } from '../../src/notation/parse.js';

const curve = (text: string, steps: number) => curveOf(buildSchedule(catalog, parseTextSpec(text), steps).schedule, text, steps);

describe('warmupEnd', () => {
  it('is the first step at the peak, for lrviz schedules and dialects alike', () => {
    expect(warmupEnd(curve('cosine-warmup:lr=1e-3,warmup=500', 10_000))).toBe(500);
    expect(warmupEnd(curve('hf.cosine:lr=3e-4,num_warmup_steps=123,num_training_steps=1000', 1000))).toBe(123);
    expect(warmupEnd(curve('cosine-warmup:lr=1e-3,warmup=777777', 100_000_000))).toBe(777_777);
  });

  it('is undefined for a curve that starts at its peak, or a single step', () => {
    expect(warmupEnd(curve('cosine:lr=1e-3', 1000))).toBeUndefined();
    expect(warmupEnd(curveFromValues('one', [1]))).toBeUndefined();
    expect(warmupEnd(curveFromValues('flat', [1, 1, 1]))).toBeUndefined();
  });
});

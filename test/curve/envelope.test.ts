import { describe, expect, it } from 'vitest';
import { curveFromValues, curveOf, forEachChunk, keptStepBlocks, materialize } from '../../src/curve/curve.js';
import { envelopeOf, WALKED_STEPS } from '../../src/curve/envelope.js';
import { schedule } from '../../src/schedules/schedule.js';

/** A schedule with no extremes of its own, counting the steps it is asked for. */
function counted(lr: (i: number) => number): { s: ReturnType<typeof schedule>; calls: () => number } {
  let calls = 0;
  return {
    s: schedule((i) => {
      calls++;
      return lr(i);
    }),
    calls: () => calls,
  };
}

describe('envelopeOf', () => {
  it('keeps a one-step spike among a million steps', () => {
    const spike = schedule((i) => (i === 654_321 ? 1 : 0.001));
    const envelope = envelopeOf(curveOf(spike, 'spike', 1_000_000), 500);
    expect(envelope.columns).toBe(500);
    expect(envelope.high).toBe(1);
    const column = envelope.max.findIndex((v) => v === 1);
    expect(envelope.start[column]).toBeLessThanOrEqual(654_321);
    expect(envelope.start[column + 1]).toBeGreaterThan(654_321);
    expect([...envelope.max].filter((v) => v === 1)).toHaveLength(1);
  });

  it('covers only the steps of a range, clamped to the curve, with the range\'s own end points', () => {
    const ramp = curveOf(schedule((i) => i), 'ramp', 1000);
    const window = envelopeOf(ramp, 4, { from: 100, to: 108 });
    expect([...window.start]).toEqual([100, 102, 104, 106, 108]);
    expect([...window.min]).toEqual([100, 102, 104, 106]);
    expect([...window.max]).toEqual([101, 103, 105, 107]);
    expect([window.first, window.last, window.low, window.high]).toEqual([100, 107, 100, 107]);
    const edges = envelopeOf(ramp, 10, { from: -5, to: 5000 });
    expect([edges.start[0], edges.start[10], edges.first, edges.last]).toEqual([0, 1000, 0, 999]);
  });

  it('is exact per step when there are more columns than steps, with exact end points', () => {
    const values = [5, 3, 9, 1];
    const envelope = envelopeOf(curveFromValues('v', values), 100);
    expect(envelope.columns).toBe(4);
    expect([...envelope.min]).toEqual(values);
    expect([...envelope.max]).toEqual(values);
    expect([envelope.first, envelope.last, envelope.low, envelope.high]).toEqual([5, 1, 1, 9]);
  });

  it('covers every step exactly once, across chunk boundaries', () => {
    const n = 100_003;
    const envelope = envelopeOf(curveOf(schedule((i) => i), 'ramp', n), 7);
    expect(envelope.start[0]).toBe(0);
    expect(envelope.start[7]).toBe(n);
    for (let c = 0; c < 7; c++) {
      expect(envelope.min[c]).toBe(envelope.start[c]);
      expect(envelope.max[c]).toBe(envelope.start[c + 1] - 1);
    }
  });
});

describe('envelopeOf a curve that cannot tell its extremes', () => {
  it('costs no more than WALKED_STEPS values at 1e12 steps, and is exact on a monotone curve', () => {
    const { s, calls } = counted((i) => 1 / (1 + i));
    const envelope = envelopeOf(curveOf(s, 'decay', 1e12), 70);
    expect(calls()).toBeLessThanOrEqual(WALKED_STEPS + 2);
    for (let c = 0; c < 70; c++) {
      expect(envelope.max[c]).toBe(1 / (1 + envelope.start[c]));
      expect(envelope.min[c]).toBe(1 / envelope.start[c + 1]);
    }
  });

  it('sees every phase of a short period, whatever the column length', () => {
    const { s } = counted((i) => [1, 0.5, 0.75][i % 3]);
    for (const steps of [1e9 + 7, 3e11, 1e12]) {
      const envelope = envelopeOf(curveOf(s, 'period 3', steps), 113);
      expect(new Set(envelope.min)).toEqual(new Set([0.5]));
      expect(new Set(envelope.max)).toEqual(new Set([1]));
    }
  });

  it('walks every step while the curve is within WALKED_STEPS', () => {
    const { s, calls } = counted((i) => (i === WALKED_STEPS - 3 ? 2 : 1));
    const envelope = envelopeOf(curveOf(s, 'spike', WALKED_STEPS), 7);
    expect(envelope.high).toBe(2);
    expect(calls()).toBeGreaterThanOrEqual(WALKED_STEPS);
  });
});

describe('keptStepBlocks', () => {
  it('computes one value per kept step when --every is large', () => {
    const { s, calls } = counted((i) => i / 1e12);
    const kept: number[] = [];
    for (const { start, values } of keptStepBlocks([curveOf(s, 'ramp', 1e12)], 1e9)) {
      values[0].forEach((v, j) => expect(v).toBe((start + j * 1e9) / 1e12));
      kept.push(values[0].length);
    }
    expect(kept.reduce((a, b) => a + b)).toBe(1000);
    expect(calls()).toBe(1000);
  });

  it('keeps steps 0, k, 2k, ... across blocks for a small k', () => {
    const curve = curveOf(schedule((i) => i), 'steps', 100_003);
    for (const every of [1, 3, 64, 65, 20_000]) {
      const seen: number[] = [];
      for (const { start, values } of keptStepBlocks([curve, curve], every)) {
        values[0].forEach((v, j) => {
          expect(v).toBe(start + j * every);
          expect(values[1][j]).toBe(v);
          seen.push(v);
        });
      }
      expect(seen).toEqual(Array.from({ length: Math.ceil(100_003 / every) }, (_, j) => j * every));
    }
  });
});

describe('curves', () => {
  it('walk in chunks that add up to the whole curve', () => {
    const curve = curveOf(schedule((i) => i * 2), 'double', 40_000);
    const seen: number[] = [];
    forEachChunk(curve, (start, values) => {
      expect(values[0]).toBe(start * 2);
      seen.push(values.length);
    }, 16_384);
    expect(seen).toEqual([16_384, 16_384, 7_232]);
    expect(materialize(curve)[39_999]).toBe(79_998);
  });

  it('refuse a value that is not finite, naming the step', () => {
    const broken = curveOf(schedule((i) => (i < 10 ? 1 : Infinity)), 'broken', 20);
    expect(() => materialize(broken)).toThrow(/"broken": the learning rate at step 10 is Infinity/);
  });
});

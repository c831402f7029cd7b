import { describe, expect, it } from 'vitest';
import { curveFromValues, curveOf, forEachChunk, materialize } from '../../src/curve/curve.js';
import { envelopeOf } from '../../src/curve/envelope.js';
import { schedule } from '../../src/schedules/schedule.js';

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

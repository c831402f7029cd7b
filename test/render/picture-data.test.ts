import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { curveFromValues, materialize } from '../../src/curve/curve.js';
import { envelopeOf } from '../../src/curve/envelope.js';
import { envelopeLine, loggedPoints, sampleRows, seriesField } from '../../src/render/picture-data.js';
import { formulaCurve } from './picture-support.js';

describe('envelopeLine', () => {
  it('is the curve itself on monotone stretches: every point is the value at its step, one a column', () => {
    const curve = formulaCurve('decay', 10_000, (i) => 1 / (1 + i / 100));
    const values = materialize(curve);
    const line = envelopeLine(envelopeOf(curve, 300));
    expect(line.length).toBe(301);
    for (const { step, lr } of line) expect(lr).toBe(values[step]);
  });

  it('draws a one-step spike among a million steps at its full height, at its column', () => {
    const spikeAt = 654_321;
    const curve = formulaCurve('spiky', 1_000_000, (i) => (i === spikeAt ? 5 : 1 - i / 2e6));
    const line = envelopeLine(envelopeOf(curve, 700));
    const peak = line.reduce((best, p) => (p.lr > best.lr ? p : best));
    expect(peak.lr).toBe(5);
    expect(Math.abs(peak.step - spikeAt)).toBeLessThan(1_000_000 / 700);
    expect(line.length).toBeLessThanOrEqual(2 * 700 + 2);
  });

  it('keeps every restart peak and trough of a cosine with restarts', () => {
    const cycle = 100_000;
    const curve = formulaCurve('restarts', 1_000_000, (i) => 0.05 * (1 + Math.cos((Math.PI * (i % cycle)) / cycle)));
    const line = envelopeLine(envelopeOf(curve, 720));
    const peaks = line.filter((p) => p.lr === 0.1).map((p) => Math.round(p.step / cycle));
    expect(new Set(peaks)).toEqual(new Set(Array.from({ length: 10 }, (_, k) => k)));
  });

  it('for any values and width: exact ends, steps strictly increasing, each column swept from its min to its max and no further', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -5, max: 5 }), { minLength: 1, maxLength: 200 }), fc.integer({ min: 1, max: 80 }), (values, columns) => {
        const envelope = envelopeOf(curveFromValues('v', values), columns);
        const line = envelopeLine(envelope);
        expect(line[0]).toEqual({ step: 0, lr: values[0] });
        expect(line[line.length - 1]).toEqual({ step: values.length - 1, lr: values[values.length - 1] });
        for (let k = 1; k < line.length; k++) expect(line[k].step).toBeGreaterThan(line[k - 1].step);
        for (let c = 0; c < envelope.columns; c++) {
          const inColumn = line.filter((p) => p.step >= envelope.start[c] && p.step < envelope.start[c + 1]).map((p) => p.lr);
          if (inColumn.length === 0) {
            // Inside a flat run: the line crosses the column level, at the column's one value.
            const around = [line.filter((p) => p.step < envelope.start[c]).pop()!.lr, line.find((p) => p.step >= envelope.start[c + 1])!.lr];
            expect(around).toEqual([envelope.min[c], envelope.max[c]]);
            expect(envelope.min[c]).toBe(envelope.max[c]);
            continue;
          }
          for (const lr of inColumn) expect(lr >= envelope.min[c] && lr <= envelope.max[c]).toBe(true);
          // The line, coming in from the point before the column, sweeps the column's whole range.
          const before = line.filter((p) => p.step < envelope.start[c]).map((p) => p.lr).slice(-1);
          const swept = [...before, ...inColumn];
          expect(Math.min(...swept)).toBeLessThanOrEqual(envelope.min[c]);
          expect(Math.max(...swept)).toBeGreaterThanOrEqual(envelope.max[c]);
        }
      }),
      { numRuns: 1000 },
    );
  });
});

describe('sampleRows', () => {
  it('holds the exact value of every curve at one step per column and at the last step', () => {
    const a = formulaCurve('a', 1000, (i) => i / 1000);
    const b = formulaCurve('b', 1000, (i) => 1 - i / 1000);
    const rows = sampleRows([a, b], 10);
    expect(rows.map((r) => r.step)).toEqual([0, 100, 200, 300, 400, 500, 600, 700, 800, 900, 999]);
    for (const row of rows) {
      expect(row[seriesField(0)]).toBe(row.step / 1000);
      expect(row[seriesField(1)]).toBe(1 - row.step / 1000);
    }
  });
});

describe('loggedPoints', () => {
  const log = { label: 'run', steps: Array.from({ length: 100_000 }, (_, i) => i * 10), values: Array.from({ length: 100_000 }, (_, i) => (i === 31_415 ? 9 : 1)) };

  it('keeps every point when there are few', () => {
    const few = { label: 'run', steps: [0, 10, 20], values: [3, 2, 1] };
    expect(loggedPoints(few, 30, 100)).toEqual([
      { step: 0, lr: 3 },
      { step: 10, lr: 2 },
      { step: 20, lr: 1 },
    ]);
  });

  it('thins a dense log to a few real points a column, keeping its outliers', () => {
    const kept = loggedPoints(log, 1_000_000, 500);
    expect(kept.length).toBeLessThanOrEqual(3 * 500);
    expect(kept).toContainEqual({ step: 314_150, lr: 9 });
    const logged = new Map(log.steps.map((s, j) => [s, log.values[j]]));
    for (const p of kept) expect(logged.get(p.step)).toBe(p.lr);
  });
});

import { describe, expect, it } from 'vitest';
import { curveFromValues, curveOf } from '../../src/curve/curve.js';
import { pagePayload } from '../../src/render/html.js';
import { pageCurve } from '../../src/render/page/page-schedules.js';
import { nearestLogged, valueAt, windowRows } from '../../src/render/page/window-rows.js';
import { catalog } from '../../src/catalog.js';
import { buildSchedule } from '../../src/notation/build.js';
import { parseTextSpec } from '../../src/notation/parse.js';
import { loadSources } from '../../src/cli/series.js';
import { pictureRequest } from './picture-support.js';

/** A series as the CLI builds it: the curve carries its resolved spec. */
function cliCurve(text: string, steps: number) {
  const built = buildSchedule(catalog, parseTextSpec(text), steps);
  return curveOf(built.schedule, text, steps, { spec: built.resolved });
}

describe('the page rebuilds each series from its spec', () => {
  it('to the same value at every step, nested specs too', () => {
    for (const text of ['cosine-restarts:lr=0.1,cycle=1000,cycle_mult=2', 'torch.CosineAnnealingLR:lr=0.1,T_max=100', 'wsd:lr=3e-4']) {
      const curve = cliCurve(text, 5000);
      const [series] = pagePayload(pictureRequest([curve])).series;
      expect(series.values).toBeUndefined();
      const rebuilt = pageCurve(JSON.parse(JSON.stringify(series)))!;
      const [a, b] = [new Float64Array(5000), new Float64Array(5000)];
      curve.fill(0, a);
      rebuilt.fill(0, b);
      expect(b).toEqual(a);
    }
  });

  it('holds each epoch\'s value for its updates when the scheduler steps per epoch, as the CLI does', async () => {
    const { series: loaded } = await loadSources({ forSpecs: async () => catalog, all: async () => catalog }, [{ kind: 'spec', text: 'torch.StepLR:lr=0.1,step_size=2,gamma=0.5' }], {
      flags: { steps: '50', stepped: 'epoch', stepsPerEpoch: '10' },
      fallbackRows: 50,
      inputs: () => ({ devices: 1 }),
    });
    const [series] = loaded;
    const [carried] = pagePayload(pictureRequest([series.curve])).series;
    const rebuilt = pageCurve(JSON.parse(JSON.stringify(carried)))!;
    const [a, b] = [new Float64Array(50), new Float64Array(50)];
    series.curve.fill(0, a);
    rebuilt.fill(0, b);
    expect(b).toEqual(a);
    expect([b[19], b[20], b[49]]).toEqual([0.1, 0.05, 0.025]);
  });

  it('carries a curve without a spec as its values, or as a fine line when it is long', () => {
    const short = curveFromValues('short', [3, 2, 1]);
    const long = curveFromValues('long', new Float64Array(100_000).map((_, i) => i % 1000));
    const [a, b] = pagePayload(pictureRequest([short, long])).series;
    expect(a.values).toEqual([3, 2, 1]);
    expect(b.values).toBeUndefined();
    expect(b.line!.length).toBeLessThan(3 * 4096);
    expect(Math.max(...b.line!.map((p) => p.lr))).toBe(999);
  });
});

describe('windowRows', () => {
  const restarts = { label: 'r', curve: cliCurve('cosine-restarts:lr=0.1,cycle=1000', 1_000_000) };

  it('draws a restart at its exact step in any window, however far in', () => {
    for (const [low, high, columns] of [
      [0, 1_000_000, 1000],
      [19_700, 21_200, 1000],
      [19_990, 20_010, 800],
    ]) {
      const { lines } = windowRows([restarts], [], low, high, columns);
      const jumps = lines.filter((row, k) => k > 0 && (row.lr as number) > (lines[k - 1].lr as number) + 0.05);
      if (high - low < 2000) {
        expect(jumps.map((row) => row.step)).toEqual(high > 21_000 ? [20_000, 21_000] : [20_000]);
        const at = lines.indexOf(jumps[0]);
        expect([lines[at - 1].step, lines[at].lr]).toEqual([19_999, 0.1]);
      } else expect(jumps.length).toBeGreaterThan(400);
      expect(lines[0].step).toBeLessThanOrEqual(low);
      expect(lines[lines.length - 1].step).toBeGreaterThanOrEqual(Math.min(high, 999_999));
    }
  });

  it('draws rates at or below a log axis\' floor on the floor, and keeps logged points in view only', () => {
    const zeroAt = { label: 'z', curve: curveFromValues('z', [1, 0, 1e-9, 1]) };
    const log = { label: 'run', steps: [0, 1, 2, 3], values: [1, 0.5, 0.25, 0.125] };
    const { lines, logs } = windowRows([zeroAt], [log], 1, 2, 10, 1e-4);
    expect(lines.map((row) => row.lr)).toEqual([1, 1e-4, 1e-4, 1]);
    expect(logs).toEqual([
      { series: 'run (logged)', step: 1, lr: 0.5 },
      { series: 'run (logged)', step: 2, lr: 0.25 },
    ]);
  });

  it('tells exact values and the nearest logged point', () => {
    expect(valueAt(restarts, 20_000)).toBe(0.1);
    expect(valueAt(restarts, 1_000_000)).toBeUndefined();
    expect(valueAt({ label: 'l', line: [{ step: 0, lr: 0 }, { step: 10, lr: 1 }] }, 5)).toBe(0.5);
    const log = { label: 'run', steps: [0, 100, 200], values: [1, 2, 3] };
    expect(nearestLogged(log, 140, 50)).toEqual({ step: 100, lr: 2 });
    expect(nearestLogged(log, 150, 10)).toBeUndefined();
  });
});

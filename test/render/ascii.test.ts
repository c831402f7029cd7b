import { describe, expect, it } from 'vitest';
import { curveOf } from '../../src/curve/curve.js';
import { renderAscii } from '../../src/render/ascii.js';
import type { RenderRequest } from '../../src/render/request.js';
import { cosine } from '../../src/schedules/shapes/anneal.js';
import { exponential } from '../../src/schedules/shapes/exponential.js';

function request(overrides: Partial<RenderRequest>): RenderRequest {
  return { curves: [], every: 1, logY: false, color: false, theme: 'light', scale: 1, width: 60, height: 10, ...overrides };
}

const labelsOf = (chart: string) =>
  chart
    .split('\n')
    .filter((l) => /[┤┼]/.test(l))
    .map((l) => l.split(/[┤┼]/)[0].trim());

describe('renderAscii', () => {
  it('labels a log axis in decades of the data, top to bottom', () => {
    const chart = renderAscii(request({ curves: [curveOf(exponential({ from: 0.1, rate: 1e-3, every: 1000 }), 'exp', 1000)], logY: true, height: 6 }));
    const labels = labelsOf(chart);
    expect(labels[0]).toBe('1e-1');
    // The data ends near 1e-4; with a label every other decade the axis ends on the labelled one below.
    expect(labels[labels.length - 1]).toBe('1e-5');
    expect(labels.map(Number)).toEqual([...labels.map(Number)].sort((a, b) => b - a));
  });

  it('colours each series and its legend swatch only when asked', () => {
    const curves = [curveOf(cosine(1, 0, 100), 'a', 100), curveOf(cosine(0.5, 0, 100), 'b', 100)];
    expect(renderAscii(request({ curves }))).not.toContain('\x1b[');
    const coloured = renderAscii(request({ curves, color: true }));
    expect(coloured).toContain('\x1b[34m━━\x1b[0m a');
    expect(coloured).toContain('\x1b[31m━━\x1b[0m b');
  });

  it('draws logged points as their own series with a "(logged)" legend entry', () => {
    const chart = renderAscii(request({ curves: [curveOf(cosine(1, 0, 100), 'plan', 100)], logs: [{ label: 'run', steps: [0, 50, 99], values: [1, 0.5, 0] }] }));
    expect(chart).toContain('·· run (logged)');
  });

  it('never draws chart or axis lines wider than asked', () => {
    for (const width of [20, 41, 120]) {
      const chart = renderAscii(request({ curves: [curveOf(cosine(3e-4, 1e-6, 5000), 'c', 5000)], width }));
      const drawn = chart.split('\n').filter((line) => !line.includes('━━'));
      for (const line of drawn) expect([...line].length).toBeLessThanOrEqual(width);
      expect(drawn[drawn.length - 2].trimEnd().endsWith('step')).toBe(true);
    }
  });
});

describe('renderAscii at the edges of the doubles', () => {
  it('labels rates near the largest double without overflowing to -Infinity', () => {
    const chart = renderAscii(request({ curves: [curveOf(cosine(Number.MAX_VALUE, 0, 100), 'huge', 100)], height: 5 }));
    const labels = labelsOf(chart);
    expect(labels[0]).toBe('1.8e308');
    expect(labels[labels.length - 1]).toBe('0');
    expect(chart).not.toMatch(/Infinity|NaN/);
  });
});

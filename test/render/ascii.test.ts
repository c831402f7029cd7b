import { describe, expect, it } from 'vitest';
import { curveOf } from '../../src/curve/curve.js';
import { renderAscii } from '../../src/render/ascii.js';
import type { RenderRequest } from '../../src/render/request.js';
import { cosine } from '../../src/schedules/shapes/anneal.js';
import { exponential } from '../../src/schedules/shapes/exponential.js';
import type { Schedule } from '../../src/schedules/schedule.js';

const constantAt = (lr: number): Schedule => ({ lr: () => lr });

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
    expect(coloured).toContain('\x1b[34m──\x1b[0m a');
    expect(coloured).toContain('\x1b[31m━━\x1b[0m b');
  });

  it('without colour, gives each series its own glyphs and shows them in the legend', () => {
    const labels = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
    // Each curve flat at its own level, so every series owns a row of the chart.
    const curves = labels.map((label, k) => curveOf(constantAt(1 - k * 0.15), label, 100));
    const chart = renderAscii(request({ curves, width: 60, height: 30 }));
    const legend = chart.split('\n').filter((line) => /^  \S+ ?\S? [a-g]$/.test(line));
    const swatches = legend.map((line) => line.trim().slice(0, -2));
    expect(legend.map((line) => line.slice(-1))).toEqual(labels);
    expect(new Set(swatches).size).toBe(labels.length);
    const plotted = chart.split('\n').filter((line) => /[┤│]/.test(line) && !line.includes('└'));
    swatches.forEach((swatch) => {
      const glyph = swatch[0];
      // The series' row is drawn in its glyph alone, across the whole width.
      expect(plotted.some((line) => line.split(/[┤│]/)[1].trim().replaceAll(glyph, '') === '')).toBe(true);
    });
  });

  it('draws logged points as dots, as the legend says, under the plan line', () => {
    const plan = curveOf(cosine(1, 0, 100), 'plan', 100);
    // Off the plan at steps 0-40 (0.2 below it), on it at step 99.
    const steps = [0, 10, 20, 30, 40, 99];
    const chart = renderAscii(request({ curves: [plan], logs: [{ label: 'run', steps, values: steps.map((i) => (i === 99 ? 0 : 0.5 * (1 + Math.cos((Math.PI * i) / 100)) - 0.2)) }] }));
    expect(chart).toContain('· · run (logged)');
    const plotted = chart.split('\n').filter((line) => /[┤│]/.test(line) && !line.includes('└'));
    expect(plotted.join('').split('·').length - 1).toBe(5);
    // The last point sits on the plan's end: the line is drawn over it.
    expect(plotted[plotted.length - 1].trimEnd().endsWith('─')).toBe(true);
  });

  it('draws a log alone, over the steps it logged', () => {
    const chart = renderAscii(request({ curves: [], logs: [{ label: 'run', steps: [0, 1000, 1999], values: [3e-4, 2e-4, 1e-4] }] }));
    expect(labelsOf(chart)[0]).toBe('3e-4');
    expect(chart).toContain('1.5k');
    expect(chart.split('·').length - 1).toBe(3 + 2);
  });

  it('never draws chart or axis lines wider than asked', () => {
    for (const width of [20, 41, 120]) {
      const chart = renderAscii(request({ curves: [curveOf(cosine(3e-4, 1e-6, 5000), 'c', 5000)], width }));
      const drawn = chart.split('\n').filter((line) => !line.endsWith(' c'));
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

import { Resvg } from '@resvg/resvg-js';
import { describe, expect, it } from 'vitest';
import { materialize, type Curve } from '../../src/curve/curve.js';
import { renderSvg } from '../../src/render/svg.js';
import { drawnLines, formulaCurve, pictureRequest, texts, type DrawnLine } from './picture-support.js';

const STEPS = 10_000;
// Ends differ from each other (see unproject): a warmup from 0 and a cosine down to 3e-5.
const warmupCosine = formulaCurve('cosine-warmup:lr=3e-4,warmup=500,min_lr=3e-5', STEPS, (i) =>
  i < 500 ? (3e-4 * i) / 500 : 3e-5 + 1.35e-4 * (1 + Math.cos((Math.PI * (i - 500)) / (STEPS - 500))),
);
const stepDecay = formulaCurve('step:lr=2e-4', STEPS, (i) => 2e-4 * 0.1 ** Math.floor(i / 3000) + 1e-6);

/**
 * Pixel coordinates back to (step, lr) from the line's own ends, which are the curve's exact first and
 * last values at steps 0 and steps-1: no knowledge of the layout needed.
 */
function unproject(line: DrawnLine, curve: Curve): { step: number; lr: number }[] {
  const values = materialize(curve);
  const [x0, y0] = line.points[0];
  const [x1, y1] = line.points[line.points.length - 1];
  const first = values[0];
  const last = values[values.length - 1];
  return line.points.map(([x, y]) => ({ step: ((x - x0) / (x1 - x0)) * (curve.steps - 1), lr: first + ((y - y0) / (y1 - y0)) * (last - first) }));
}

/** Each drawn point lies within the curve's range over the steps its pixel column covers. */
function expectFollows(line: DrawnLine, curve: Curve): void {
  const values = materialize(curve);
  let low = Infinity;
  let high = -Infinity;
  for (const v of values) [low, high] = [Math.min(low, v), Math.max(high, v)];
  const tolerance = (high - low) * 0.005;
  const pixelSteps = curve.steps / (line.points[line.points.length - 1][0] - line.points[0][0]);
  for (const { step, lr } of unproject(line, curve)) {
    const from = Math.max(0, Math.floor(step - 1.5 * pixelSteps));
    const to = Math.min(curve.steps, Math.ceil(step + 1.5 * pixelSteps) + 1);
    const around = values.subarray(from, to);
    expect(lr).toBeGreaterThanOrEqual(Math.min(...around) - tolerance);
    expect(lr).toBeLessThanOrEqual(Math.max(...around) + tolerance);
  }
}

describe('renderSvg', () => {
  it('is one well-formed SVG with a viewBox and the size asked', async () => {
    const svg = await renderSvg(pictureRequest([warmupCosine], { width: 640, height: 320 }));
    expect(svg).toMatch(/^<svg [^>]*viewBox="0 0 640 320"/);
    // resvg's XML parser refuses anything malformed.
    const parsed = new Resvg(svg, { font: { loadSystemFonts: false } });
    expect([parsed.width, parsed.height]).toEqual([640, 320]);
  });

  it('holds one path per series whose points follow its curve, and a legend naming each', async () => {
    const svg = await renderSvg(pictureRequest([warmupCosine, stepDecay]));
    const lines = drawnLines(svg);
    expect(lines.map((l) => l.series)).toEqual([warmupCosine.label, stepDecay.label]);
    expectFollows(lines[0], warmupCosine);
    expectFollows(lines[1], stepDecay);
    // The step drops of the second curve are drawn as near-vertical strokes.
    expect(lines[1].points.length).toBeLessThanOrEqual(2 * 720 + 2);
    expect(texts(svg, 'role-legend-label')).toEqual([warmupCosine.label, stepDecay.label]);
    expect(texts(svg, 'role-axis-title')).toEqual(['step', 'learning rate']);
  });

  it('labels small rates so they never read as zero', async () => {
    const labels = texts(await renderSvg(pictureRequest([warmupCosine])), 'role-axis-label');
    expect(labels).toEqual(['0', '1k', '2k', '3k', '4k', '5k', '6k', '7k', '8k', '9k', '10k', '0', '0.5e-4', '1e-4', '1.5e-4', '2e-4', '2.5e-4', '3e-4']);
  });

  it('draws a million steps in well under 200 KB, every restart peak and a one-step spike visible', async () => {
    const steps = 1_000_000;
    const cycle = 100_000;
    const spikeAt = 654_321;
    const curve = formulaCurve('restarts', steps, (i) => (i === spikeAt ? 0.15 : 0.05 * (1 + Math.cos((Math.PI * (i % cycle)) / cycle)) + 0.001));
    const svg = await renderSvg(pictureRequest([curve]));
    expect(Buffer.byteLength(svg)).toBeLessThan(200_000);
    const [line] = drawnLines(svg);
    const points = unproject(line, curve);
    const spike = points.reduce((best, p) => (p.lr > best.lr ? p : best));
    expect(spike.lr).toBeCloseTo(0.15, 3);
    expect(Math.abs(spike.step - spikeAt)).toBeLessThan(steps / 500);
    for (let k = 0; k < 10; k++) {
      const peak = points.filter((p) => Math.abs(p.step - k * cycle) < steps / 500).reduce((a, p) => Math.max(a, p.lr), 0);
      expect(peak).toBeCloseTo(0.101, 3);
    }
  });

  it('shows a user label as text, never as markup', async () => {
    const label = '<script>alert(1)</script> & "q"';
    const svg = await renderSvg(pictureRequest([formulaCurve(label, 100, (i) => i)], { title: label, legend: 'bottom' }));
    expect(svg).not.toContain('<script');
    expect(texts(svg, 'role-legend-label')).toEqual([label]);
    expect(texts(svg, 'role-title-text')).toEqual([label]);
    expect(drawnLines(svg)[0].series).toBe(label);
    expect(() => new Resvg(svg, { font: { loadSystemFonts: false } })).not.toThrow();
  });

  it('draws logged points as dots over the curves, named "(logged)" in the legend', async () => {
    const log = { label: 'run "a"', steps: [0, 2500, 5000, 7500], values: [1e-4, 2e-4, 1.5e-4, 5e-5] };
    const svg = await renderSvg(pictureRequest([warmupCosine], { logs: [log] }));
    const dots = /<g class="mark-symbol role-mark[^"]*"[^>]*>(.*?)<\/g>/.exec(svg)?.[1] ?? '';
    expect(dots.match(/<path /g)).toHaveLength(4);
    expect(texts(svg, 'role-legend-label')).toEqual([warmupCosine.label, 'run "a" (logged)']);
  });

  it('fills the dark theme background', async () => {
    const svg = await renderSvg(pictureRequest([warmupCosine], { theme: 'dark' }));
    const background = /<rect width="720" height="360" fill="(#[0-9a-f]{6})"/.exec(svg)?.[1];
    expect(background).toBeDefined();
    expect(parseInt(background!.slice(1), 16)).toBeLessThan(0x404040);
  });
});

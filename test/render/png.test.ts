import { describe, expect, it } from 'vitest';
import { LrvizError } from '../../src/errors.js';
import { THEMES } from '../../src/render/picture-theme.js';
import { renderPng } from '../../src/render/png.js';
import { decodePng, formulaCurve, pictureRequest, pixelsOf, rgbOf } from './picture-support.js';

const falling = formulaCurve('linear:lr=0.1', 5000, (i) => 0.1 * (1 - i / 5000));
const rising = formulaCurve('warmup:lr=0.1', 5000, (i) => (0.1 * i) / 5000);

/** Pearson correlation of x and y over a set of pixels. */
function correlation(pixels: [number, number][]): number {
  const n = pixels.length;
  const mx = pixels.reduce((a, [x]) => a + x, 0) / n;
  const my = pixels.reduce((a, [, y]) => a + y, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (const [x, y] of pixels) [sxy, sxx, syy] = [sxy + (x - mx) * (y - my), sxx + (x - mx) ** 2, syy + (y - my) ** 2];
  return sxy / Math.sqrt(sxx * syy);
}

describe('renderPng', () => {
  it('is a PNG of the size asked, with each curve drawn in its colour where the curve is', async () => {
    const png = decodePng(await renderPng(pictureRequest([falling, rising], { width: 600, height: 300 })));
    expect([png.width, png.height]).toEqual([600, 300]);
    const [first, second] = THEMES.light.series.map(rgbOf);
    // Legend swatches are a few pixels; the curves are most of them. In image rows y grows downwards.
    const down = pixelsOf(png, first);
    const up = pixelsOf(png, second);
    expect(down.length).toBeGreaterThan(300);
    expect(up.length).toBeGreaterThan(300);
    expect(correlation(down.filter(([, y]) => y < 220))).toBeGreaterThan(0.95);
    expect(correlation(up.filter(([, y]) => y < 220))).toBeLessThan(-0.95);
    const span = (pixels: [number, number][]) => Math.max(...pixels.map(([x]) => x)) - Math.min(...pixels.map(([x]) => x));
    expect(span(down)).toBeGreaterThan(400);
  });

  it('starts with the PNG signature', async () => {
    const bytes = await renderPng(pictureRequest([falling], { width: 300, height: 150 }));
    expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  });

  it('is --scale times denser for high-DPI screens', async () => {
    for (const scale of [2, 1.5]) {
      const png = decodePng(await renderPng(pictureRequest([falling], { width: 400, height: 200, scale })));
      expect([png.width, png.height]).toEqual([400 * scale, 200 * scale]);
    }
  });

  it('renders text with the bundled DejaVu font, the same on a machine without fonts', async () => {
    const plain = decodePng(await renderPng(pictureRequest([falling], { width: 400, height: 200 })));
    const titled = decodePng(await renderPng(pictureRequest([falling], { width: 400, height: 200, title: 'TITLE' })));
    // With the font files missing, resvg would draw no glyphs at all and the title would add no ink.
    const ink = (png: typeof plain) => pixelsOf(png, rgbOf(THEMES.light.text), 60).filter(([, y]) => y < 30).length;
    expect(ink(titled)).toBeGreaterThan(ink(plain) + 20);
  });

  it('paints the dark theme background', async () => {
    const png = decodePng(await renderPng(pictureRequest([falling], { width: 300, height: 150, theme: 'dark' })));
    expect([...png.rgba.subarray(0, 3)]).toEqual(rgbOf(THEMES.dark.background));
    expect(pixelsOf(png, rgbOf(THEMES.dark.series[0])).length).toBeGreaterThan(100);
  });

  it('refuses a PNG wider than the rasteriser should make, naming the request fields (the CLI names its flags)', async () => {
    await expect(renderPng(pictureRequest([falling], { width: 9000, scale: 2 }))).rejects.toThrow(LrvizError);
    await expect(renderPng(pictureRequest([falling], { width: 9000, scale: 2 }))).rejects.toThrow(/^width 9000 at scale 2 makes a PNG 18000 pixels across/);
  });
});

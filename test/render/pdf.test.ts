import { describe, expect, it } from 'vitest';
import { renderPdf } from '../../src/render/pdf.js';
import { renderSvg } from '../../src/render/svg.js';
import { readPdf } from './pdf-support.js';
import { formulaCurve, pictureRequest, texts } from './picture-support.js';

const STEPS = 10_000;
const warmupCosine = formulaCurve('cosine-warmup:lr=3e-4,warmup=500', STEPS, (i) =>
  i < 500 ? (3e-4 * i) / 500 : 1.5e-4 * (1 + Math.cos((Math.PI * (i - 500)) / (STEPS - 500))),
);
const flat = formulaCurve('constant:lr=1e-4', STEPS, () => 1e-4);

describe('renderPdf', () => {
  it('is one vector page the picture size, its text real text in embedded DejaVu', async () => {
    const request = pictureRequest([warmupCosine, flat], { title: 'warmup or not', width: 640, height: 320 });
    const pdf = readPdf(await renderPdf(request));
    expect(pdf.header).toBe('%PDF-1.3');
    expect(pdf.pages).toBe(1);
    expect(pdf.mediaBoxes).toEqual([[0, 0, 640, 320]]);
    expect(pdf.embeddedFonts.map((name) => name.replace(/^[A-Z]{6}\+/, '')).sort()).toEqual(['DejaVuSans', 'DejaVuSans-Bold']);
    expect(pdf.strokes).toBeGreaterThan(10);
    // The same figure as the SVG: every title, legend entry and tick label it has, in the same order.
    const svg = await renderSvg(request);
    const svgTexts = ['role-title-text', 'role-axis-title', 'role-axis-label', 'role-legend-label'].flatMap((role) => texts(svg, role));
    expect(svgTexts).toContain('learning rate');
    expect(svgTexts).toContain('warmup or not');
    expect([...pdf.texts].sort()).toEqual([...svgTexts].sort());
  });

  it('gives the same bytes for the same figure', async () => {
    const request = pictureRequest([warmupCosine]);
    expect(Buffer.from(await renderPdf(request)).equals(Buffer.from(await renderPdf(request)))).toBe(true);
  });
});

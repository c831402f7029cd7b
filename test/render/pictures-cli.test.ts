/**
 * `lrviz plot -o x.svg|.png|.html|.vl.json` run as a user runs it: the built binary, its files, its exit
 * status. (`npm test` builds first.)
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lrviz } from '../support/cli.js';
import { chunkTexts, loadedAtStartUp } from '../support/bundle.js';
import { decodePng, drawnLines, texts } from './picture-support.js';
import { readPdf } from './pdf-support.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'lrviz-pictures-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const twoSchedules = ['-s', 'cosine-warmup:lr=3e-4,warmup=500', '-s', 'cosine:lr=3e-4', '--steps', '10000'];

describe('lrviz plot to pictures', () => {
  it('writes an SVG with both series, their legend and the title', () => {
    const file = join(dir, 'lr.svg');
    const { status, stdout, stderr } = lrviz(['plot', ...twoSchedules, '-o', file, '--title', 'warmup or not']);
    expect([status, stdout, stderr]).toEqual([0, '', '']);
    const svg = readFileSync(file, 'utf8');
    expect(drawnLines(svg).map((l) => l.series)).toEqual(['cosine-warmup:lr=3e-4,warmup=500', 'cosine:lr=3e-4']);
    expect(texts(svg, 'role-legend-label')).toEqual(['cosine-warmup:lr=3e-4,warmup=500', 'cosine:lr=3e-4']);
    expect(texts(svg, 'role-title-text')).toEqual(['warmup or not']);
  });

  it('writes a PNG of --width x --height pixels times --scale', () => {
    const file = join(dir, 'lr.png');
    const { status, stderr } = lrviz(['plot', '-s', 'cosine-restarts:lr=0.1,cycle=100000', '--steps', '1000000', '-o', file, '--width', '900', '--height', '400', '--scale', '2', '--theme', 'dark']);
    expect([status, stderr]).toEqual([0, '']);
    const png = decodePng(readFileSync(file));
    expect([png.width, png.height]).toEqual([1800, 800]);
  });

  it('writes a PDF: one page, DejaVu embedded, the title, axis titles and legend as text', () => {
    const file = join(dir, 'lr.pdf');
    const { status, stdout, stderr } = lrviz(['plot', ...twoSchedules, '-o', file, '--title', 'warmup or not', '--width', '600', '--height', '300']);
    expect([status, stdout, stderr]).toEqual([0, '', '']);
    const pdf = readPdf(readFileSync(file));
    expect([pdf.header, pdf.pages, pdf.mediaBoxes]).toEqual(['%PDF-1.3', 1, [[0, 0, 600, 300]]]);
    expect(pdf.embeddedFonts.some((name) => name.endsWith('+DejaVuSans'))).toBe(true);
    for (const label of ['warmup or not', 'step', 'learning rate', 'cosine-warmup:lr=3e-4,warmup=500', 'cosine:lr=3e-4', '10k']) expect(pdf.texts).toContain(label);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('writes a self-contained HTML page', () => {
    const file = join(dir, 'lr.html');
    const { status, stderr } = lrviz(['plot', '-s', 'cosine-warmup:lr=0.5,warmup=500', '--steps', '800', '-o', file]);
    expect([status, stderr]).toEqual([0, '']);
    const html = readFileSync(file, 'utf8');
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html.match(/<script\b/g)).toHaveLength(4);
  });

  it('writes the vega-lite spec itself', () => {
    const file = join(dir, 'spec.vl.json');
    const { status, stderr } = lrviz(['plot', '-s', 'cosine-warmup', '--steps', '1000', '-o', file]);
    expect([status, stderr]).toEqual([0, '']);
    const spec = JSON.parse(readFileSync(file, 'utf8'));
    expect(spec.$schema).toMatch(/vega-lite\/v6/);
    expect(spec.layer[0].encoding.color.scale.domain).toEqual(['cosine-warmup']);
  });

  it('writes SVG to stdout with --format svg -o -', () => {
    const { status, stdout } = lrviz(['plot', '-s', 'cosine', '--steps', '100', '-o', '-', '--format', 'svg']);
    expect(status).toBe(0);
    expect(stdout).toMatch(/^<svg [^>]*viewBox="0 0 720 360"/);
  });

  it('refuses a picture too small, in one line, and leaves no file behind', () => {
    const file = join(dir, 'tiny.png');
    const { status, stderr } = lrviz(['plot', '-s', 'cosine', '-o', file, '--width', '50']);
    expect(status).toBe(2);
    expect(stderr).toBe('lrviz: error: --width 50 is too small for a picture; use at least 200 pixels\n');
    expect(existsSync(file)).toBe(false);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('never loads vega or resvg for the terminal: they sit only behind dynamic imports in the bundle', () => {
    const seen = loadedAtStartUp();
    expect(seen.size).toBeGreaterThan(1);
    // Neither the packages themselves (vega, resvg, pdfkit) nor the minified builds vega-runtime evaluates.
    const heavy = /["'](vega|vega-lite|@resvg\/resvg-js|pdfkit|svg-to-pdfkit)["']|\.min\.js/;
    for (const file of seen) expect([file, heavy.test(readFileSync(file, 'utf8'))]).toEqual([file, false]);
    expect(chunkTexts().some((code) => heavy.test(code))).toBe(true);
  });
});

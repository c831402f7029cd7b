import sparticuz from '@sparticuz/chromium';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderHtml } from '../../src/render/html.js';
import { lrviz } from '../support/cli.js';
import { formulaCurve, pictureRequest } from './picture-support.js';

/**
 * The HTML page in a real browser: the Chromium that @sparticuz/chromium carries in node_modules
 * (unpacked to /tmp on first use, never downloaded), driven by playwright-core.
 */
const hostile = '<script>alert(1)</script> & "q"';
const cosine = formulaCurve('cosine-warmup:lr=0.5,warmup=500', 800, (i) => (i < 500 ? (0.5 * i) / 500 : 0.25 * (1 + Math.cos((Math.PI * (i - 500)) / 300))));
const flat = formulaCurve(hostile, 800, () => 0.1);

let browser: Browser;
let folder: string;

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'lrviz-html-'));
  browser = await chromium.launch({ executablePath: await sparticuz.executablePath(), args: sparticuz.args, headless: true });
});

afterAll(async () => {
  await browser?.close();
  rmSync(folder, { recursive: true, force: true });
});

interface Opened {
  page: Page;
  problems: string[];
  offline: string[];
}

/**
 * Opens a page, recording any request that is not the file itself or a data: URL, any error and any
 * dialog. Pages stay open until the browser closes: with sparticuz's --single-process, closing a page
 * can take the whole browser down.
 */
async function open(name: string, html: string, viewport = { width: 1280, height: 720 }): Promise<Opened> {
  const path = join(folder, name);
  writeFileSync(path, html);
  const page = await browser.newPage({ viewport });
  const problems: string[] = [];
  const offline: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') problems.push(`${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('dialog', (dialog) => {
    problems.push(`dialog: ${dialog.message()}`);
    void dialog.dismiss();
  });
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith('file:') || url.startsWith('data:')) return route.continue();
    offline.push(url);
    return route.abort();
  });
  await page.goto(pathToFileURL(path).href);
  await page.waitForSelector('#frame[data-ready]', { timeout: 30_000 });
  return { page, problems, offline };
}

/** A page lrviz itself wrote, as a user makes it. */
function cliPage(args: string[]): string {
  const file = join(folder, `cli-${Math.random().toString(36).slice(2)}.html`);
  const { status, stderr } = lrviz(['plot', ...args, '-o', file]);
  expect([status, stderr]).toEqual([0, '']);
  return readFileSync(file, 'utf8');
}

interface PageState {
  domain: [number, number];
  lastRedrawMs: number;
}

const stateOf = (page: Page) => page.evaluate(() => (window as unknown as { lrvizPage: { state: PageState } }).lrvizPage.state);
const zoomTo = (page: Page, low: number, high: number) =>
  page.evaluate(([a, b]) => (window as unknown as { lrvizPage: { zoomTo(a: number, b: number): Promise<void> } }).lrvizPage.zoomTo(a, b), [low, high]);

/** The tooltip's rows as [key, value] after moving the pointer to (x, y). */
async function hover(page: Page, x: number, y: number): Promise<[string, string][]> {
  await page.mouse.move(x, y);
  const tooltip = page.locator('#tooltip');
  await tooltip.locator('td.key').first().waitFor({ state: 'visible', timeout: 5000 });
  const keys = await tooltip.locator('td.key').allTextContents();
  const values = await tooltip.locator('td.value').allTextContents();
  return keys.map((key, k) => [key, values[k]]);
}

/** Page coordinates of a step on the x axis and of the middle of the plot's height. */
async function pixelOf(page: Page, step: number): Promise<{ x: number; y: number }> {
  return page.evaluate((s) => {
    const view = (window as unknown as { lrvizPage: { view: import('vega').View } }).lrvizPage.view;
    const box = document.getElementById('chart')!.getBoundingClientRect();
    const padding = view.padding() as { left: number; top: number };
    const yRange = view.scale('y').range() as number[];
    return {
      x: box.left + view.origin()[0] + padding.left + (view.scale('x')(s) as number),
      y: box.top + view.origin()[1] + padding.top + (yRange[0] + yRange[1]) / 2,
    };
  }, step);
}

describe('the HTML page in Chromium', () => {
  it('draws every series with a legend, offline, without a console error', async () => {
    const { page, problems, offline } = await open('light.html', renderHtml(pictureRequest([cosine, flat], { title: hostile })));
    expect(await page.locator('#chart svg.marks .mark-line path').count()).toBe(2);
    expect(await page.locator('#chart svg.marks .role-legend-label text').allTextContents()).toEqual([cosine.label, hostile]);
    expect(await page.locator('#chart svg.marks .role-title-text text').allTextContents()).toEqual([hostile]);
    expect(await page.title()).toBe(hostile);
    // The label stayed text: the page holds only its own four scripts.
    expect(await page.locator('script').count()).toBe(4);
    expect(problems).toEqual([]);
    expect(offline).toEqual([]);

  });

  it('shows the step and the exact learning rate of each series on hover', async () => {
    const { page, problems } = await open('hover.html', renderHtml(pictureRequest([cosine, flat])));
    const box = (await page.locator('#chart svg.marks').boundingBox())!;
    const rows = await hover(page, box.x + box.width * 0.5, box.y + box.height * 0.4);
    const keys = rows.map(([key]) => key);
    const values = rows.map(([, value]) => value);
    expect(keys).toEqual(['step', cosine.label, hostile]);
    const step = Number(values[0].replace(/,/g, ''));
    expect(step).toBeGreaterThan(200);
    expect(step).toBeLessThan(600);
    const one = new Float64Array(1);
    cosine.fill(step, one);
    // Exact: the page computes the value itself (this curve travels as its values: it has no spec).
    expect(Number(values[1])).toBe(one[0]);
    expect(Number(values[2])).toBe(0.1);
    expect(problems).toEqual([]);

  });

  it('zooms the step axis with the wheel', async () => {
    const { page, problems } = await open('zoom.html', renderHtml(pictureRequest([cosine])));
    const xLabels = () => page.locator('#chart svg.marks .role-axis-label').first().locator('text').allTextContents();
    const before = await xLabels();
    const box = (await page.locator('#chart svg.marks').boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.4);
    await page.mouse.wheel(0, -400);
    await expect.poll(xLabels, { timeout: 5000 }).not.toEqual(before);
    expect(problems).toEqual([]);

  });

  it('opens on the --xlim window of an epoch axis, and finds round epochs again at every zoom, fractions too', async () => {
    const html = cliPage(['-s', 'cosine-warmup:warmup=782', '--steps', '11730', '--steps-per-epoch', '391', '--x', 'epochs', '--xlim', '5,15']);
    const { page, problems } = await open('epochs.html', html);
    const xLabels = async () => (await page.locator('#chart svg.marks .role-axis-label').first().locator('text').allTextContents()).map(Number).sort((a, b) => a - b);
    expect((await stateOf(page)).domain).toEqual([5 * 391, 15 * 391]);
    expect(await xLabels()).toEqual([6, 8, 10, 12, 14]);
    // One epoch wide: fifths of an epoch, not the whole-run ticks of the opening (which would leave it bare).
    await zoomTo(page, 7 * 391, 8 * 391);
    await expect.poll(xLabels).toEqual([7, 7.2, 7.4, 7.6, 7.8, 8]);
    expect(problems).toEqual([]);
  });

  it('uses the dark theme for the whole page', async () => {
    const { page, problems } = await open('dark.html', renderHtml(pictureRequest([cosine], { theme: 'dark' })));
    const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    const [r, g, b] = background.match(/\d+/g)!.map(Number);
    expect(r + g + b).toBeLessThan(120);
    expect(problems).toEqual([]);

  });

  it('zoomed into 1,500 steps of a million, draws the restart at its exact step and tells the exact rates there', async () => {
    const args = ['-s', 'cosine-restarts:lr=0.1,cycle=1000', '--steps', '1000000'];
    // Wide enough that every step of the window has a pixel of its own to hover.
    const { page, problems, offline } = await open('restarts.html', cliPage(args), { width: 1800, height: 720 });
    expect((await stateOf(page)).domain).toEqual([0, 1000000]);

    // The wheel zooms in around the pointer and never leaves the run.
    const start = await pixelOf(page, 20000);
    await page.mouse.move(start.x, start.y);
    for (let k = 0; k < 6; k++) await page.mouse.wheel(0, -500);
    await expect.poll(async () => (await stateOf(page)).domain[1] - (await stateOf(page)).domain[0], { timeout: 10_000 }).toBeLessThan(5000);
    // Around the pointer, which at full width stood within a pixel (600 steps) of step 20,000.
    const wheeled = (await stateOf(page)).domain;
    expect(wheeled[0]).toBeGreaterThan(20000 - 600 - 5000);
    expect(wheeled[1]).toBeLessThan(20000 + 600 + 5000);

    await zoomTo(page, 19700, 21200);
    expect((await stateOf(page)).domain).toEqual([19700, 21200]);
    const lines = await page.evaluate(() => (window as unknown as { lrvizPage: { lines(): { step: number; lr: number }[] } }).lrvizPage.lines());
    const restartAt = lines.findIndex((row, k) => k > 0 && row.lr > lines[k - 1].lr + 0.05);
    expect(lines[restartAt]).toEqual({ series: 'cosine-restarts:lr=0.1,cycle=1000', step: 20000, lr: 0.1 });
    expect(lines[restartAt - 1].step).toBe(19999);
    expect(lines.filter((row, k) => k > 0 && row.lr > lines[k - 1].lr + 0.05).map((row) => row.step)).toEqual([20000, 21000]);

    // The tooltip at a step is what the CSV export says for that step, to the last digit.
    const csv = lrviz(['plot', ...args, '-o', '-', '--format', 'csv']).stdout.split('\r\n');
    for (const step of [19999, 20000, 20001, 20750]) {
      const { x, y } = await pixelOf(page, step);
      const rows = await hover(page, x, y);
      expect(rows).toEqual([
        ['step', step.toLocaleString('en-US')],
        ['cosine-restarts:lr=0.1,cycle=1000', csv[step + 1].split(',')[1]],
      ]);
    }
    expect(problems).toEqual([]);
    expect(offline).toEqual([]);
  });

  it('lists every series in the tooltip, a series labelled step too, and the logged values near the pointer', async () => {
    const log = { label: 'run\\1\nx\u2028"', steps: [0, 100, 200, 300, 400, 500, 600, 700], values: [0.1, 0.09, 0.08, 0.07, 0.06, 0.05, 0.04, 0.03] };
    const stepSeries = formulaCurve('step', 800, (i) => (i < 400 ? 0.1 : 0.01));
    const { page, problems } = await open('step.html', renderHtml(pictureRequest([stepSeries, cosine], { logs: [log] })));
    const { x, y } = await pixelOf(page, 300);
    const rows = await hover(page, x, y);
    expect(rows).toEqual([
      ['step', '300'],
      ['step', '0.1'],
      [cosine.label, String((0.5 * 300) / 500)],
      [`${log.label} (logged)`, '0.07'],
    ]);
    // The label with a backslash, a line break and U+2028 reached the legend as text.
    const legend = await page.locator('#chart svg.marks .role-legend-label text').allTextContents();
    expect(legend).toHaveLength(3);
    expect(problems).toEqual([]);
  });

  it('fills the window width, and zoom and pan stay within the run', async () => {
    const { page, problems } = await open('wide.html', renderHtml(pictureRequest([cosine])), { width: 1500, height: 700 });
    const width = await page.evaluate(() => document.querySelector('#chart svg')!.getBoundingClientRect().width);
    expect(width).toBeGreaterThan(1500 - 60);
    const box = (await page.locator('#chart svg.marks').boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    // Out as far as the wheel goes: the whole run, no more.
    for (let k = 0; k < 5; k++) await page.mouse.wheel(0, 800);
    await expect.poll(async () => (await stateOf(page)).domain).toEqual([0, 800]);
    // In, then dragged far to the left and far to the right: the window stops at either end.
    await zoomTo(page, 300, 700);
    const { x, y } = await pixelOf(page, 500);
    await page.mouse.move(x, y);
    await page.mouse.down();
    await page.mouse.move(x + 1200, y, { steps: 4 });
    const rounded = async () => (await stateOf(page)).domain.map((end) => Math.round(end * 1e6) / 1e6);
    await expect.poll(rounded).toEqual([0, 400]);
    await page.mouse.move(x - 1400, y, { steps: 4 });
    await page.mouse.up();
    await expect.poll(rounded).toEqual([400, 800]);
    expect(problems).toEqual([]);
  });
});

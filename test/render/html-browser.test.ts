import sparticuz from '@sparticuz/chromium';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderHtml } from '../../src/render/html.js';
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
async function open(name: string, html: string): Promise<Opened> {
  const path = join(folder, name);
  writeFileSync(path, html);
  const page = await browser.newPage();
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
  await page.waitForSelector('#chart svg.marks .mark-line path', { timeout: 15_000 });
  return { page, problems, offline };
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
    await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.4);
    const tooltip = page.locator('#vg-tooltip-element');
    await tooltip.locator('td.key').first().waitFor({ state: 'visible', timeout: 5000 });
    const keys = await tooltip.locator('td.key').allTextContents();
    const values = await tooltip.locator('td.value').allTextContents();
    expect(keys).toEqual(['step', cosine.label, hostile]);
    const step = Number(values[0].replace(/,/g, ''));
    expect(step).toBeGreaterThan(200);
    expect(step).toBeLessThan(600);
    const one = new Float64Array(1);
    cosine.fill(step, one);
    expect(Number(values[1])).toBeCloseTo(one[0], 3);
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

  it('uses the dark theme for the whole page', async () => {
    const { page, problems } = await open('dark.html', renderHtml(pictureRequest([cosine], { theme: 'dark' })));
    const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    const [r, g, b] = background.match(/\d+/g)!.map(Number);
    expect(r + g + b).toBeLessThan(120);
    expect(problems).toEqual([]);

  });
});

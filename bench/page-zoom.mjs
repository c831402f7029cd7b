// Zoom redraws of an lrviz HTML page, timed in the page itself (render/page/main.ts records each
// redraw: rows recomputed from the schedule, then vega's run): node bench/page-zoom.mjs PAGE.html
// prints {"redraws": [ms, ...], "compute": [ms, ...]} as JSON. Uses the Chromium @sparticuz/chromium
// carries (a dev dependency); never downloads one.
import sparticuz from '@sparticuz/chromium';
import { chromium } from 'playwright-core';
import { pathToFileURL } from 'node:url';

const [file] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: await sparticuz.executablePath(), args: sparticuz.args, headless: true });
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  await page.goto(pathToFileURL(file).href);
  await page.waitForSelector('#frame[data-ready]', { timeout: 60_000 });
  const result = await page.evaluate(async () => {
    const { state, zoomTo } = window.lrvizPage;
    const [, end] = state.domain;
    const redraws = [];
    const compute = [];
    // Wheel-like: in by 0.7 a notch around a point a fifth of the way in, down to a few thousand
    // steps, then out again; then pans of a tenth of the window.
    let [low, high] = [0, end];
    const anchor = end / 5 + 0.5;
    const record = async (a, b) => {
      await zoomTo(a, b);
      redraws.push(state.lastRedrawMs);
      compute.push(state.lastComputeMs);
    };
    while (high - low > 3000) {
      [low, high] = [anchor - (anchor - low) * 0.7, anchor + (high - anchor) * 0.7];
      await record(low, high);
    }
    for (let k = 0; k < 10; k++) {
      const shift = (high - low) / 10;
      [low, high] = [low + shift, high + shift];
      await record(low, high);
    }
    while (high - low < end) {
      [low, high] = [anchor - (anchor - low) / 0.7, anchor + (high - anchor) / 0.7];
      await record(Math.max(0, low), Math.min(end, high));
    }
    return { redraws, compute };
  });
  console.log(JSON.stringify(result));
} finally {
  await browser.close();
}

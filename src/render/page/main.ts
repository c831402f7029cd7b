/**
 * The script of the HTML page (bundled by scripts/build.mjs into dist/page.js and inlined by
 * render/html.ts). It rebuilds every series from its spec (page-schedules.ts), and on every zoom, pan
 * or resize recomputes what the visible steps look like, one envelope column a pixel; the tooltip reads
 * the exact value of the step under the pointer from the same curves. vega (inlined before this script
 * as the global `vega`) draws axes, legend and lines from the compiled spec.
 */
import type { Spec, View } from 'vega';
import { pageCurve } from './page-schedules.js';
import type { PageLog, PagePayload } from './payload.js';
import { nearestLogged, valueAt, windowRows, type DrawnSeries } from './window-rows.js';

declare const vega: typeof import('vega');

/** Narrowest window, in steps, the zoom goes to: a few steps still read as separate points. */
const MIN_WINDOW = 8;
/** Logged points count as "near" the pointer within this many pixels. */
const NEAR_PIXELS = 6;
/** Space the page keeps around the chart (body padding). */
const PAGE_MARGIN = 48;

interface PageState {
  domain: [number, number];
  /** Milliseconds of the last redraw: all of it, and the part spent computing the rows. */
  lastRedrawMs: number;
  lastComputeMs: number;
  redraws: number;
}

function readJson<T>(id: string): T {
  return JSON.parse(document.getElementById(id)!.textContent!) as T;
}

async function start(): Promise<void> {
  const payload = readJson<PagePayload>('lrviz-data');
  const spec = readJson<Spec>('lrviz-spec');
  const chart = document.getElementById('chart')!;
  const frame = document.getElementById('frame')!;
  const series: DrawnSeries[] = payload.series.map((s) => ({ label: s.label, curve: pageCurve(s), line: s.line }));
  const full: [number, number] = [0, payload.lastStep];
  const opening: [number, number] = payload.initial === undefined ? [...full] : [Math.max(full[0], payload.initial[0]), Math.min(full[1], payload.initial[1])];
  const state: PageState = { domain: opening, lastRedrawMs: NaN, lastComputeMs: NaN, redraws: 0 };

  const view: View = new vega.View(vega.parse(spec), { renderer: 'svg', container: chart, hover: false });
  view.width(chartWidth());
  await view.runAsync();

  const plotWidth = () => Math.max(1, (view.scale('x').range() as number[])[1]);
  let pending: Promise<void> | undefined;
  let queued = false;

  /** Recomputes and draws the window; calls made while one runs collapse into one more. */
  function redraw(): Promise<void> {
    if (pending !== undefined) {
      queued = true;
      return pending;
    }
    const started = performance.now();
    const [low, high] = state.domain;
    const rows = windowRows(series, payload.logs, low, high, Math.round(plotWidth()), payload.logFloor);
    state.lastComputeMs = performance.now() - started;
    view.signal('xDomain', [low, high]);
    view.change('lines', vega.changeset().remove(() => true).insert(rows.lines));
    if (payload.logs.length > 0) view.change('logs', vega.changeset().remove(() => true).insert(rows.logs));
    pending = view.runAsync().then(() => {
      state.lastRedrawMs = performance.now() - started;
      state.redraws++;
      pending = undefined;
      if (queued) {
        queued = false;
        return redraw();
      }
    });
    return pending;
  }

  /** Sets the x window, kept inside the run and no narrower than MIN_WINDOW steps. */
  function zoomTo(low: number, high: number): Promise<void> {
    const span = full[1] - full[0];
    const width = Math.min(span, Math.max(Math.min(MIN_WINDOW, span), high - low));
    const a = (low + high) / 2 - width / 2;
    state.domain = a <= full[0] ? [full[0], full[0] + width] : a + width >= full[1] ? [full[1] - width, full[1]] : [a, a + width];
    return redraw();
  }

  /** Where the plot's origin is within the chart element: vega's origin is inside its padding. */
  const plotOrigin = (): [number, number] => {
    const padding = view.padding() as { left: number; top: number };
    return [view.origin()[0] + padding.left, view.origin()[1] + padding.top];
  };
  /** A pointer's x within the plot, in pixels. */
  const plotX = (event: MouseEvent) => event.clientX - chart.getBoundingClientRect().left - plotOrigin()[0];
  /**
   * The step under a pointer event, unrounded, from the window as it now stands (the drawn scale may
   * lag a redraw behind while wheel events come fast).
   */
  const stepAt = (event: MouseEvent) => state.domain[0] + (plotX(event) / plotWidth()) * (state.domain[1] - state.domain[0]);

  const svgOf = () => chart.querySelector('svg')!;
  chart.addEventListener(
    'wheel',
    (event) => {
      event.preventDefault();
      const anchor = stepAt(event);
      const factor = Math.exp(Math.max(-1, Math.min(1, event.deltaY * 0.002)));
      const [low, high] = state.domain;
      const width = Math.max(MIN_WINDOW, (high - low) * factor);
      const share = (anchor - low) / (high - low);
      void zoomTo(anchor - share * width, anchor - share * width + width);
    },
    { passive: false },
  );
  let dragFrom: { x: number; domain: [number, number] } | undefined;
  chart.addEventListener('pointerdown', (event) => {
    dragFrom = { x: event.clientX, domain: [...state.domain] };
    chart.setPointerCapture(event.pointerId);
  });
  chart.addEventListener('pointerup', () => (dragFrom = undefined));
  chart.addEventListener('dblclick', () => void zoomTo(full[0], full[1]));

  const tooltip = document.getElementById('tooltip')!;
  const rule = document.getElementById('rule')!;
  chart.addEventListener('pointermove', (event) => {
    if (dragFrom !== undefined) {
      const perPixel = (dragFrom.domain[1] - dragFrom.domain[0]) / plotWidth();
      const shift = (dragFrom.x - event.clientX) * perPixel;
      void zoomTo(dragFrom.domain[0] + shift, dragFrom.domain[1] + shift);
    }
    showTooltip(event);
  });
  chart.addEventListener('pointerleave', () => {
    tooltip.hidden = true;
    rule.hidden = true;
  });

  /** The step under the pointer, the exact rate of every series there, and logged points nearby. */
  function showTooltip(event: MouseEvent): void {
    const x = plotX(event);
    const yRange = view.scale('y').range() as number[];
    if (x < 0 || x > plotWidth()) {
      tooltip.hidden = true;
      rule.hidden = true;
      return;
    }
    const step = Math.max(0, Math.min(payload.lastStep, Math.round(view.scale('x').invert(x) as number)));
    const rows: [string, string][] = [['step', step.toLocaleString('en-US')]];
    for (const s of series) {
      const value = valueAt(s, step);
      rows.push([s.label, value === undefined ? '–' : s.curve === undefined ? `≈ ${value.toPrecision(6)}` : String(value)]);
    }
    const tolerance = (NEAR_PIXELS * (state.domain[1] - state.domain[0])) / plotWidth();
    for (const log of payload.logs) rows.push(...loggedRows(log, step, tolerance));
    fillTable(tooltip, rows);
    tooltip.hidden = false;
    const left = event.clientX + 14 + tooltip.offsetWidth > window.innerWidth ? event.clientX - 14 - tooltip.offsetWidth : event.clientX + 14;
    tooltip.style.left = `${left + window.scrollX}px`;
    tooltip.style.top = `${event.clientY + 14 + window.scrollY}px`;
    const [originX, originY] = plotOrigin();
    rule.hidden = false;
    rule.style.left = `${originX + (view.scale('x')(step) as number)}px`;
    rule.style.top = `${originY + Math.min(yRange[0], yRange[1])}px`;
    rule.style.height = `${Math.abs(yRange[0] - yRange[1])}px`;
  }

  window.addEventListener('resize', () => {
    view.width(chartWidth());
    void view.runAsync().then(redraw);
  });

  await redraw();
  frame.dataset.ready = 'true';
  // For tests and the benchmark: the state, a way to set the window, and the exact values at a step.
  Object.assign(window, {
    lrvizPage: {
      state,
      view,
      zoomTo,
      valuesAt: (step: number) => series.map((s) => valueAt(s, step)),
      lines: () => view.data('lines'),
      svg: svgOf,
    },
  });
}

function loggedRows(log: PageLog, step: number, tolerance: number): [string, string][] {
  const near = nearestLogged(log, step, tolerance);
  if (near === undefined) return [];
  return [[`${log.label} (logged${near.step === step ? '' : ` at step ${near.step.toLocaleString('en-US')}`})`, String(near.lr)]];
}

/** The tooltip's rows, as text nodes: labels are never markup. */
function fillTable(tooltip: HTMLElement, rows: [string, string][]): void {
  const table = document.createElement('table');
  for (const [key, value] of rows) {
    const tr = table.insertRow();
    const k = tr.insertCell();
    k.className = 'key';
    k.textContent = key;
    const v = tr.insertCell();
    v.className = 'value';
    v.textContent = value;
  }
  tooltip.replaceChildren(table);
}

/** The chart takes the window's width. */
function chartWidth(): number {
  return Math.max(200, document.documentElement.clientWidth - PAGE_MARGIN);
}

start().catch((error: Error) => {
  document.getElementById('chart')!.textContent = 'lrviz: the chart could not be drawn: ' + error.message;
  console.error(error);
});

import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Curve } from '../curve/curve.js';
import type { SpecObject } from '../schedules/definition.js';
import type { PagePayload, PageSeries } from './page/payload.js';
import { chartSteps, envelopeLine, loggedPoints } from './picture-data.js';
import { envelopeOf } from '../curve/envelope.js';
import { FONT_FAMILY, THEMES } from './picture-theme.js';
import type { RenderRequest } from './request.js';
import { minifiedBuild, vegaRuntime } from './vega-runtime.js';
import { pictureSize, vegaLiteSpec } from './vegalite.js';
import { lastLoggedStep } from '../logs/points.js';

/** A curve without a spec travels as its values up to this many steps (about 20 bytes each in the page). */
const MAX_EMBEDDED_VALUES = 20_000;
/** Beyond that, as an envelope line this many columns wide; and logged runs thinned to a few points a column. */
const EMBEDDED_COLUMNS = 4096;

/**
 * One self-contained page that holds the schedules, not samples of them: each series' resolved spec
 * (curve.meta.spec), the compiled vega spec, vega itself and the page's script (render/page/main.ts,
 * which bundles lrviz's schedule code), so the page recomputes the visible steps exactly at every
 * zoom. It works offline, and its Content-Security-Policy forbids any request, so it cannot make one
 * by accident.
 */
export function renderHtml(request: RenderRequest): string {
  const { height } = pictureSize(request);
  const theme = THEMES[request.theme];
  const vegaLite = vegaLiteSpec(request, { interactive: true, detail: 1, page: true });
  // The lines' layer (marks may come before it) holds the learning-rate scale.
  const layers = (vegaLite as { layer: { data?: { name?: string }; encoding: { y: { scale: { domain: number[] } } } }[] }).layer;
  const yScale = (layers.find((layer) => layer.data?.name === 'lines') ?? layers[0]).encoding.y.scale;
  const payload = pagePayload(request, request.logY ? yScale.domain[0] : undefined);
  const vegaSpec = pageVegaSpec(vegaRuntime().vegaLite.compile(vegaLite).spec as VegaSpec, payload.lastStep);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline' 'unsafe-eval'; style-src 'unsafe-inline'; img-src data: blob:">
<title>${escapeHtml(request.title ?? 'learning rate schedule')}</title>
<style>
  body { margin: 0; padding: 24px; background: ${theme.background}; color: ${theme.text}; font-family: ${FONT_FAMILY}; }
  #frame { position: relative; min-height: ${height}px; }
  #chart { touch-action: none; cursor: crosshair; user-select: none; }
  #hint { font-size: 12px; color: ${theme.mutedText}; margin-top: 8px; }
  #rule { position: absolute; width: 0; border-left: 1px solid ${theme.hoverRule}; pointer-events: none; }
  #tooltip { position: absolute; pointer-events: none; background: ${theme.background}; color: ${theme.text};
    border: 1px solid ${theme.axis}; border-radius: 4px; padding: 6px 8px; font-size: 12px; box-shadow: 0 2px 6px rgba(0,0,0,.2); z-index: 1; }
  #tooltip td { padding: 1px 4px; white-space: pre; }
  #tooltip td.key { color: ${theme.mutedText}; max-width: 40em; overflow: hidden; text-overflow: ellipsis; }
  #tooltip td.value { font-variant-numeric: tabular-nums; text-align: right; }
</style>
</head>
<body>
<div id="frame"><div id="chart"></div><div id="rule" hidden></div></div>
<div id="tooltip" hidden></div>
<div id="hint">Hover for exact values · drag to pan, scroll to zoom the steps (recomputed exactly at every zoom) · double-click to reset</div>
<script type="application/json" id="lrviz-data">${inlineJson(payload)}</script>
<script type="application/json" id="lrviz-spec">${inlineJson(vegaSpec)}</script>
<script>${inlineScript(readFileSync(minifiedBuild('vega'), 'utf8'))}</script>
<script>${inlineScript(readFileSync(pageScriptPath(), 'utf8'))}</script>
</body>
</html>
`;
}

interface VegaSpec {
  signals?: { name: string; value?: unknown }[];
  scales?: { name: string; domain?: unknown; domainRaw?: unknown; zero?: boolean }[];
  [key: string]: unknown;
}

/** The compiled spec with its x scale following a signal the page sets as it zooms and pans. */
function pageVegaSpec(spec: VegaSpec, lastStep: number): VegaSpec {
  const x = spec.scales?.find((scale) => scale.name === 'x');
  if (x === undefined) throw new Error('lrviz: the compiled chart has no x scale');
  x.domain = { signal: 'xDomain' };
  x.zero = false;
  delete x.domainRaw;
  return { ...spec, signals: [...(spec.signals ?? []), { name: 'xDomain', value: [0, lastStep] }] };
}

/** What the page needs to compute every view itself: see PagePayload. */
export function pagePayload(request: RenderRequest, logFloor?: number): PagePayload {
  const steps = chartSteps(request);
  const logs = (request.logs ?? []).map((log) => {
    const kept = loggedPoints(log, steps, EMBEDDED_COLUMNS);
    return { label: log.label, steps: kept.map((p) => p.step), values: kept.map((p) => p.lr) };
  });
  return { series: request.curves.map(pageSeries), logs, lastStep: Math.max(steps, lastLoggedStep(logs)), logFloor, ...(request.xlim === undefined ? {} : { initial: request.xlim }) };
}

function pageSeries(curve: Curve): PageSeries {
  const spec = curve.meta?.spec as SpecObject | undefined;
  if (spec !== undefined) return { label: curve.label, steps: curve.steps, spec, rebuild: curve.meta?.rebuild as PageSeries['rebuild'] };
  if (curve.steps <= MAX_EMBEDDED_VALUES) {
    const values = new Float64Array(curve.steps);
    curve.fill(0, values);
    return { label: curve.label, steps: curve.steps, values: [...values] };
  }
  return { label: curve.label, steps: curve.steps, line: envelopeLine(envelopeOf(curve, EMBEDDED_COLUMNS)) };
}

/**
 * dist/page.js, built by scripts/build.mjs, from wherever this module runs: the CLI bundle's chunks
 * (dist/chunks), the library (dist/lib/render) or the sources under test (src/render).
 */
function pageScriptPath(): string {
  const candidates = ['../page.js', '../../page.js', '../../dist/page.js'].map((relative) => fileURLToPath(new URL(relative, import.meta.url)));
  const found = candidates.find((path) => existsSync(path));
  if (found === undefined) throw new Error('lrviz: dist/page.js is missing; run npm run build');
  return found;
}

/** Text in HTML: the five characters that could end it or start markup, as entities. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * JSON inside a <script>: `<` as \u003c so a label holding `</script>` or `<!--` cannot end or bend
 * the script element, and U+2028/U+2029 escaped for older parsers.
 */
export function inlineJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/** A library inlined in a <script>: the builds hold no `</script` today; if one ever does, it is neutralised. */
function inlineScript(code: string): string {
  return code.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');
}

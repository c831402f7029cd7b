import { readFileSync } from 'node:fs';
import { FONT_FAMILY, THEMES } from './picture-theme.js';
import type { RenderRequest } from './request.js';
import { minifiedBuild } from './vega-runtime.js';
import { vegaLiteSpec } from './vegalite.js';

/** The page keeps four envelope columns a pixel, so zooming in on x shows detail a still picture lacks. */
const ZOOM_DETAIL = 4;

/**
 * One self-contained page: vega, vega-lite and vega-embed inlined from node_modules, the spec as
 * JSON, hover tooltips and x zoom (drag to pan, wheel to zoom, double-click to reset). It works
 * offline, and its Content-Security-Policy forbids any request, so it cannot make one by accident.
 */
export function renderHtml(request: RenderRequest): string {
  const spec = vegaLiteSpec(request, { interactive: true, detail: ZOOM_DETAIL });
  const theme = THEMES[request.theme];
  const libraries = (['vega', 'vega-lite', 'vega-embed'] as const).map((name) => inlineScript(readFileSync(minifiedBuild(name), 'utf8')));
  const options = {
    renderer: 'svg',
    // Exporting SVG/PNG works offline; the source, compiled-spec and editor entries would go online.
    actions: { export: true, source: false, compiled: false, editor: false },
    tooltip: { theme: request.theme },
  };
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline' 'unsafe-eval'; style-src 'unsafe-inline'; img-src data: blob:">
<title>${escapeHtml(request.title ?? 'learning rate schedule')}</title>
<style>
  body { margin: 0; padding: 24px; background: ${theme.background}; color: ${theme.text}; font-family: ${FONT_FAMILY}; }
  /* vega-embed stretches a chart whose spec says "fit" to its container; this frame keeps its size. */
  #frame { display: inline-block; }
  #hint { font-size: 12px; color: ${theme.mutedText}; margin-top: 8px; }
  /* Schedule labels are long (cosine-warmup:lr=3e-4,warmup=500); show them whole in tooltips. */
  #vg-tooltip-element table tr td.key { max-width: none; }
</style>
</head>
<body>
<div id="frame"><div id="chart"></div></div>
<div id="hint">Hover for exact values · drag or scroll to pan and zoom the steps · double-click to reset</div>
${libraries.map((code) => `<script>${code}</script>`).join('\n')}
<script>
const spec = ${inlineJson(spec)};
vegaEmbed('#chart', spec, ${inlineJson(options)}).catch((error) => {
  document.getElementById('chart').textContent = 'lrviz: the chart could not be drawn: ' + error.message;
  console.error(error);
});
</script>
</body>
</html>
`;
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

import type { RenderRequest } from './request.js';
import { vegaRuntime } from './vega-runtime.js';
import { vegaLiteSpec, type SpecOptions } from './vegalite.js';

/**
 * The picture as SVG text: the plot's vega-lite spec, compiled, laid out and drawn by a headless vega
 * view. The SVG has a viewBox and its theme's background, so it scales and reads on any page.
 */
export async function svgOf(request: RenderRequest, options: SpecOptions): Promise<string> {
  const { vega, vegaLite } = vegaRuntime();
  // vega-lite's warnings (a fit it had to adjust, say) are for spec authors, not for someone plotting.
  const compiled = vegaLite.compile(vegaLiteSpec(request, options), { logger: vega.logger(vega.Error) }).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none', logLevel: vega.Error });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

export function renderSvg(request: RenderRequest): Promise<string> {
  return svgOf(request, { interactive: false, detail: 1 });
}

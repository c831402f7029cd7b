import { FieldError, shown } from '../errors.js';
import type { Rendered, RenderRequest } from './request.js';

/**
 * Output formats and their renderers. Renderers are imported when used, never before: the terminal
 * path must not pay for loading vega or the PNG rasteriser.
 */
export const FORMATS = {
  terminal: () => import('./ascii.js').then((m) => m.renderAscii),
  txt: () => import('./ascii.js').then((m) => m.renderAscii),
  csv: () => import('./csv.js').then((m) => m.renderCsv),
  json: () => import('./json.js').then((m) => m.renderJson),
  svg: () => import('./svg.js').then((m) => m.renderSvg),
  png: () => import('./png.js').then((m) => m.renderPng),
  pdf: () => import('./pdf.js').then((m) => m.renderPdf),
  html: () => import('./html.js').then((m) => m.renderHtml),
  'vl.json': () => import('./vegalite.js').then((m) => m.renderVegaLiteJson),
} satisfies Record<string, () => Promise<(request: RenderRequest) => Rendered | Promise<Rendered>>>;

export type OutputFormat = keyof typeof FORMATS;

export const FILE_FORMATS = Object.keys(FORMATS).filter((f) => f !== 'terminal') as OutputFormat[];

export function isOutputFormat(name: string): name is OutputFormat {
  return Object.hasOwn(FORMATS, name);
}

/** The format a file name asks for, by its extension (`.vl.json` before `.json`). */
export function formatFromPath(path: string): OutputFormat | undefined {
  const lower = path.toLowerCase();
  if (lower.endsWith('.vl.json')) return 'vl.json';
  if (lower.endsWith('.htm')) return 'html';
  const dot = lower.lastIndexOf('.');
  const extension = dot === -1 ? '' : lower.slice(dot + 1);
  return extension !== 'terminal' && isOutputFormat(extension) ? extension : undefined;
}

export async function render(format: OutputFormat, request: RenderRequest): Promise<Rendered> {
  const renderer = await FORMATS[format]();
  return renderer(request);
}

export function checkFormat(name: string): OutputFormat {
  if (!isOutputFormat(name)) throw new FieldError((field) => `${field('format')} ${shown(name)} is not a format; use one of ${FILE_FORMATS.join(', ')}`);
  return name;
}

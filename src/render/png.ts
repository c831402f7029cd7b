import { Resvg } from '@resvg/resvg-js';
import { FieldError } from '../errors.js';
import { fontFile } from './fonts.js';
import { RASTER_FONT, THEMES } from './picture-theme.js';
import type { RenderRequest } from './request.js';
import { svgOf } from './svg.js';
import { pictureSize } from './vegalite.js';

/** Larger PNGs take seconds and hundreds of megabytes; nobody needs one for a learning-rate curve. */
const MAX_PNG_SIDE = 16384;
const MAX_PNG_PIXELS = 4096 * 4096;

/**
 * The SVG picture rasterised by resvg, --scale times denser (2 for high-DPI screens). The envelope is
 * taken at the PNG's own pixel width, so a denser PNG shows finer detail rather than a stretched line.
 */
export async function renderPng(request: RenderRequest): Promise<Uint8Array> {
  const { width, height } = pictureSize(request);
  for (const [field, side] of [['width', width], ['height', height]] as const) {
    if (Math.round(side * request.scale) > MAX_PNG_SIDE) {
      throw new FieldError((name) => `${name(field)} ${side} at ${name('scale')} ${request.scale} makes a PNG ${Math.round(side * request.scale)} pixels across; the most allowed is ${MAX_PNG_SIDE}`);
    }
  }
  // A 16384-pixel square took 12 s and 2.2 GB: the pixel count is held to a 4096-pixel square's.
  const pixels = Math.round(width * request.scale) * Math.round(height * request.scale);
  if (pixels > MAX_PNG_PIXELS) {
    throw new FieldError(
      (name) => `${name('width')} ${width} by ${name('height')} ${height} at ${name('scale')} ${request.scale} makes a PNG of ${pixels} pixels; the most allowed is ${MAX_PNG_PIXELS} (4096 x 4096); use SVG for larger pictures`,
    );
  }
  const svg = await svgOf(request, { interactive: false, detail: Math.max(1, request.scale) });
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: request.scale },
    background: THEMES[request.theme].background,
    font: { fontFiles: [fontFile('DejaVuSans.ttf'), fontFile('DejaVuSans-Bold.ttf')], loadSystemFonts: false, defaultFontFamily: RASTER_FONT, sansSerifFamily: RASTER_FONT },
  });
  return resvg.render().asPng();
}

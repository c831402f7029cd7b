import { inflateSync } from 'node:zlib';
import type { Curve } from '../../src/curve/curve.js';
import type { RenderRequest } from '../../src/render/request.js';

/** A picture request with the CLI's defaults, for renderer tests. */
export function pictureRequest(curves: readonly Curve[], options: Partial<RenderRequest> = {}): RenderRequest {
  return { curves, every: 1, logY: false, color: false, theme: 'light', scale: 1, ...options };
}

/** A curve computed on demand from a formula: a million steps without a million-entry array. */
export function formulaCurve(label: string, steps: number, lr: (step: number) => number): Curve {
  return {
    label,
    steps,
    fill(start, out) {
      for (let j = 0; j < out.length; j++) out[j] = lr(start + j);
    },
  };
}

export function unescapeXml(text: string): string {
  return text.replace(/&(lt|gt|quot|apos|amp|#(\d+)|#x([0-9a-f]+));/gi, (_, name: string, decimal?: string, hex?: string) => {
    if (decimal) return String.fromCodePoint(Number(decimal));
    if (hex) return String.fromCodePoint(parseInt(hex, 16));
    return { lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' }[name.toLowerCase()] as string;
  });
}

export interface DrawnLine {
  /** The series the path belongs to, from the label vega gives it for screen readers. */
  series: string;
  points: [number, number][];
}

/** Every line mark of a vega SVG: one path per series, with its points in drawing order. */
export function drawnLines(svg: string): DrawnLine[] {
  const lines: DrawnLine[] = [];
  for (const match of svg.matchAll(/<g class="mark-line role-mark[^"]*"[^>]*>((?:<path[^>]*\/>)*)<\/g>/g)) {
    for (const path of match[1].matchAll(/<path[^>]*\/>/g)) {
      const label = /aria-label="([^"]*)"/.exec(path[0])?.[1] ?? '';
      const series = unescapeXml(/series: (.*)$/.exec(label)?.[1] ?? '');
      const d = /\sd="([^"]*)"/.exec(path[0])?.[1] ?? '';
      const points = [...d.matchAll(/[ML](-?[\d.e+-]+),(-?[\d.e+-]+)/g)].map((p) => [Number(p[1]), Number(p[2])] as [number, number]);
      lines.push({ series, points });
    }
  }
  return lines;
}

/** The texts of a group of text marks, e.g. `role-legend-label` or `role-axis-label`. */
export function texts(svg: string, role: string): string[] {
  const out: string[] = [];
  const groups = svg.matchAll(new RegExp(`<g class="mark-text ${role}[^"]*"[^>]*>(.*?)</g>`, 'g'));
  for (const group of groups) {
    for (const text of group[1].matchAll(/<text[^>]*>(.*?)<\/text>/g)) out.push(unescapeXml(text[1]));
  }
  return out;
}

export interface DecodedPng {
  width: number;
  height: number;
  /** Four bytes a pixel, rows top to bottom. */
  rgba: Uint8Array;
}

/**
 * A small PNG decoder, enough for what resvg writes: 8-bit RGB or RGBA, not interlaced. Chunks are
 * checked for order and the IDAT stream inflated and unfiltered (PNG spec, section 9).
 */
export function decodePng(bytes: Uint8Array): DecodedPng {
  const data = Buffer.from(bytes);
  if (!data.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) throw new Error('not a PNG signature');
  let offset = 8;
  let width = 0;
  let height = 0;
  let channels = 0;
  const idat: Buffer[] = [];
  while (offset < data.length) {
    const length = data.readUInt32BE(offset);
    const type = data.toString('latin1', offset + 4, offset + 8);
    const body = data.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      const [bitDepth, colorType, , , interlace] = body.subarray(8, 13);
      if (bitDepth !== 8 || (colorType !== 6 && colorType !== 2) || interlace !== 0) throw new Error(`unsupported PNG: depth ${bitDepth}, colour type ${colorType}`);
      channels = colorType === 6 ? 4 : 3;
    } else if (type === 'IDAT') idat.push(body);
    else if (type === 'IEND') break;
    offset += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const pixels = new Uint8Array(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let x = 0; x < stride; x++) {
      const left = x >= channels ? pixels[y * stride + x - channels] : 0;
      const up = y > 0 ? pixels[(y - 1) * stride + x] : 0;
      const upLeft = y > 0 && x >= channels ? pixels[(y - 1) * stride + x - channels] : 0;
      let predictor = 0;
      if (filter === 1) predictor = left;
      else if (filter === 2) predictor = up;
      else if (filter === 3) predictor = (left + up) >> 1;
      else if (filter === 4) {
        const p = left + up - upLeft;
        const [pa, pb, pc] = [Math.abs(p - left), Math.abs(p - up), Math.abs(p - upLeft)];
        predictor = pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft;
      }
      pixels[y * stride + x] = (line[x] + predictor) & 0xff;
    }
  }
  if (channels === 4) return { width, height, rgba: pixels };
  const rgba = new Uint8Array(width * height * 4);
  for (let i = 0; i < width * height; i++) rgba.set([pixels[3 * i], pixels[3 * i + 1], pixels[3 * i + 2], 255], 4 * i);
  return { width, height, rgba };
}

/** '#0969da' -> [9, 105, 218]. */
export function rgbOf(hex: string): [number, number, number] {
  const n = parseInt(hex.slice(1), 16);
  return [(n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff];
}

/** Pixels within `tolerance` of a colour (per channel), as [x, y]. */
export function pixelsOf(png: DecodedPng, color: [number, number, number], tolerance = 40): [number, number][] {
  const found: [number, number][] = [];
  for (let i = 0; i < png.width * png.height; i++) {
    const [r, g, b] = png.rgba.subarray(4 * i, 4 * i + 3);
    if (Math.abs(r - color[0]) <= tolerance && Math.abs(g - color[1]) <= tolerance && Math.abs(b - color[2]) <= tolerance) {
      found.push([i % png.width, Math.floor(i / png.width)]);
    }
  }
  return found;
}

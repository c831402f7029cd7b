import { inflateSync } from 'node:zlib';

/** What a PDF holds, read from its bytes: enough to check lrviz's figures without a PDF library. */
export interface ReadPdf {
  header: string;
  pages: number;
  /** Pages' sizes in points, from their MediaBox. */
  mediaBoxes: number[][];
  /** BaseFont of every font embedded as a TrueType program (FontFile2). */
  embeddedFonts: string[];
  /** Every text object (BT ... ET) on the pages, decoded through its font's ToUnicode map. */
  texts: string[];
  /** Number of path-painting operators (S, f, B) in the page content: the drawing is vector. */
  strokes: number;
}

/**
 * Reads a PDF the way lrviz writes it (pdfkit: one object a definition, Flate streams, Type0 fonts
 * with a ToUnicode CMap, glyphs shown as hex strings): pages, embedded fonts and the text on the page.
 */
export function readPdf(bytes: Uint8Array): ReadPdf {
  const buffer = Buffer.from(bytes);
  const text = buffer.toString('latin1');
  const objects = new Map<number, { dict: string; stream?: string }>();
  for (const match of text.matchAll(/(\d+) 0 obj\s*([\s\S]*?)endobj/g)) {
    const body = match[2];
    const streamAt = body.indexOf('stream');
    if (streamAt === -1) {
      objects.set(Number(match[1]), { dict: body });
      continue;
    }
    const dict = body.slice(0, streamAt);
    let start = match.index + match[0].indexOf(body) + streamAt + 'stream'.length;
    if (text[start] === '\r') start++;
    if (text[start] === '\n') start++;
    const length = Number(/\/Length (\d+)/.exec(dict)?.[1]);
    const raw = buffer.subarray(start, start + length);
    const stream = /\/FlateDecode/.test(dict) ? inflateSync(raw).toString('latin1') : raw.toString('latin1');
    objects.set(Number(match[1]), { dict, stream });
  }
  const ref = (dict: string, key: string) => Number(new RegExp(`/${key} (\\d+) 0 R`).exec(dict)?.[1]);
  const pagesObjects = [...objects.values()].filter((o) => /\/Type \/Page\b/.test(o.dict));
  const embeddedFonts = [...objects.values()]
    .filter((o) => /\/Type \/FontDescriptor/.test(o.dict) && /\/FontFile2 \d+ 0 R/.test(o.dict))
    .map((o) => /\/FontName \/(\S+)/.exec(o.dict)?.[1] ?? '');
  const texts: string[] = [];
  let strokes = 0;
  for (const page of pagesObjects) {
    const resources = objects.get(ref(page.dict, 'Resources'))?.dict ?? '';
    const fonts = new Map<string, Map<number, string>>();
    for (const [, name, number] of (/\/Font <<([\s\S]*?)>>/.exec(resources)?.[1] ?? '').matchAll(/\/(\w+) (\d+) 0 R/g)) {
      fonts.set(name, toUnicode(objects.get(ref(objects.get(Number(number))?.dict ?? '', 'ToUnicode'))?.stream ?? ''));
    }
    const content = objects.get(ref(page.dict, 'Contents'))?.stream ?? '';
    strokes += [...content.matchAll(/^(S|f|B|f\*|B\*)$/gm)].length;
    for (const [, block] of content.matchAll(/BT\n([\s\S]*?)ET/g)) {
      let font = new Map<number, string>();
      let out = '';
      for (const [, name, hex] of block.matchAll(/\/(\w+) [\d.]+ Tf|<([0-9a-fA-F]+)>/g)) {
        if (name !== undefined) font = fonts.get(name) ?? new Map();
        else for (let k = 0; k < hex.length; k += 4) out += font.get(parseInt(hex.slice(k, k + 4), 16)) ?? '\uFFFD';
      }
      texts.push(out);
    }
  }
  return {
    header: text.slice(0, 8),
    pages: pagesObjects.length,
    mediaBoxes: pagesObjects.map((p) => (/\/MediaBox \[([^\]]*)\]/.exec(p.dict)?.[1] ?? '').trim().split(/\s+/).map(Number)),
    embeddedFonts,
    texts,
    strokes,
  };
}

/** A ToUnicode CMap's bfrange (array form) and bfchar entries: glyph code to text. */
function toUnicode(cmap: string): Map<number, string> {
  const map = new Map<number, string>();
  const unicode = (hex: string) => String.fromCharCode(...(hex.match(/.{4}/g) ?? []).map((h) => parseInt(h, 16)));
  for (const [, from, , list] of cmap.matchAll(/<([0-9a-f]+)> <([0-9a-f]+)> \[([^\]]*)\]/gi)) {
    [...list.matchAll(/<([0-9a-f]+)>/gi)].forEach(([, hex], k) => map.set(parseInt(from, 16) + k, unicode(hex)));
  }
  for (const [, block] of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const [, code, hex] of block.matchAll(/<([0-9a-f]+)>\s*<([0-9a-f]+)>/gi)) map.set(parseInt(code, 16), unicode(hex));
  }
  return map;
}

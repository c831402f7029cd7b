import PDFDocument from 'pdfkit';
import SVGtoPDF from 'svg-to-pdfkit';
import { fontFile } from './fonts.js';
import type { RenderRequest } from './request.js';
import { svgOf } from './svg.js';
import { pictureSize } from './vegalite.js';

/** Every PDF says it was made at this moment, so the same figure gives the same bytes. */
const FIXED_DATE = new Date(Date.UTC(2000, 0, 1));

/**
 * The SVG figure as a one-page vector PDF the picture's size (a pixel a point): the same vega drawing
 * (svgOf), its paths as PDF paths, its text as real text in DejaVu Sans embedded from dejavu-fonts-ttf
 * (pdfkit keeps only the glyphs used), so the PDF can be searched and copied from and needs no fonts
 * on the reader's machine. The envelope is the SVG's: vector lines stay sharp at any zoom.
 */
export async function renderPdf(request: RenderRequest): Promise<Uint8Array> {
  const { width, height } = pictureSize(request);
  const svg = await svgOf(request, { interactive: false, detail: 1 });
  const doc = new PDFDocument({
    size: [width, height],
    margin: 0,
    compress: true,
    info: { Title: request.title ?? 'learning rate schedule', Creator: 'lrviz', Producer: 'lrviz (pdfkit)', CreationDate: FIXED_DATE, ModDate: FIXED_DATE },
  });
  doc.registerFont('DejaVu Sans', fontFile('DejaVuSans.ttf'));
  doc.registerFont('DejaVu Sans Bold', fontFile('DejaVuSans-Bold.ttf'));
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });
  SVGtoPDF(doc, svg, 0, 0, {
    width,
    height,
    assumePt: true,
    // Whatever family the SVG names (DejaVu Sans first, then fallbacks), the text is set in DejaVu.
    fontCallback: (_family: string, bold: boolean) => (bold ? 'DejaVu Sans Bold' : 'DejaVu Sans'),
  });
  doc.end();
  await ended;
  return new Uint8Array(Buffer.concat(chunks));
}

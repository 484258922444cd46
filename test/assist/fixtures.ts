// Generated PoE documents for the assist tests: a text PDF with lines at known positions, a page image
// with English and zh-TW text (for OCR), and that image as an image-only ("scanned") PDF page.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { createCanvas, GlobalFonts } from '@napi-rs/canvas';
import { PDFDocument, StandardFonts } from 'pdf-lib';

const require = createRequire(import.meta.url);
let fontDir = path.dirname(require.resolve('@embedpdf/fonts-tc'));
while (!existsSync(path.join(fontDir, 'fonts', 'NotoSansHant-Regular.otf')) && path.dirname(fontDir) !== fontDir) fontDir = path.dirname(fontDir);
fontDir = path.join(fontDir, 'fonts');
GlobalFonts.registerFromPath(path.join(fontDir, 'NotoSansHant-Regular.otf'), 'PoeTestTC');

export interface DrawnLine {
  text: string;
  x: number;
  y: number;
  size: number;
}

/** A one-or-more page text PDF; each line drawn at (x, y) baseline in points. Returns where each went. */
export async function textPdf(pages: string[][], size = 11): Promise<{ bytes: Uint8Array; drawn: DrawnLine[][]; widthOf: (s: string) => number }> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const drawn: DrawnLine[][] = [];
  for (const lines of pages) {
    const page = pdf.addPage([595, 842]);
    drawn.push(
      lines.map((text, i) => {
        const line = { text, x: 56, y: 780 - i * 18, size };
        page.drawText(text, { x: line.x, y: line.y, size, font });
        return line;
      }),
    );
  }
  return { bytes: await pdf.save(), drawn, widthOf: (s) => font.widthOfTextAtSize(s, size) };
}

/** A white page image with the lines in black at 2 px per point (≈ 144 dpi); line boxes in pixels. */
export function pageImage(
  lines: string[],
  fontPx = 30,
): { png: Uint8Array; width: number; height: number; boxes: { text: string; top: number; bottom: number }[] } {
  const width = 1100;
  const height = 120 + lines.length * fontPx * 2;
  const c = createCanvas(width, height);
  const g = c.getContext('2d');
  g.fillStyle = '#fff';
  g.fillRect(0, 0, width, height);
  g.fillStyle = '#111';
  g.font = `${fontPx}px PoeTestTC`;
  const boxes = lines.map((text, i) => {
    const baseline = 70 + i * fontPx * 2;
    g.fillText(text, 40, baseline);
    return { text, top: baseline - fontPx, bottom: baseline + fontPx * 0.3 };
  });
  return { png: new Uint8Array(c.toBuffer('image/png')), width, height, boxes };
}

/** The image as the only content of a PDF page of the image's size in points ÷ 2 (no text layer). */
export async function scannedPdf(img: { png: Uint8Array; width: number; height: number }): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const png = await pdf.embedPng(img.png);
  const page = pdf.addPage([img.width / 2, img.height / 2]);
  page.drawImage(png, { x: 0, y: 0, width: img.width / 2, height: img.height / 2 });
  return pdf.save();
}

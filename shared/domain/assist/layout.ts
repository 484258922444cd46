// Page text with positions, as the assist reads it: items (a string and its rectangle) grouped into
// lines, and a document-wide folded text whose matches map back to a page and a rectangle.
// Rectangles are [x0, y0, x1, y1] in PDF user space of the page at scale 1: points, origin at the
// bottom-left corner, y upwards (pdf.js's unrotated viewport). Image documents use their pixels as points.
import { glyphOffsets } from './glyph-widths';
import { foldWithMap } from './text';

export type Rect = [number, number, number, number];
export interface TextItem {
  str: string;
  rect: Rect;
}
export interface PageText {
  page: number;
  width: number;
  height: number;
  source: 'layer' | 'ocr';
  items: TextItem[];
}

export interface Line {
  page: number;
  text: string;
  rect: Rect;
  /** Character ranges of `text` and the rectangle of the item each came from. */
  spans: { start: number; end: number; rect: Rect }[];
}

export interface Located {
  page: number;
  rect: Rect;
  text: string;
}

const union = (a: Rect, b: Rect): Rect => [Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[2], b[2]), Math.max(a[3], b[3])];

/** Groups a page's items into lines, top to bottom, left to right. */
export function pageLines(page: PageText): Line[] {
  const items = page.items
    .filter((i) => i.str.trim().length > 0)
    .map((i) => ({ ...i, cy: (i.rect[1] + i.rect[3]) / 2, h: Math.max(1, i.rect[3] - i.rect[1]) }));
  items.sort((a, b) => b.cy - a.cy || a.rect[0] - b.rect[0]);
  const rows: (typeof items)[] = [];
  for (const it of items) {
    const row = rows.find((r) => Math.abs(r[0]!.cy - it.cy) < Math.min(r[0]!.h, it.h) * 0.5);
    if (row) row.push(it);
    else rows.push([it]);
  }
  rows.sort((a, b) => b[0]!.cy - a[0]!.cy);
  return rows.map((row) => {
    row.sort((a, b) => a.rect[0] - b.rect[0]);
    let text = '';
    const spans: Line['spans'] = [];
    let rect = row[0]!.rect;
    let prev: (typeof row)[number] | null = null;
    for (const it of row) {
      if (prev) {
        const gap = it.rect[0] - prev.rect[2];
        // a wide gap is a column break: keep it visible to the matchers as a separator
        text += gap > it.h * 2.5 ? '  |  ' : gap > it.h * 0.15 || /\s$/.test(prev.str) ? ' ' : '';
      }
      spans.push({ start: text.length, end: text.length + it.str.length, rect: it.rect });
      text += it.str;
      rect = union(rect, it.rect);
      prev = it;
    }
    return { page: page.page, text, rect, spans };
  });
}

/** A document's lines and one folded text over all of them, with a way back from folded indexes to rectangles. */
export class DocumentText {
  readonly lines: Line[];
  readonly folded: string;
  /** The raw text, lines separated by newlines. */
  readonly raw: string;
  private readonly lineStarts: number[] = [];
  private readonly maps: number[][] = [];
  private readonly rawStarts: number[] = [];

  constructor(readonly pages: readonly PageText[]) {
    this.lines = pages.flatMap(pageLines);
    let folded = '';
    let raw = '';
    for (const line of this.lines) {
      const f = foldWithMap(line.text);
      if (folded && f.folded) folded += ' ';
      this.lineStarts.push(folded.length);
      this.maps.push(f.map);
      folded += f.folded;
      this.rawStarts.push(raw.length);
      raw += `${line.text}\n`;
    }
    this.folded = folded;
    this.raw = raw;
  }

  /** The line a folded index falls in. */
  lineOfFolded(index: number): number {
    let lo = 0;
    for (let i = 0; i < this.lineStarts.length; i++) if (this.lineStarts[i]! <= index) lo = i;
    return lo;
  }

  /** The line a raw index falls in. */
  lineOfRaw(index: number): number {
    let lo = 0;
    for (let i = 0; i < this.rawStarts.length; i++) if (this.rawStarts[i]! <= index) lo = i;
    return lo;
  }

  /** Page and rectangle of a folded range (clipped to the line it starts in). */
  locateFolded(index: number, length: number): Located | null {
    if (this.lines.length === 0) return null;
    const li = this.lineOfFolded(index);
    const map = this.maps[li]!;
    const from = index - this.lineStarts[li]!;
    const to = Math.min(map.length - 1, from + length - 1);
    if (from < 0 || from >= map.length) return this.locateLine(li);
    return this.locateChars(li, map[from]!, map[to]! + 1);
  }

  /** Page and rectangle of a raw range (clipped to its line). */
  locateRaw(index: number, length: number): Located | null {
    if (this.lines.length === 0) return null;
    const li = this.lineOfRaw(index);
    const from = index - this.rawStarts[li]!;
    return this.locateChars(li, from, Math.min(this.lines[li]!.text.length, from + length));
  }

  locateLine(li: number): Located {
    const l = this.lines[li]!;
    return { page: l.page, rect: l.rect, text: l.text };
  }

  /** Raw start index of a line. */
  rawStart(li: number): number {
    return this.rawStarts[li]!;
  }

  private locateChars(li: number, start: number, end: number): Located {
    const line = this.lines[li]!;
    let rect: Rect | null = null;
    for (const s of line.spans) {
      if (s.end <= start || s.start >= end) continue;
      // the part of the item's rectangle the characters cover, by their relative advance widths
      const offsets = glyphOffsets(line.text.slice(s.start, s.end));
      const w = s.rect[2] - s.rect[0];
      const a = offsets[Math.max(start, s.start) - s.start]!;
      const b = offsets[Math.min(end, s.end) - s.start]!;
      const r: Rect = [s.rect[0] + w * a, s.rect[1], s.rect[0] + w * b, s.rect[3]];
      rect = rect ? union(rect, r) : r;
    }
    return { page: line.page, rect: rect ?? line.rect, text: line.text.slice(start, end).trim() || line.text };
  }
}

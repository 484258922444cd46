// Test helper: page text with positions made from plain lines (one item per line, 6 pt per character),
// as pdf.js would report a simple single-column page.
import type { PageText } from '../../shared/domain/assist';

export function pagesOf(...pages: string[][]): PageText[] {
  return pages.map((lines, p) => ({
    page: p + 1,
    width: 595,
    height: 842,
    source: 'layer' as const,
    items: lines.map((str, i) => ({ str, rect: [50, 780 - i * 16, 50 + str.length * 6, 790 - i * 16] as [number, number, number, number] })),
  }));
}

// Finding a query in a page's text items (pdf.js getTextContent) and mapping each hit back to the
// item ranges the text layer highlights. Pure functions; no pdf.js or DOM here.

export interface TextRun {
  str: string;
  hasEOL?: boolean;
}

export interface HitRange {
  item: number;
  start: number;
  end: number;
}

export interface SearchHit {
  page: number;
  ranges: HitRange[];
}

/** Lower-cases character by character so offsets in the folded text match the original. */
function fold(text: string): string {
  let out = '';
  for (const c of text) {
    const l = c.toLocaleLowerCase();
    out += l.length === c.length ? l : c;
  }
  return out;
}

export function findInPage(page: number, items: readonly TextRun[], query: string): SearchHit[] {
  const needle = fold(query.trim());
  if (!needle) return [];
  const starts: number[] = [];
  let text = '';
  for (const item of items) {
    starts.push(text.length);
    text += item.str;
    if (item.hasEOL) text += '\n';
  }
  const hay = fold(text);
  const hits: SearchHit[] = [];
  for (let at = hay.indexOf(needle); at !== -1; at = hay.indexOf(needle, at + needle.length)) {
    const end = at + needle.length;
    const ranges: HitRange[] = [];
    items.forEach((item, i) => {
      const s = Math.max(at, starts[i]!);
      const e = Math.min(end, starts[i]! + item.str.length);
      if (s < e) ranges.push({ item: i, start: s - starts[i]!, end: e - starts[i]! });
    });
    if (ranges.length > 0) hits.push({ page, ranges });
  }
  return hits;
}

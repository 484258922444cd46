// Marks search hits in a rendered pdf.js text layer: wraps each hit's characters in
// <span class="highlight"> (and "selected" for the active hit), restoring other runs as plain text.
import type { SearchHit } from './text-search';

export function applyHighlights(divs: readonly HTMLElement[], strs: readonly string[], hits: readonly { hit: SearchHit; active: boolean }[]): HTMLElement | null {
  for (let i = 0; i < divs.length; i++) {
    const div = divs[i]!;
    if (div.dataset.highlighted) {
      div.textContent = strs[i] ?? '';
      delete div.dataset.highlighted;
    }
  }
  const byItem = new Map<number, { start: number; end: number; active: boolean }[]>();
  for (const { hit, active } of hits) {
    for (const r of hit.ranges) byItem.set(r.item, [...(byItem.get(r.item) ?? []), { start: r.start, end: r.end, active }]);
  }
  let selected: HTMLElement | null = null;
  for (const [item, ranges] of byItem) {
    const div = divs[item];
    const str = strs[item];
    if (!div || str === undefined) continue;
    ranges.sort((a, b) => a.start - b.start);
    const fragment = document.createDocumentFragment();
    let pos = 0;
    for (const r of ranges) {
      if (r.start > pos) fragment.append(str.slice(pos, r.start));
      const mark = document.createElement('span');
      mark.className = r.active ? 'highlight selected' : 'highlight';
      mark.textContent = str.slice(Math.max(pos, r.start), r.end);
      fragment.append(mark);
      if (r.active && !selected) selected = mark;
      pos = Math.max(pos, r.end);
    }
    if (pos < str.length) fragment.append(str.slice(pos));
    div.replaceChildren(fragment);
    div.dataset.highlighted = '1';
  }
  return selected;
}

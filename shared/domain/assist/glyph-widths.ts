// Relative advance widths of characters, to place a match inside a text item whose rectangle covers the
// whole string (pdf.js reports one rectangle per item, not per character). Helvetica's metrics (the AFM
// widths, per 1000 em) for printable ASCII stand in for any proportional Latin font; CJK and other
// full-width characters are 1 em. Pure: no font is read.

// widths of ' ' (0x20) … '~' (0x7e), Helvetica AFM
const ASCII = [
  278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584,
  556, 1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278,
  469, 556, 333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260,
  334, 584,
];

/** The advance width of one character in em (≈ Helvetica for Latin, 1 for CJK and full-width forms). */
export function glyphWidth(ch: string): number {
  const c = ch.codePointAt(0) ?? 0x20;
  if (c >= 0x20 && c <= 0x7e) return ASCII[c - 0x20]! / 1000;
  if (c >= 0x2e80 || (c >= 0x1100 && c <= 0x115f)) return 1;
  return 0.556;
}

/** Offsets (0…1) of each character boundary of `s` along its width: `[0, …, 1]`, length `s.length + 1`. */
export function glyphOffsets(s: string): number[] {
  const out = [0];
  let x = 0;
  for (const ch of s) {
    x += glyphWidth(ch);
    // a surrogate pair takes two UTF-16 indexes: both end at the same offset
    for (let k = 0; k < ch.length; k++) out.push(x);
  }
  return x > 0 ? out.map((v) => v / x) : out.map((_, i) => i / Math.max(1, s.length));
}

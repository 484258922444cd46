// Text normalisation for PoE matching: width folding, case, punctuation and the spaces OCR puts
// between CJK characters. Pure string functions; no knowledge of claims or documents.

const CJK = '\\u2e80-\\u2fdf\\u3000-\\u303f\\u3040-\\u30ff\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff\\uff00-\\uffef';
const CJK_GAP = new RegExp(`(?<=[${CJK}])\\s+|\\s+(?=[${CJK}])`, 'g');

export const isCjk = (s: string): boolean => new RegExp(`[${CJK}]`).test(s);

/** NFKC (full-width → ASCII), collapsed whitespace, no spaces between CJK characters. Keeps case and punctuation. */
export function cleanText(s: string): string {
  return s
    .normalize('NFKC')
    .replace(/[\u200b-\u200d\ufeff]/g, '')
    .replace(/\s+/g, ' ')
    .replace(CJK_GAP, '')
    .trim();
}

/** For comparing names: lowercase letters, digits and CJK only, single spaces between Latin words. */
export function foldForMatch(s: string): string {
  return cleanText(s)
    .toLowerCase()
    .replace(/[’'`]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .replace(CJK_GAP, '')
    .trim();
}

/**
 * Folds `text` and keeps, for every folded character, the index of the character of `text` it came
 * from, so that a match in the folded text can be mapped back to the original (for evidence rectangles).
 */
export function foldWithMap(text: string): { folded: string; map: number[] } {
  let folded = '';
  const map: number[] = [];
  let pendingSpace = -1;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!.normalize('NFKC').toLowerCase();
    for (const c of ch) {
      if (/[\p{L}\p{N}]/u.test(c)) {
        if (pendingSpace >= 0 && folded.length > 0) {
          const prev = folded[folded.length - 1]!;
          if (!(isCjk(prev) || isCjk(c))) {
            folded += ' ';
            map.push(pendingSpace);
          }
        }
        pendingSpace = -1;
        folded += c;
        map.push(i);
      } else if (/[’'`]/.test(c)) {
        // apostrophes vanish: "Women's" = "Womens"
      } else if (pendingSpace < 0) pendingSpace = i;
    }
  }
  return { folded, map };
}

/** Every index of `needle` in `hay` where it is not glued to a letter or digit on either side (CJK needs no boundary). */
export function findWord(hay: string, needle: string, from = 0): number[] {
  const out: number[] = [];
  if (!needle) return out;
  const boundary = (c: string | undefined, cjkEdge: boolean) => c === undefined || cjkEdge || !/[\p{L}\p{N}]/u.test(c) || isCjk(c);
  for (let i = hay.indexOf(needle, from); i >= 0; i = hay.indexOf(needle, i + 1)) {
    const startCjk = isCjk(needle[0]!);
    const endCjk = isCjk(needle[needle.length - 1]!);
    if (boundary(hay[i - 1], startCjk) && boundary(hay[i + needle.length], endCjk)) out.push(i);
  }
  return out;
}

/** Levenshtein distance, stopping early once it exceeds `max`. */
export function editDistance(a: string, b: string, max = Infinity): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      best = Math.min(best, cur[j]!);
    }
    if (best > max) return max + 1;
    prev = cur;
  }
  return prev[b.length]!;
}

/** Characters OCR takes for one another (folded text: lowercase). */
const LOOKALIKE = ['o0', 'il1', 's5', 'b8', 'z2', 'g9'];

/** How many characters differ between two words of one length when each differing pair is an OCR look-alike, else Infinity. */
function ocrLookalikes(read: string, word: string): number {
  if (read.length !== word.length) return Infinity;
  let n = 0;
  for (let i = 0; i < word.length; i++) {
    if (read[i] === word[i]) continue;
    if (!LOOKALIKE.some((set) => set.includes(read[i]!) && set.includes(word[i]!))) return Infinity;
    n++;
  }
  return n;
}

/**
 * The edits between a word as OCR read it and the word it may be, or Infinity when it cannot be that word: up
 * to 3 characters only OCR look-alikes (at most one), one edit in a word of 4 to 7, two in a longer one.
 */
export function ocrWordEdits(read: string, word: string): number {
  if (word.length <= 3) {
    const n = ocrLookalikes(read, word);
    return n <= 1 ? n : Infinity;
  }
  const max = word.length < 8 ? 1 : 2;
  const d = editDistance(read, word, max);
  return d <= max ? d : Infinity;
}

/**
 * Where the words of `needle` occur in `hay` one after another, each as OCR may misread it, or null: a word
 * of up to 3 characters exactly or with one OCR look-alike (Bl for BI, Pr0 for Pro; so "Dynamics AX" is never
 * "Dynamics 36…"), one edit in a word of 4 to 7,
 * two in a longer one, and at most `max` edits in all. Returns the index and length of the words in `hay`.
 */
export function findFuzzyWords(hay: string, needle: string, max: number): { index: number; length: number } | null {
  const want = needle.split(' ').filter(Boolean);
  const words = [...hay.matchAll(/\S+/g)];
  for (let i = 0; i + want.length <= words.length; i++) {
    let edits = 0;
    let k = 0;
    for (; k < want.length && edits <= max; k++) {
      const d = ocrWordEdits(words[i + k]![0], want[k]!);
      if (d === Infinity) break;
      edits += d;
    }
    if (k === want.length && edits <= max) {
      const last = words[i + want.length - 1]!;
      return { index: words[i]!.index, length: last.index + last[0].length - words[i]!.index };
    }
  }
  return null;
}

// Near-duplicate documents: MinHash signatures over word shingles of the folded text, and their
// estimated Jaccard similarity. Pure and deterministic (FNV-1a with per-slot seeds).
import { foldForMatch } from './text';

const SLOTS = 64;

function fnv(s: string, seed: number): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** A MinHash signature of the text's 4-word shingles (CJK text: 4-character shingles); empty for too little text. */
export function minhash(text: string): number[] {
  const folded = foldForMatch(text);
  const tokens = folded
    .split(' ')
    .flatMap((t) => (/^[\p{L}\p{N}]+$/u.test(t) && t.length > 6 && /[^\p{ASCII}]/u.test(t) ? [...t] : [t]))
    .filter(Boolean);
  if (tokens.length < 12) return [];
  const shingles = new Set<string>();
  for (let i = 0; i + 4 <= tokens.length; i++) shingles.add(tokens.slice(i, i + 4).join(' '));
  const sig: number[] = new Array<number>(SLOTS).fill(0xffffffff);
  for (const s of shingles) for (let k = 0; k < SLOTS; k++) sig[k] = Math.min(sig[k]!, fnv(s, k * 0x9e3779b1));
  return sig;
}

/** Estimated Jaccard similarity of two signatures (0 when either is empty). */
export function similarity(a: readonly number[], b: readonly number[]): number {
  if (a.length === 0 || a.length !== b.length) return 0;
  let same = 0;
  for (let i = 0; i < a.length; i++) if (a[i] === b[i]) same++;
  return same / a.length;
}

/** Near-duplicates: at least this similar. */
export const NEAR_DUPLICATE = 0.8;

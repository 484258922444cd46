// The checks every namespace of renderer strings shares: the same keys and placeholders in English and
// Traditional Chinese, and Chinese text in every Chinese string. Each namespace's test adds its own labels.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { REPO_ROOT } from './service';

type Tree = { [key: string]: string | Tree };

/** The flattened strings of renderer/i18n/<ns>.<lang>.json (dotted keys). */
export function loadStrings(ns: string, lang: 'en' | 'zh-TW'): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (t: Tree, prefix: string) => {
    for (const [k, v] of Object.entries(t)) {
      if (typeof v === 'string') out.set(`${prefix}${k}`, v);
      else walk(v, `${prefix}${k}.`);
    }
  };
  walk(JSON.parse(readFileSync(path.join(REPO_ROOT, 'renderer/i18n', `${ns}.${lang}.json`), 'utf8')) as Tree, '');
  return out;
}

/** Plural forms are one string to a translator: English has _one and _other, Chinese only _other. */
const base = (key: string) => key.replace(/_(one|other)$/, '');
const placeholders = (s: string) =>
  [...s.matchAll(/\{\{\s*(\w+)\s*\}\}/g)]
    .map((m) => m[1])
    .sort()
    .join();

/** Registers the two shared checks for namespace `ns`. */
export function itHasBothLanguages(ns: string): void {
  const en = loadStrings(ns, 'en');
  const zh = loadStrings(ns, 'zh-TW');
  it('have the same strings in English and Traditional Chinese, with the same placeholders', () => {
    expect([...new Set([...zh.keys()].map(base))].sort()).toEqual([...new Set([...en.keys()].map(base))].sort());
    for (const [key, text] of en) {
      const other = zh.get(key) ?? zh.get(`${base(key)}_other`)!;
      // An English singular may leave out {{count}} ("one new document"); Chinese has only the plural form.
      const drop = (p: string) =>
        key.endsWith('_one')
          ? p
              .split(',')
              .filter((x) => x !== 'count')
              .join()
          : p;
      expect(drop(placeholders(other)), key).toBe(drop(placeholders(text)));
    }
  });
  it('write every Chinese string in Chinese', () => {
    expect([...zh].filter(([, v]) => !/[\u3400-\u9fff]/.test(v.replace(/\{\{\s*\w+\s*\}\}/g, ''))).map(([k]) => k)).toEqual([]);
  });
}

// The offline-work strings in both languages: the same keys and placeholders in English and
// Traditional Chinese, and Chinese text in every Chinese string.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/service';

type Tree = { [key: string]: string | Tree };
const load = (lang: string): Map<string, string> => {
  const out = new Map<string, string>();
  const walk = (t: Tree, prefix: string) => {
    for (const [k, v] of Object.entries(t)) {
      if (typeof v === 'string') out.set(`${prefix}${k}`, v);
      else walk(v, `${prefix}${k}.`);
    }
  };
  walk(JSON.parse(readFileSync(path.join(REPO_ROOT, 'renderer/i18n', `offline.${lang}.json`), 'utf8')) as Tree, '');
  return out;
};
const en = load('en');
const zh = load('zh-TW');
const base = (key: string) => key.replace(/_(one|other)$/, '');
const placeholders = (s: string) => [...s.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort().join();

describe('the offline-work translations', () => {
  it('have the same strings in English and Traditional Chinese, with the same placeholders', () => {
    expect([...new Set([...zh.keys()].map(base))].sort()).toEqual([...new Set([...en.keys()].map(base))].sort());
    for (const [key, text] of en) {
      const other = zh.get(key) ?? zh.get(`${base(key)}_other`)!;
      expect(placeholders(other), key).toBe(placeholders(text));
    }
  });

  it('write every Chinese string in Chinese', () => {
    expect([...zh].filter(([, v]) => !/[\u3400-\u9fff]/.test(v.replace(/\{\{\s*\w+\s*\}\}/g, ''))).map(([k]) => k)).toEqual([]);
  });
});

// The CPOR process strings (renderer/i18n/cpor.*.json) in both languages: the same keys and
// placeholders, Chinese text in every Chinese string, a label for every partner role and edit field.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FieldChange, PARTNER_ROLES } from '../../shared/domain';
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
  walk(JSON.parse(readFileSync(path.join(REPO_ROOT, 'renderer/i18n', `cpor.${lang}.json`), 'utf8')) as Tree, '');
  return out;
};
const en = load('en');
const zh = load('zh-TW');
const base = (key: string) => key.replace(/_(one|other)$/, '');
const placeholders = (s: string) => [...s.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort().join();

describe('the CPOR process translations', () => {
  it('have the same strings in English and Traditional Chinese, with the same placeholders', () => {
    expect([...new Set([...zh.keys()].map(base))].sort()).toEqual([...new Set([...en.keys()].map(base))].sort());
    for (const [k, v] of zh) expect(placeholders(v), k).toBe(placeholders(en.get(k) ?? en.get(`${base(k)}_other`) ?? ''));
    for (const [k, v] of zh) expect(v, k).toMatch(/[\u4e00-\u9fff]/);
  });
  it('label every partner role and every field an edit can change', () => {
    for (const r of PARTNER_ROLES) for (const m of [en, zh]) expect(m.get(`history.partnerRole.${r}`)).toBeTruthy();
    for (const f of FieldChange.shape.field.options) for (const m of [en, zh]) expect(m.get(`history.field.${f}`)).toBeTruthy();
  });
});

// Audit mode's strings in both languages: the same keys and placeholders in English and Traditional
// Chinese, Chinese text in every Chinese string, and a label for every code audit mode shows.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DECISION_KINDS, LOCAL_AUDIT_STATES, STRATA } from '../../shared/contracts';
import { DECISION_ANSWERS, VERDICTS } from '../../shared/domain';
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
  walk(JSON.parse(readFileSync(path.join(REPO_ROOT, 'renderer/i18n', `audit.${lang}.json`), 'utf8')) as Tree, '');
  return out;
};
const en = load('en');
const zh = load('zh-TW');
/** Plural forms are one string to a translator: English has _one and _other, Chinese only _other. */
const base = (key: string) => key.replace(/_(one|other)$/, '');
const placeholders = (s: string) => [...s.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort().join();

describe('the audit mode translations', () => {
  it('have the same strings in English and Traditional Chinese, with the same placeholders', () => {
    expect([...new Set([...zh.keys()].map(base))].sort()).toEqual([...new Set([...en.keys()].map(base))].sort());
    for (const [key, text] of en) {
      const other = zh.get(key) ?? zh.get(`${base(key)}_other`)!;
      expect(placeholders(other), key).toBe(placeholders(text));
    }
  });

  it('write every Chinese string in Chinese', () => {
    const latinOnly = [...zh].filter(([, v]) => !/[\u3400-\u9fff]/.test(v.replace(/\{\{\s*\w+\s*\}\}/g, ''))).map(([k]) => k);
    expect(latinOnly).toEqual([]);
  });

  it('label every decision, answer, verdict, state and stratum audit mode shows', () => {
    const needed = [
      ...DECISION_KINDS.map((k) => `kind.${k}`), ...DECISION_ANSWERS.map((a) => `answer.${a}`), 'answer.true', 'answer.false',
      ...VERDICTS.map((v) => `verdict.${v}`), ...LOCAL_AUDIT_STATES.map((s) => `state.${s}`), ...STRATA.map((s) => `stratum.${s}`),
    ];
    expect(needed.filter((k) => !en.has(k) || !zh.has(k))).toEqual([]);
  });
});

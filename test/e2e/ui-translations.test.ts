// The reviewer UI's two languages, checked as a whole where the browser journey sees only a sample:
// every English string has a Traditional Chinese one with the same placeholders, and every code of
// shared/domain (status, derived state, reason, rejection, deadline kind…) has a label in both.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LANGUAGES, MUTATION_KINDS, SHORTCUT_ACTIONS } from '../../shared/contracts';
import {
  ACTIVITY_TYPES,
  CHECKLIST_REASONS,
  CLAIM_STATUSES,
  DEADLINE_KINDS,
  DERIVED_STATES,
  DISPUTE_OUTCOMES,
  HISTORY_KINDS,
  MUTATION_ACTION,
  PRODUCT_FAMILIES,
  REJECTION_REASONS,
  ROLES,
} from '../../shared/domain';
import { REPO_ROOT } from '../support/workstation';

type Tree = { [key: string]: string | Tree };
const load = (lang: string): Tree => JSON.parse(readFileSync(path.join(REPO_ROOT, 'renderer/i18n', `${lang}.json`), 'utf8')) as Tree;
const en = load('en');
const zh = load('zh-TW');

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.set(key, v);
    else for (const [kk, vv] of flatten(v, key)) out.set(kk, vv);
  }
  return out;
}

/** Plural forms (_one, _other…) are one string to a translator: English has two, Chinese one. */
const base = (key: string) => key.replace(/_(zero|one|two|few|many|other)$/, '');
const placeholders = (s: string) => [...s.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();
const CJK = /[\u3400-\u9fff]/;

const enFlat = flatten(en);
const zhFlat = flatten(zh);

function valueOf(flat: Map<string, string>, key: string): string | undefined {
  return flat.get(key) ?? flat.get(`${key}_other`);
}

describe('the reviewer UI translations', () => {
  it('have the same strings in English and Traditional Chinese', () => {
    const enKeys = new Set([...enFlat.keys()].map(base));
    const zhKeys = new Set([...zhFlat.keys()].map(base));
    expect([...enKeys].filter((k) => !zhKeys.has(k))).toEqual([]);
    expect([...zhKeys].filter((k) => !enKeys.has(k))).toEqual([]);
  });

  it('use the same placeholders in both languages', () => {
    const mismatched: string[] = [];
    for (const [key, text] of enFlat) {
      const other = valueOf(zhFlat, base(key));
      if (other !== undefined && placeholders(text).join() !== placeholders(other).join()) mismatched.push(key);
    }
    expect(mismatched).toEqual([]);
  });

  it('label every code of the domain in both languages', () => {
    const needed: [string, readonly string[]][] = [
      ['status', CLAIM_STATUSES],
      ['derived', DERIVED_STATES],
      ['reason', CHECKLIST_REASONS],
      ['reasonHint', CHECKLIST_REASONS],
      ['templates.reason', CHECKLIST_REASONS],
      ['templates.reasonForProduct', CHECKLIST_REASONS],
      ['rejection', REJECTION_REASONS],
      ['templates.rejection', REJECTION_REASONS],
      ['dispute', DISPUTE_OUTCOMES],
      ['templates.dispute', DISPUTE_OUTCOMES],
      ['deadlineKind', DEADLINE_KINDS],
      ['activity', ACTIVITY_TYPES],
      ['family', PRODUCT_FAMILIES],
      ['role', ROLES],
      ['history.kind', HISTORY_KINDS],
      ['mutation', MUTATION_KINDS],
      ['actionName', Object.values(MUTATION_ACTION)],
      ['shortcut', SHORTCUT_ACTIONS],
      ['language', LANGUAGES],
    ];
    const missing: string[] = [];
    for (const [group, codes] of needed) {
      for (const code of codes) {
        for (const [lang, flat] of [
          ['en', enFlat],
          ['zh-TW', zhFlat],
        ] as const) {
          if (!valueOf(flat, `${group}.${code}`)) missing.push(`${lang}: ${group}.${code}`);
        }
      }
    }
    expect(missing).toEqual([]);
  });

  it('are really translated: status, state, reason and deadline labels are Chinese in zh-TW', () => {
    const untranslated: string[] = [];
    for (const group of [
      'status',
      'derived',
      'reason',
      'rejection',
      'deadlineKind',
      'history.kind',
      'shortcut',
      'nav',
      'decide',
      'actionName',
      'sync.connection',
    ]) {
      for (const [key, text] of zhFlat) if (key.startsWith(`${group}.`) && !CJK.test(text)) untranslated.push(`${key}: ${text}`);
    }
    expect(untranslated).toEqual([]);
  });
});

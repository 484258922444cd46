// Audit mode's strings in both languages: the same keys and placeholders in English and Traditional
// Chinese, Chinese text in every Chinese string, and a label for every code audit mode shows.
import { describe, expect, it } from 'vitest';
import { DECISION_KINDS, LOCAL_AUDIT_STATES, STRATA } from '../../shared/contracts';
import { DECISION_ANSWERS, VERDICTS } from '../../shared/domain';
import { itHasBothLanguages, loadStrings } from '../support/translations';

const en = loadStrings('audit', 'en');
const zh = loadStrings('audit', 'zh-TW');

describe('the audit mode translations', () => {
  itHasBothLanguages('audit');

  it('label every decision, answer, verdict, state and stratum audit mode shows', () => {
    const needed = [
      ...DECISION_KINDS.map((k) => `kind.${k}`),
      ...DECISION_ANSWERS.map((a) => `answer.${a}`),
      'answer.true',
      'answer.false',
      ...VERDICTS.map((v) => `verdict.${v}`),
      ...LOCAL_AUDIT_STATES.map((s) => `state.${s}`),
      ...STRATA.map((s) => `stratum.${s}`),
    ];
    expect(needed.filter((k) => !en.has(k) || !zh.has(k))).toEqual([]);
  });
});

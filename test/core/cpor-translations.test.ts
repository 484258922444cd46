// The CPOR process strings (renderer/i18n/cpor.*.json) in both languages: the same keys and placeholders,
// Chinese text in every Chinese string, a label for every partner role and edit field.
import { describe, expect, it } from 'vitest';
import { FieldChange, PARTNER_ROLES } from '../../shared/domain';
import { itHasBothLanguages, loadStrings } from '../support/translations';

describe('the CPOR process translations', () => {
  itHasBothLanguages('cpor');
  it('label every partner role and every field an edit can change', () => {
    const en = loadStrings('cpor', 'en');
    const zh = loadStrings('cpor', 'zh-TW');
    for (const r of PARTNER_ROLES) for (const m of [en, zh]) expect(m.get(`history.partnerRole.${r}`)).toBeTruthy();
    for (const f of FieldChange.shape.field.options) for (const m of [en, zh]) expect(m.get(`history.field.${f}`)).toBeTruthy();
  });
});

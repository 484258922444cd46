// The assist's pure rules: every date format, the cut-off, names, tenant IDs, domains, aliases, engagement.
import { describe, expect, it } from 'vitest';
import {
  aliasesOf,
  assessEngagement,
  canonicalGuid,
  cleanText,
  companyCore,
  compareGuid,
  cutoffDate,
  cutoffVerdict,
  findDates,
  findDomains,
  findGuids,
  findProduct,
  foldForMatch,
  judgeDate,
  minhash,
  resolveOrder,
  sameCompany,
  sameDomain,
  samePerson,
  similarity,
} from '../../shared/domain/assist';

const readings = (text: string) => findDates(text).map((d) => d.readings);

describe('dates as PoE documents write them', () => {
  it('reads ISO dates with dashes, slashes and dots', () => {
    expect(readings('Date: 2026-03-14')).toEqual([['2026-03-14']]);
    // OCR reads a dash as a colon; a time of day is not a date
    expect(readings('Dore: 2026-02:25')).toEqual([['2026-02-25']]);
    expect(readings('Signed 2026-02-25 12:30')).toEqual([['2026-02-25']]);
    expect(readings('signed 2026/3/4 and 2025.12.01')).toEqual([['2026-03-04'], ['2025-12-01']]);
  });
  it('reads d/m/y when the day is over 12 and m/d/y when the second number is', () => {
    expect(findDates('14/03/2026')[0]).toMatchObject({ readings: ['2026-03-14'], order: 'dmy' });
    expect(findDates('03/14/2026')[0]).toMatchObject({ readings: ['2026-03-14'], order: 'mdy' });
    expect(findDates('14.03.26')[0]).toMatchObject({ readings: ['2026-03-14'] });
  });
  it('reports both readings of an ambiguous numeric date', () => {
    expect(findDates('Date: 04/03/2026')[0]).toMatchObject({ readings: ['2026-03-04', '2026-04-03'], order: 'either' });
    expect(findDates('05/05/2026')[0]!.readings).toEqual(['2026-05-05']);
  });
  it('resolves an ambiguous date from the order of the other dates of the document', () => {
    const all = findDates('Start 25/01/2026. Signed 04/03/2026.');
    expect(resolveOrder(all[1]!, [all[0]!]).readings).toEqual(['2026-03-04']);
    const us = findDates('Start 01/25/2026. Signed 04/03/2026.');
    expect(resolveOrder(us[1]!, [us[0]!]).readings).toEqual(['2026-04-03']);
  });
  it('reads month names in both orders, abbreviated and with ordinals', () => {
    expect(readings('14 March 2026; March 14, 2026; 14th Mar. 2026; Sept 3 2025; 1-Feb-2026')).toEqual([
      ['2026-03-14'],
      ['2026-03-14'],
      ['2026-03-14'],
      ['2025-09-03'],
      ['2026-02-01'],
    ]);
  });
  it('reads 2026年3月14日 and the Republic of China calendar', () => {
    expect(findDates('日期：2026年3月14日')[0]).toMatchObject({ readings: ['2026-03-14'], format: 'cjk' });
    expect(findDates('民國115年3月14日')[0]).toMatchObject({ readings: ['2026-03-14'], format: 'roc' });
    expect(findDates('中華民國 115 年 3 月 14 日')[0]!.readings).toEqual(['2026-03-14']);
    expect(findDates('115年12月1日')[0]).toMatchObject({ readings: ['2026-12-01'], format: 'roc' });
    expect(findDates('日期：115/03/14')[0]).toMatchObject({ readings: ['2026-03-14'], format: 'roc' });
    expect(findDates(cleanText('民 國 115 年 3 月 14 日'))[0]!.readings).toEqual(['2026-03-14']);
  });
  it('ignores impossible dates, phone numbers and version strings', () => {
    expect(readings('31/02/2026')).toEqual([]);
    expect(readings('2026-13-01')).toEqual([]);
    expect(readings('+886 2 2345 6789, v1.2.3')).toEqual([]);
  });
});

describe('the 12-month cut-off', () => {
  const submitted = '2026-03-14T02:00:00Z';
  it('counts 12 months back from the submission day, inclusive', () => {
    expect(cutoffDate('2026-03-14')).toBe('2025-03-14');
    expect(cutoffDate('2024-02-29')).toBe('2023-02-28');
    expect(cutoffVerdict('2025-03-14', submitted)).toBe('current');
    expect(cutoffVerdict('2025-03-13', submitted)).toBe('outdated');
    expect(cutoffVerdict('2026-03-14', submitted)).toBe('current');
  });
  it("flags a date after submission, on the submission day of the claim's zone", () => {
    expect(cutoffVerdict('2026-03-15', submitted)).toBe('future');
    expect(cutoffVerdict('2026-03-14', '2026-03-13T20:00:00Z', 'Asia/Taipei')).toBe('current');
    expect(cutoffVerdict('2026-03-14', '2026-03-13T20:00:00Z', 'UTC')).toBe('future');
  });
  it('judges an ambiguous date: same verdict either way, resolved by context, or unsure', () => {
    expect(judgeDate(findDates('02/03/2026')[0]!, submitted, 'UTC')).toMatchObject({ verdict: 'current', date: null, resolved: 'agree' });
    expect(judgeDate(findDates('03/04/2026')[0]!, '2026-03-20T00:00:00Z', 'UTC')).toMatchObject({
      verdict: 'current',
      date: '2026-03-04',
      resolved: 'context',
    });
    expect(judgeDate(findDates('02/03/2025')[0]!, '2026-02-20T00:00:00Z', 'UTC')).toMatchObject({ verdict: 'ambiguous' });
    expect(judgeDate(null, submitted, 'UTC').verdict).toBe('missing');
  });
});

describe('customer identity', () => {
  it('compares company names without case, punctuation or legal form', () => {
    expect(companyCore('Taiwan Precision Machinery Co., Ltd.')).toBe('taiwan precision machinery');
    expect(sameCompany('CONTOSO LTD', 'Contoso Ltd.')).toBe(true);
    expect(sameCompany('Contoso, Inc.', 'contoso')).toBe(true);
    expect(sameCompany('台灣精密機械股份有限公司', '台灣精密機械')).toBe(true);
    expect(sameCompany('Taiwan Precision Machinery 台灣精密機械股份有限公司', '台灣精密機械有限公司')).toBe(true);
    expect(sameCompany('Contoso Ltd.', 'Fabrikam Ltd.')).toBe(false);
  });
  it("finds an OCR'd full-width name", () => {
    expect(foldForMatch('ＣＯＮＴＯＳＯ　Ｌｔｄ．')).toBe('contoso ltd');
    expect(foldForMatch('台 灣 精 密 機 械')).toBe('台灣精密機械');
  });
  it('matches tenant IDs exactly and calls a near miss a near miss', () => {
    const t = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';
    expect(compareGuid('3F2504E0-4F89-41D3-9A0C-0305E82C3301', t)).toBe('match');
    expect(compareGuid('3f2504e0-4f89-41d3-9a0c-0305e82c3307', t)).toBe('near-miss');
    expect(compareGuid('3f2504e0-4f89-41d3-9a0c-0305e82c3310', t)).toBe('near-miss');
    expect(compareGuid('9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d', t)).toBe('different');
  });
  it('repairs only non-hex OCR confusions in a GUID', () => {
    expect(canonicalGuid('3f25O4€0-4f89-41d3-9aOc-O3O5e82¢33Ol')).toBe('3f2504e0-4f89-41d3-9a0c-0305e82c3301');
    expect(findGuids('Tenant ID: 3f2504e0 4f89 41d3 9a0c 0305e82c3301.')[0]!.guid).toBe('3f2504e0-4f89-41d3-9a0c-0305e82c3301');
    expect(findGuids('ref 3f2504e0-4f89-41d3-9a0c-0305e82c3301x')).toEqual([]);
  });
  it('finds domains and e-mail domains and compares subdomains', () => {
    expect(findDomains('mail sophia@corp.contoso.com or visit www.contoso.com; file PoE.pdf').map((d) => [d.domain, d.email])).toEqual([
      ['corp.contoso.com', true],
      ['www.contoso.com', false],
    ]);
    expect(sameDomain('corp.contoso.com', 'contoso.com')).toBe(true);
    expect(sameDomain('contoso.co', 'contoso.com')).toBe(false);
    expect(sameDomain('notcontoso.com', 'contoso.com')).toBe(false);
  });
  it('knows a person whatever the order of the names', () => {
    expect(samePerson('Chen Wei-Ting', 'Wei-Ting Chen')).toBe(true);
    expect(samePerson('Chen Wei-Ting', 'Chen Wei Ting')).toBe(true);
    expect(samePerson('Chen Wei-Ting', 'Chen Wei')).toBe(false);
  });
  it("knows a person an OCR'd page misspells by a letter or two, only on an OCR'd page, and never another person", () => {
    expect(samePerson('Alce Pan', 'Alice Pan', true)).toBe(true);
    expect(samePerson('rene Hsich', 'Irene Hsieh', true)).toBe(true);
    expect(samePerson('Chen Wel-Ting', 'Chen Wei-Ting', true)).toBe(true);
    expect(samePerson('Jossica Lo', 'Jessica Lo', true)).toBe(true);
    expect(samePerson('Alce Pan', 'Alice Pan')).toBe(false);
    expect(samePerson('Grace Huang', 'Grace Chiu', true)).toBe(false);
    expect(samePerson('Irene Hsu', 'Irene Hsieh', true)).toBe(false);
    expect(samePerson('Ana Lo', 'Ava Lo', true)).toBe(false);
  });
});

describe('product aliases', () => {
  it('knows a product by its aliases, and only by its own', () => {
    expect(aliasesOf('Dynamics 365 Sales')).toContain('Dynamics CRM Online');
    expect(findProduct(foldForMatch('Licences: D365 Sales (50 seats)'), 'Dynamics 365 Sales')!.alias).toBe('D365 Sales');
    expect(findProduct(foldForMatch('We rolled out PBI Pro to finance'), 'Power BI Pro')!.alias).toBe('PBI Pro');
    expect(findProduct(foldForMatch('Copilot for Microsoft 365 pilot'), 'Microsoft 365 Copilot')!.alias).toBe('Copilot for Microsoft 365');
    expect(findProduct(foldForMatch('M365 Copilot'), 'Microsoft 365 Copilot')).not.toBeNull();
    expect(findProduct(foldForMatch('Dynamics 365 Customer Service'), 'Dynamics 365 Sales')).toBeNull();
    expect(findProduct(foldForMatch('the business and IT teams'), 'Microsoft Teams')).toBeNull();
    expect(findProduct(foldForMatch('PowerBI Pro dashboards'), 'Power BI Pro')).not.toBeNull();
  });
  it("tolerates OCR misreads in a long product name's words, look-alikes in its short ones, and no other product's words", () => {
    const inOcr = (text: string, product: string) => findProduct(foldForMatch(text), product, true);
    expect(inOcr('usage: Microsoft Inune (mtune)', 'Microsoft Intune')!.alias).toBe('Microsoft Intune');
    expect(inOcr('Dynamics 365 Business Cental (Business Contal)', 'Dynamics 365 Business Central')!.alias).toBe('Dynamics 365 Business Central');
    expect(inOcr('dashboards in Power Bl Pr0', 'Power BI Pro')).not.toBeNull();
    // "Dynamics AX" (an alias of Finance) is not "Dynamics 36…" of another product, nor is Sales "Solos"
    expect(inOcr('adoption of Dynamics 365 Solos, Dynamics 365 Business Contra', 'Dynamics 365 Finance')).toBeNull();
    expect(inOcr('Dynamics 365 Business Central', 'Dynamics 365 Sales')).toBeNull();
    // and a text layer is matched as written
    expect(findProduct(foldForMatch('Microsoft Inune'), 'Microsoft Intune')).toBeNull();
  });
  it('finds zh-TW product names and unknown products by their own name', () => {
    expect(findProduct(foldForMatch('導入 Power BI 專業版 報表'), 'Power BI Pro')!.alias).toBe('Power BI 專業版');
    expect(findProduct(foldForMatch('Contoso Widget Suite rollout'), 'Contoso Widget Suite')).not.toBeNull();
  });
});

describe('engagement description', () => {
  it('tells a specific description from a thin or absent one', () => {
    expect(assessEngagement('We ran discovery workshops, a solution design and a proof of concept, then trained admins.').verdict).toBe('sufficient');
    expect(assessEngagement('我們完成系統建置、資料移轉與管理者教育訓練，並協助正式上線。').verdict).toBe('sufficient');
    expect(assessEngagement('Engagement: Services as discussed.').verdict).toBe('thin');
    expect(assessEngagement('Consulting services.').verdict).toBe('thin');
    expect(assessEngagement('Customer: Contoso. Tenant: x.').verdict).toBe('absent');
  });
});

describe('near-duplicate text', () => {
  it('finds the same text with small edits similar and other text not', () => {
    const a =
      'We deployed Dynamics 365 Sales for 240 users between March and June including data migration training and go-live support for the sales team in Taipei';
    const b = a.replace('240', '250').replace('Taipei', 'Taichung');
    const c =
      'An unrelated invoice for printer toner cartridges delivered to the office on Friday with free shipping and a discount on the next order of paper';
    expect(similarity(minhash(a), minhash(b))).toBeGreaterThan(0.5);
    expect(similarity(minhash(a), minhash(c))).toBeLessThan(0.1);
    expect(minhash('too short')).toEqual([]);
  });
});

// The analysis of a claim's documents: findings and one suggestion per reason, with evidence that points
// at the text it rests on. Documents here are page text with positions, as pdf.js or OCR report them.
import { describe, expect, it } from 'vitest';
import { analyseClaim, type Suggestion } from '../../shared/domain/assist';
import { TENANT, claim, header } from './claim-fixture';
import { pagesOf } from './pages';

const work = [
  'From 3 January 2026 to 14 February 2026 we deployed D365 Sales for 240 users:',
  'data migration, administrator training and go-live support.',
  'Power BI Pro dashboards were designed with the finance team.',
];
const ack = (name: string, date: string) => [
  'Customer acknowledgement',
  'Taiwan Precision Machinery confirms the engagement described above.',
  `Name: ${name}`,
  'Title: CIO',
  'Signature:',
  `Date: ${date}`,
];

const doc = (...pages: string[][]) => ({ sha256: 'a'.repeat(64), pages: pagesOf(...pages), text: 'layer' as const, error: null });
const pick = (s: Suggestion[], code: string, productId: string | null = null) => s.find((x) => x.code === code && x.productId === productId)!;

describe('analyseClaim', () => {
  it('clears every reason of a complete PoE and shows evidence on the lines it rests on', () => {
    const { findings, suggestions } = analyseClaim(claim, [doc([...header, ...work], ack('Chen Wei-Ting', '2026-02-20'))]);
    expect(findings.customer).toEqual({
      name: { found: expect.stringContaining('Taiwan Precision Machinery'), match: 'match' },
      tenantId: { found: TENANT, match: 'match' },
      domain: { found: 'twprecision.example', match: 'match' },
    });
    expect(findings.acknowledgement).toEqual({ signedBy: 'customer', date: '2026-02-20', dateText: '2026-02-20', cutoff: '2025-03-14' });
    expect(findings.products).toEqual([
      { productId: 'p1', named: true, alias: 'D365 Sales' },
      { productId: 'p2', named: true, alias: 'Power BI Pro' },
    ]);
    expect(findings.engagement).toBe('sufficient');
    expect(suggestions.map((s) => s.verdict)).toEqual(['clear', 'clear', 'clear', 'clear', 'clear', 'clear']);
    // the signature is on page 2, line 3 (Name:), the date on line 6
    const sig = pick(suggestions, 'missing-customer-acknowledgement').evidence[0]!;
    expect(sig).toMatchObject({ page: 2, text: 'Name: Chen Wei-Ting' });
    expect(sig.rect![1]).toBe(780 - 2 * 16);
    const date = pick(suggestions, 'date-missing-or-outdated').evidence[0]!;
    expect(date).toMatchObject({ page: 2, text: '2026-02-20' });
    // within the line's one item, by proportional glyph widths (the test pages give 6 pt per character on average)
    expect(date.rect![0]).toBeCloseTo(50 + 'Date: '.length * 6, -1);
    expect(date.rect![2]).toBeCloseTo(50 + 'Date: 2026-02-20'.length * 6, 0);
    expect(pick(suggestions, 'missing-product', 'p1').evidence[0]).toMatchObject({ page: 1, text: 'D365 Sales' });
  });

  it('suggests missing product for a claimed product the pages do not name', () => {
    const { suggestions } = analyseClaim(claim, [doc([...header, ...work.slice(0, 2)], ack('Chen Wei-Ting', '2026-02-20'))]);
    const s = pick(suggestions, 'missing-product', 'p2');
    expect(s).toMatchObject({ verdict: 'applies', reason: 'Power BI Pro is not named in the 2 page(s).' });
  });

  it("tells a partner signature and a blank signature block from the customer's", () => {
    const partner = analyseClaim(claim, [doc([...header, ...work, ...ack('Grace Huang', '2026-02-20')])]);
    expect(partner.findings.acknowledgement.signedBy).toBe('partner');
    expect(pick(partner.suggestions, 'missing-customer-acknowledgement').verdict).toBe('applies');
    const blank = analyseClaim(claim, [doc([...header, ...work, ...ack('________', '')])]);
    expect(blank.findings.acknowledgement.signedBy).toBe('none');
    expect(pick(blank.suggestions, 'missing-customer-acknowledgement').verdict).toBe('applies');
    expect(pick(blank.suggestions, 'date-missing-or-outdated')).toMatchObject({ verdict: 'applies', message: { key: 'date-missing' } });
    const email = analyseClaim(claim, [
      doc([
        'From: Wei-Ting Chen <wt.chen@twprecision.example>',
        'Date: 14 February 2026',
        ...header.slice(1),
        ...work,
        'We acknowledge the engagement.',
        'Best regards,',
        'Wei-Ting Chen, CIO',
      ]),
    ]);
    expect(email.findings.acknowledgement).toMatchObject({ signedBy: 'customer', date: '2026-02-14' });
  });

  it("uses the signature block's date, not the project dates, and applies the cut-off", () => {
    const old = analyseClaim(claim, [doc([...header, ...work, ...ack('Chen Wei-Ting', '2 March 2025')])]);
    expect(old.findings.acknowledgement.date).toBe('2025-03-02');
    expect(pick(old.suggestions, 'date-missing-or-outdated')).toMatchObject({
      verdict: 'applies',
      message: { key: 'date-outdated', params: { cutoff: '2025-03-14' } },
    });
    const future = analyseClaim(claim, [doc([...header, ...work, ...ack('Chen Wei-Ting', '民國115年4月1日')])]);
    expect(pick(future.suggestions, 'date-missing-or-outdated')).toMatchObject({ verdict: 'applies', message: { key: 'date-future' } });
    const roc = analyseClaim(claim, [doc([...header, ...work, ...ack('Chen Wei-Ting', '115/02/20')])]);
    expect(roc.findings.acknowledgement.date).toBe('2026-02-20');
    const ambiguous = analyseClaim({ ...claim, submittedAt: '2026-02-20T00:00:00Z' }, [
      doc([...header, ...work.slice(1), ...ack('Chen Wei-Ting', '02/03/2025')]),
    ]);
    expect(pick(ambiguous.suggestions, 'date-missing-or-outdated').verdict).toBe('unsure');
  });

  it("calls a near-miss tenant ID a mismatch and the PoE not this claim's", () => {
    const wrong = header.map((l) => l.replace(TENANT, TENANT.slice(0, -2) + '99'));
    const { findings, suggestions } = analyseClaim(claim, [doc([...wrong, ...work, ...ack('Chen Wei-Ting', '2026-02-20')])]);
    expect(findings.customer.name.match).toBe('match');
    expect(findings.customer.tenantId).toEqual({ found: TENANT.slice(0, -2) + '99', match: 'mismatch' });
    expect(pick(suggestions, 'missing-all-poe')).toMatchObject({ verdict: 'applies', message: { key: 'tenant-mismatch' } });
    expect(pick(suggestions, 'missing-all-poe').evidence[0]!.page).toBe(1);
  });

  it("on an OCR'd page only, takes a near-miss tenant ID and a misread product name as read errors", () => {
    const misread = [
      ...header.map((l) => l.replace(TENANT, TENANT.slice(0, -2) + '07')),
      'We deployed D365 Sales and Power Bl Pr0 reports, with data migration and training.',
      ...ack('Chen Wei-Ting', '2026-02-20'),
    ];
    const ocr = analyseClaim(claim, [{ ...doc(misread), text: 'ocr' as const }]);
    expect(ocr.findings.customer.tenantId.match).toBe('match');
    expect(ocr.findings.products.find((p) => p.productId === 'p2')!.named).toBe(true);
    const layer = analyseClaim(claim, [doc(misread)]);
    expect(layer.findings.customer.tenantId.match).toBe('mismatch');
    expect(layer.findings.products.find((p) => p.productId === 'p2')!.named).toBe(false);
  });

  it("reads a signature block as OCR misreads it: the labels, the signer's name and the date's separator", () => {
    const block = [
      'Customer acknowledgement',
      'We confi the engagement described above was delivered.',
      'Nome: Chen Wel-Ting Tite; Head of Sales Operations',
      'Dore: 2026-02:25',
      'Signature:',
    ];
    const ocr = analyseClaim(claim, [{ ...doc([...header, ...work, ...block]), text: 'ocr' as const }]);
    expect(ocr.findings.acknowledgement).toMatchObject({ signedBy: 'customer', date: '2026-02-25', dateText: '2026-02:25' });
    expect(pick(ocr.suggestions, 'missing-customer-acknowledgement').verdict).toBe('clear');
    expect(pick(ocr.suggestions, 'date-missing-or-outdated').verdict).toBe('clear');
    // typed in a text layer, a misspelt name is someone else's: whose side is not clear
    const layer = analyseClaim(claim, [doc([...header, ...work, ...block])]);
    expect(layer.findings.acknowledgement.signedBy).toBe('unsure');
  });

  it('reads a zh-TW-only PoE', () => {
    const zh = [
      '執行證明',
      '客戶名稱：台灣精密機械股份有限公司',
      `租用戶識別碼：${TENANT}`,
      '客戶網域：twprecision.example',
      '我們完成 Dynamics 365 銷售 系統建置、資料移轉與管理者教育訓練，並協助正式上線。',
      'Power BI 專業版 報表',
      '客戶確認',
      '姓名：陳 Wei-Ting Chen',
      '日期：民國115年2月20日',
    ];
    const { findings, suggestions } = analyseClaim(claim, [doc(zh)]);
    expect(findings.customer.tenantId.match).toBe('match');
    expect(findings.acknowledgement.date).toBe('2026-02-20');
    expect(findings.products.every((p) => p.named)).toBe(true);
    expect(pick(suggestions, 'missing-partner-solution').verdict).toBe('clear');
  });

  it('suggests thin engagement, a not-PoE invoice and no documents', () => {
    const thin = analyseClaim(claim, [
      doc([...header, 'Engagement: Services as discussed.', 'Products: D365 Sales, PBI Pro', ...ack('Chen Wei-Ting', '2026-02-20')]),
    ]);
    expect(thin.findings.engagement).toBe('thin');
    expect(pick(thin.suggestions, 'missing-partner-solution')).toMatchObject({ verdict: 'applies', evidence: [{ text: 'Services as discussed' }] });
    const invoice = analyseClaim(claim, [
      doc(['INVOICE', 'Invoice No. 2026-0042', 'Bill to: Someone Else Ltd.', 'Consulting services 10 h', 'Subtotal 1,000', 'Amount due 1,050']),
    ]);
    expect(pick(invoice.suggestions, 'missing-all-poe')).toMatchObject({ verdict: 'applies' });
    expect(pick(invoice.suggestions, 'missing-product', 'p1').message.key).toBe('covered-by-missing-all-poe');
    expect(pick(analyseClaim(claim, []).suggestions, 'missing-all-poe')).toMatchObject({ verdict: 'applies', message: { key: 'no-documents' } });
  });
});

// Agreement statistics against figures worked out by hand from a small known set of audits, including
// Cohen's kappa of the checklist reasons, and the CSV exports read back with a CSV library.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SampleItem } from '../../shared/contracts';
import { CHECKLIST_REASONS, type ChecklistReason } from '../../shared/domain';
import type { ApiError } from '../support/service';
import { MONDAY_0900_TAIPEI, advanceClock, clockFrom, signIn, startTestService, type Client, type TestService } from '../support/service';
import { agreeing, approve, decide, readCsv, reject, requestInfo, submitAudit, type Answers } from './world';

let svc: TestService;
let qa: Client;
let week11: string;
const items = new Map<string, SampleItem>();
const auditIds = new Map<string, string>();

const NOTE_ZH = '工作說明不足，缺少"部署"細節,\n請補充簽署日期';
const NOTE_FORMULA = '=HYPERLINK("http://example.invalid","x")';

/*
 * The world, in two ISO weeks of Taipei time:
 *   2026-W10  rev1 A1 approve (no ticks) · A2 request-info [product] · A3 reject [acknowledgement, product] · rev2 B1 approve
 *   2026-W11  rev1 A4 approve [product] · rev2 B2 reject [date]
 * The QA lead's answers (decision; reasons that apply):
 *   A1 approve; none                       → agrees on all 6 findings
 *   A2 request-info; product, solution     → disagrees on solution (5/6)
 *   A3 request-info; acknowledgement       → disagrees on the decision and on product (4/6), overturned
 *   A4 reject; product                     → disagrees on the decision (5/6), overturned
 *   B1 approve; none                       → 6/6
 *   B2 reject; none                        → disagrees on date (5/6)
 */
const ANSWERS: Record<string, Answers> = {
  A1: { decision: 'approve', applies: [] },
  A2: { decision: 'request-info', applies: ['missing-product', 'missing-partner-solution'], notes: { 'missing-partner-solution': NOTE_ZH } },
  A3: { decision: 'request-info', applies: ['missing-customer-acknowledgement'], notes: { decision: 'The signature is there; only the date is unclear.' } },
  A4: { decision: 'reject', applies: ['missing-product'], notes: { decision: NOTE_FORMULA } },
  B1: { decision: 'approve', applies: [] },
  B2: { decision: 'reject', applies: [] },
};

/*
 * The reviewers' agreement with the PoE assist, recorded with three of the decisions:
 *   A1 (W10, rev1): product applies → overridden (not ticked); date clear → accepted
 *   A3 (W10, rev1): acknowledgement applies → accepted; product applies → accepted; missing-all-poe clear → accepted
 *   B2 (W11, rev2): date applies → accepted; acknowledgement applies → overridden
 */
const said = (code: ChecklistReason, verdict: 'applies' | 'clear', outcome: 'accepted' | 'overridden') => ({
  code,
  productId: null,
  verdict,
  confidence: 0.9,
  outcome,
});

/** Cohen's kappa by hand: po observed agreement, pe chance agreement from the margins. */
const kappa = (po: number, pe: number) => (po - pe) / (1 - pe);

beforeAll(async () => {
  svc = await startTestService({ demoClaims: 0, now: clockFrom(MONDAY_0900_TAIPEI) });
  const [a1, a2, a3] = await decide(svc.url, 'rev1', [
    { ...approve(), assist: [said('missing-product', 'applies', 'overridden'), said('date-missing-or-outdated', 'clear', 'accepted')] },
    requestInfo('missing-product'),
    {
      ...reject('insufficient-poe', 'missing-customer-acknowledgement', 'missing-product'),
      assist: [
        said('missing-customer-acknowledgement', 'applies', 'accepted'),
        said('missing-product', 'applies', 'accepted'),
        said('missing-all-poe', 'clear', 'accepted'),
      ],
    },
  ]);
  const [b1] = await decide(svc.url, 'rev2', [approve()], 'partner2');
  week11 = await advanceClock(svc.url, 'P7D');
  const [a4] = await decide(svc.url, 'rev1', [approve('missing-product')]);
  const [b2] = await decide(
    svc.url,
    'rev2',
    [
      {
        ...reject('insufficient-poe', 'date-missing-or-outdated'),
        assist: [said('date-missing-or-outdated', 'applies', 'accepted'), said('missing-customer-acknowledgement', 'applies', 'overridden')],
      },
    ],
    'partner2',
  );
  const names: Record<string, string> = { [a1!]: 'A1', [a2!]: 'A2', [a3!]: 'A3', [a4!]: 'A4', [b1!]: 'B1', [b2!]: 'B2' };
  qa = await signIn(svc.url, 'qa1');
  const { items: drawn } = await qa.call('auditDraw', { body: { seed: 1, mode: 'random', size: 10 } });
  expect(drawn).toHaveLength(6);
  for (const item of drawn) items.set(names[item.claimId]!, item);
  for (const [name, answers] of Object.entries(ANSWERS)) auditIds.set(name, (await submitAudit(qa, items.get(name)!, answers, { blind: name === 'A1' })).id);
}, 120_000);

afterAll(async () => {
  await svc?.stop();
});

describe('agreement statistics', () => {
  it('counts agreement over every finding, decisions overturned, per reviewer and overall', async () => {
    const s = await qa.call('auditStats');
    expect(s.overall).toMatchObject({ audited: 6, findings: 36, agreed: 31, overturned: 2 });
    expect(s.overall.agreementRate).toBeCloseTo(31 / 36, 12);
    expect(s.overall.decisionAgreementRate).toBeCloseTo(4 / 6, 12);
    const rev1 = s.byReviewer.find((r) => r.reviewer.id === 'u-rev1')!;
    const rev2 = s.byReviewer.find((r) => r.reviewer.id === 'u-rev2')!;
    expect(rev1).toMatchObject({ audited: 4, findings: 24, agreed: 20, overturned: 2 });
    expect(rev1.agreementRate).toBeCloseTo(20 / 24, 12);
    expect(rev2).toMatchObject({ audited: 2, findings: 12, agreed: 11, overturned: 0, decisionAgreementRate: 1 });
  });

  it("computes Cohen's kappa per checklist reason from the reviewer's ticks and the QA lead's answers", async () => {
    const s = await qa.call('auditStats');
    const reason = (t: string) => s.byReason.find((r) => r.target === t)!;
    // missing-product: both 2 (A2, A4), reviewer only 1 (A3), QA only 0, neither 3.
    // po = 5/6; reviewer ticks 3/6, QA 2/6 → pe = 3/6·2/6 + 3/6·4/6 = 1/2 → κ = (5/6 − 1/2) / (1/2) = 2/3.
    expect(reason('missing-product').table).toEqual({ both: 2, reviewerOnly: 1, qaOnly: 0, neither: 3 });
    expect(reason('missing-product').kappa).toBeCloseTo(kappa(5 / 6, 1 / 2), 12);
    expect(reason('missing-product').kappa).toBeCloseTo(2 / 3, 12);
    // missing-customer-acknowledgement: both 1, neither 5 → po = 1, pe = 1/36 + 25/36 → κ = 1.
    expect(reason('missing-customer-acknowledgement').kappa).toBeCloseTo(1, 12);
    // date: reviewer only 1, neither 5 → po = 5/6, pe = 1/6·0 + 5/6·1 = 5/6 → κ = 0 (no better than chance).
    expect(reason('date-missing-or-outdated').table).toEqual({ both: 0, reviewerOnly: 1, qaOnly: 0, neither: 5 });
    expect(reason('date-missing-or-outdated').kappa).toBeCloseTo(0, 12);
    expect(reason('missing-partner-solution').kappa).toBeCloseTo(0, 12);
    // missing-all-poe: never ticked by anyone → pe = 1, κ undefined.
    expect(reason('missing-all-poe').kappa).toBeNull();
    expect(reason('missing-all-poe').agreementRate).toBe(1);
    expect(reason('decision')).toMatchObject({ findings: 6, agreed: 4, table: null });
  });

  it('pools kappa over all reasons of all audits, overall and per reviewer', async () => {
    const s = await qa.call('auditStats');
    // 30 pairs: both 3, reviewer only 2, QA only 1, neither 24. po = 27/30; reviewer ticks 5/30, QA 4/30;
    // pe = 5/30·4/30 + 25/30·26/30 = 670/900 → κ = (810 − 670) / (900 − 670) = 14/23.
    expect(s.overall.kappa).toBeCloseTo(kappa(27 / 30, 670 / 900), 12);
    expect(s.overall.kappa).toBeCloseTo(14 / 23, 12);
    // rev1, 20 pairs: both 3, reviewer only 1, QA only 1, neither 15. po = 0.9, pe = 0.2·0.2 + 0.8·0.8 = 0.68 → κ = 0.6875.
    expect(s.byReviewer.find((r) => r.reviewer.id === 'u-rev1')!.kappa).toBeCloseTo(kappa(0.9, 0.68), 12);
    // rev2, 10 pairs: reviewer only 1, neither 9. po = 0.9, pe = 0.1·0 + 0.9·1 = 0.9 → κ = 0.
    expect(s.byReviewer.find((r) => r.reviewer.id === 'u-rev2')!.kappa).toBeCloseTo(0, 12);
  });

  it('follows agreement over the ISO weeks of the decisions, and over a period', async () => {
    const s = await qa.call('auditStats');
    expect(s.byWeek.map((w) => [w.week, w.audited, w.findings, w.agreed, w.overturned])).toEqual([
      ['2026-W10', 4, 24, 21, 1],
      ['2026-W11', 2, 12, 10, 1],
    ]);
    const later = await qa.call('auditStats', { query: { from: week11 } });
    expect(later.overall).toMatchObject({ audited: 2, findings: 12, agreed: 10 });
  });

  it('counts a corrected audit by its correction only', async () => {
    const a1 = items.get('A1')!;
    const correction = await submitAudit(qa, a1, { decision: 'request-info', applies: ['missing-customer-acknowledgement'] }, { corrects: auditIds.get('A1') });
    auditIds.set('A1', correction.id);
    const s = await qa.call('auditStats');
    // A1 now disagrees on the decision and on acknowledgement: 29 of 36 agreed, 3 overturned, still 6 audits.
    expect(s.overall).toMatchObject({ audited: 6, findings: 36, agreed: 29, overturned: 3 });
  });

  it("shows the assist's precision per reason from the reviewers' agreement recorded with their decisions, over a period and per reviewer", async () => {
    const s = await qa.call('auditStats');
    const by = new Map(s.assist.map((r) => [r.code, r]));
    expect(s.assist.map((r) => r.code)).toEqual([...CHECKLIST_REASONS]);
    expect(by.get('missing-product')).toEqual({
      code: 'missing-product',
      suggestions: 2,
      applies: 2,
      appliesAccepted: 1,
      precision: 0.5,
      clear: 0,
      clearAccepted: 0,
      clearAgreement: null,
      overridden: 1,
    });
    expect(by.get('missing-customer-acknowledgement')).toMatchObject({ applies: 2, appliesAccepted: 1, precision: 0.5, overridden: 1 });
    expect(by.get('date-missing-or-outdated')).toMatchObject({
      suggestions: 2,
      applies: 1,
      appliesAccepted: 1,
      precision: 1,
      clear: 1,
      clearAccepted: 1,
      clearAgreement: 1,
    });
    expect(by.get('missing-all-poe')).toMatchObject({ suggestions: 1, applies: 0, precision: null, clear: 1, clearAgreement: 1 });
    expect(by.get('missing-partner-solution')).toMatchObject({ suggestions: 0, precision: null, clearAgreement: null });
    const later = await qa.call('auditStats', { query: { from: week11 } });
    expect(later.assist.find((r) => r.code === 'missing-customer-acknowledgement')).toMatchObject({ applies: 1, appliesAccepted: 0, precision: 0 });
    const own = await (await signIn(svc.url, 'rev2')).call('auditStats');
    expect(own.assist.filter((r) => r.suggestions > 0).map((r) => [r.code, r.suggestions])).toEqual([
      ['missing-customer-acknowledgement', 1],
      ['date-missing-or-outdated', 1],
    ]);
  });

  it('shows a reviewer only their own figures', async () => {
    const rev2 = await signIn(svc.url, 'rev2');
    const own = await rev2.call('auditStats');
    expect(own.reviewerId).toBe('u-rev2');
    expect(own.byReviewer.map((r) => r.reviewer.id)).toEqual(['u-rev2']);
    expect(own.overall.audited).toBe(2);
    const other = await rev2.call('auditStats', { query: { reviewerId: 'u-rev1' } }).catch((e: ApiError) => e);
    expect((other as ApiError).status).toBe(403);
  });
});

describe('CSV exports', () => {
  it('writes the audits as RFC 4180 UTF-8 with a byte-order mark, one row per finding, read back intact', async () => {
    const res = await qa.raw('auditCsv');
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="qa-audits-\d{4}-\d{2}-\d{2}\.csv"$/);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const { text, rows } = readCsv(bytes);
    expect(text.split('\r\n')[0]).toMatch(/^\uFEFFaudit_id,claim_id,/);
    expect(
      text
        .replace(/"[^"]*"/g, '')
        .split('\n')
        .every((line, i, all) => i === all.length - 1 || line.endsWith('\r')),
    ).toBe(true);

    const { audits } = await qa.call('auditList', { query: { history: 'true' } });
    expect(audits).toHaveLength(7); // six audits and one correction
    expect(rows).toHaveLength(7 * 6);
    for (const a of audits) {
      for (const f of a.findings) {
        const row = rows.find((r) => r.audit_id === a.id && r.finding === f.target)!;
        expect(row).toMatchObject({
          claim_id: a.claimId,
          reviewer_id: a.decision.reviewer.id,
          verdict: f.verdict,
          qa_answer: String(f.answer),
          reviewer_answer: String(f.reviewerAnswer),
          current: a.correctedBy ? 'no' : 'yes',
        });
        if (!f.note?.startsWith('=')) expect(row.note).toBe(f.note ?? '');
      }
    }
    expect(rows.find((r) => r.note.startsWith('工作說明'))!.note).toBe(NOTE_ZH);
    // A note that would start a formula in a spreadsheet is written as text.
    expect(rows.find((r) => r.note.includes('HYPERLINK'))!.note).toBe(`'${NOTE_FORMULA}`);
  });

  it('writes the statistics with the same figures as the statistics route', async () => {
    const stats = await qa.call('auditStats');
    const { rows } = readCsv(await qa.call('auditStatsCsv'));
    const round = (v: number | null) => (v === null ? '' : String(Math.round(v * 10_000) / 10_000));
    const overall = rows.find((r) => r.scope === 'overall')!;
    expect(overall).toMatchObject({
      audited: '6',
      findings: '36',
      agreed: String(stats.overall.agreed),
      agreement_rate: round(stats.overall.agreementRate),
      kappa: round(stats.overall.kappa),
      overturned: '3',
    });
    for (const r of stats.byReason) {
      const row = rows.find((x) => x.scope === 'finding' && x.key === r.target)!;
      expect(row.kappa).toBe(round(r.kappa));
      expect(row.agreed).toBe(String(r.agreed));
      if (r.table)
        expect([row.both, row.reviewer_only, row.qa_only, row.neither]).toEqual(
          [r.table.both, r.table.reviewerOnly, r.table.qaOnly, r.table.neither].map(String),
        );
    }
    expect(rows.filter((r) => r.scope === 'reviewer').map((r) => [r.key, r.label])).toEqual([
      ['u-rev2', 'Daniel Wu'],
      ['u-rev1', 'Mei-Ling Chen'],
    ]);
    expect(rows.filter((r) => r.scope === 'week').map((r) => r.key)).toEqual(['2026-W10', '2026-W11']);
    expect(rows.find((r) => r.key === 'missing-product')!.kappa).toBe('0.6667');
  });

  it("writes the assist's precision per reason beside them, as the statistics route has it", async () => {
    const stats = await qa.call('auditStats');
    const { text, rows } = readCsv(await qa.call('auditStatsCsv'));
    expect(text.split('\r\n')[0]).toMatch(/,suggestions,applies,applies_accepted,precision,clear,clear_accepted,clear_agreement,overridden$/);
    const assist = rows.filter((r) => r.scope === 'assist');
    expect(assist.map((r) => r.key)).toEqual([...CHECKLIST_REASONS]);
    const row = (code: string) => assist.find((r) => r.key === code)!;
    // by hand, from the agreements recorded above (the correction of A1 changes no decision's agreement)
    expect(row('missing-product')).toMatchObject({
      suggestions: '2',
      applies: '2',
      applies_accepted: '1',
      precision: '0.5',
      clear: '0',
      clear_accepted: '0',
      clear_agreement: '',
      overridden: '1',
      // the agreement columns of the QA figures stay empty on an assist row
      findings: '',
      agreed: '',
      kappa: '',
    });
    expect(row('date-missing-or-outdated')).toMatchObject({
      suggestions: '2',
      applies: '1',
      applies_accepted: '1',
      precision: '1',
      clear: '1',
      clear_agreement: '1',
    });
    expect(row('missing-partner-solution')).toMatchObject({ suggestions: '0', precision: '', clear_agreement: '' });
    for (const a of stats.assist)
      expect([row(a.code).suggestions, row(a.code).applies_accepted, row(a.code).overridden]).toEqual(
        [a.suggestions, a.appliesAccepted, a.overridden].map(String),
      );
    // the other rows leave the assist's columns empty
    expect(rows.filter((r) => r.scope !== 'assist').every((r) => r.suggestions === '' && r.precision === '')).toBe(true);
  });
});

// Runs last: it adds decisions and audits of its own (with product findings) to the world above.
describe('per-product findings', () => {
  it('keeps a finding per claimed product with the reviewer ticks on it, refuses unknown or repeated products, and keeps audits without them valid', async () => {
    await advanceClock(svc.url, 'P1D');
    const [p1, p2, p3] = await decide(svc.url, 'rev1', [
      { kind: 'approve', productTicks: ['missing-product', 'missing-partner-solution'] },
      { kind: 'approve' },
      { kind: 'approve' },
    ]);
    const lead = await signIn(svc.url, 'qa1'); // the clock moved past the first session
    const { items: drawn } = await lead.call('auditDraw', { body: { seed: 2, mode: 'random', size: 10 } });
    const item = (id: string) => drawn.find((d) => d.claimId === id)!;
    const product = (await lead.call('claimGet', { params: { id: p1! } })).products[0]!;
    const product2 = (await lead.call('claimGet', { params: { id: p2! } })).products[0]!;
    expect(product2.name).toBe(product.name); // the same product on another claim, under that claim's own product id
    // The decision's reasons still count a product tick as ticked.
    expect(item(p1!).decision.reasons).toEqual(['missing-partner-solution', 'missing-product']);

    const bad = await submitAudit(lead, item(p1!), agreeing(item(p1!)), {
      productFindings: [{ productId: 'no-such-product', verdict: 'agree', note: null }],
    }).catch((e: ApiError) => e);
    expect((bad as ApiError).status).toBe(400);
    expect((bad as ApiError).problem.detail).toContain('productFindings.0.productId');
    const twice = await submitAudit(lead, item(p1!), agreeing(item(p1!)), {
      productFindings: [
        { productId: product.id, verdict: 'agree', note: null },
        { productId: product.id, verdict: 'disagree', note: null },
      ],
    }).catch((e: ApiError) => e);
    expect((twice as ApiError).problem.detail).toMatch(/appears twice/);

    const a1 = await submitAudit(lead, item(p1!), agreeing(item(p1!)), {
      productFindings: [{ productId: product.id, verdict: 'disagree', note: '只有授權數，沒有部署證明' }],
    });
    expect(a1.productFindings).toEqual([
      {
        productId: product.id,
        productName: product.name,
        verdict: 'disagree',
        note: '只有授權數，沒有部署證明',
        reviewerReasons: ['missing-partner-solution', 'missing-product'],
      },
    ]);
    const a2 = await submitAudit(lead, item(p2!), agreeing(item(p2!)), { productFindings: [{ productId: product2.id, verdict: 'agree', note: null }] });
    expect(a2.productFindings[0]!.reviewerReasons).toEqual([]);
    // An audit without product findings, as every audit before them: valid, and stored with none.
    const a3 = await submitAudit(lead, item(p3!), agreeing(item(p3!)));
    expect(a3.productFindings).toEqual([]);
    const { audits } = await lead.call('auditList', { query: { history: 'true' } });
    expect(audits.find((a) => a.id === a1.id)!.productFindings).toEqual(a1.productFindings);
    expect(audits.filter((a) => a.productFindings.length === 0)).toHaveLength(audits.length - 2);

    const stats = await lead.call('auditStats');
    expect(stats.byProduct).toEqual([{ productName: product.name, findings: 2, agreed: 1, agreementRate: 0.5 }]);
    const { rows: statRows } = readCsv(await lead.call('auditStatsCsv'));
    expect(statRows.find((r) => r.scope === 'product')).toMatchObject({
      key: product.name,
      label: product.name,
      findings: '2',
      agreed: '1',
      agreement_rate: '0.5',
    });
    const { rows } = readCsv(await lead.call('auditCsv'));
    const row = rows.find((r) => r.audit_id === a1.id && r.finding === 'product')!;
    expect(row).toMatchObject({
      product: `${product.name} (${product.id})`,
      reviewer_answer: 'missing-partner-solution missing-product',
      verdict: 'disagree',
      note: '只有授權數，沒有部署證明',
    });
  });
});

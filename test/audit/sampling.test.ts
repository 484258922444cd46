// Drawing audit samples from the real service: rates by reviewer experience, a higher rate for
// rejections, at least k per reviewer, filters, seeded reproducibility, never a claim twice, never the
// drawing QA lead's own decision, and audits that are immutable with their corrections kept.
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SampleResponse } from '../../shared/contracts';
import { ApiError, MONDAY_0900_TAIPEI, advanceClock, clockFrom, signIn, startTestService, type Client, type TestService } from '../support/service';
import { agreeing, approve, decide, findings, reject, requestInfo, submitAudit } from './world';

let svc: TestService;
let qa: Client;
let admin: Client;
/** Claims decided in the first week (rev1, rev2) and the second week (rev3). */
const week1: { rev1: string[]; rev2: string[] } = { rev1: [], rev2: [] };
let week2Start: string;
let week2: string[] = [];

const countBy = <T>(xs: T[], key: (x: T) => string) => xs.reduce<Record<string, number>>((m, x) => ({ ...m, [key(x)]: (m[key(x)] ?? 0) + 1 }), {});
const ids = (r: SampleResponse) => r.items.map((i) => i.claimId);
const drawn = (r: SampleResponse, reviewer: string, stratum: string) => r.sample.strata.find((s) => s.reviewer.id === reviewer && s.stratum === stratum);

beforeAll(async () => {
  svc = await startTestService({ demoClaims: 0, now: clockFrom(MONDAY_0900_TAIPEI) });
  // rev1: 13 decisions that are not rejections (8 approvals, 5 information requests) and 5 rejections.
  week1.rev1 = await decide(svc.url, 'rev1', [
    ...Array.from({ length: 8 }, () => approve()),
    ...Array.from({ length: 5 }, () => requestInfo('missing-product')),
    ...Array.from({ length: 5 }, () => reject('missing-customer-consent', 'missing-customer-acknowledgement')),
  ]);
  // rev2: 15 approvals and 10 rejections.
  week1.rev2 = await decide(svc.url, 'rev2', [...Array.from({ length: 15 }, () => approve()), ...Array.from({ length: 10 }, () => reject())], 'partner2');
  week2Start = await advanceClock(svc.url, 'P7D');
  week2 = await decide(
    svc.url,
    'rev3',
    [approve(), approve(), reject('missing-product', 'missing-product'), requestInfo('date-missing-or-outdated')],
    'partner3',
  );
  qa = await signIn(svc.url, 'qa1');
  admin = await signIn(svc.url, 'admin1');
}, 120_000);

afterAll(async () => {
  await svc?.stop();
});

describe('a stratified sample', () => {
  it("takes each reviewer's rate of their decisions, rounded up, and twice that rate of their rejections", async () => {
    await admin.call('auditReviewerSet', { params: { id: 'u-rev2' }, body: { experience: 'experienced' } });
    const { defaults, reviewers } = await qa.call('auditReviewers');
    expect(defaults).toEqual({ newRate: 0.1, experiencedRate: 0.04, rejectionFactor: 2 });
    expect(reviewers.find((r) => r.reviewer.id === 'u-rev1')).toMatchObject({ experience: 'new', rate: 0.1, rejectionRate: 0.2 });
    expect(reviewers.find((r) => r.reviewer.id === 'u-rev2')).toMatchObject({ experience: 'experienced', rate: 0.04, rejectionRate: 0.08 });

    const s = await qa.call('auditPreview', { body: { seed: 11, mode: 'stratified', to: week2Start } });
    expect(s.sample.population).toBe(43);
    // rev1 (new, 10 %): 13 other decisions → ⌈1.3⌉ = 2; 5 rejections at 20 % → ⌈1.0⌉ = 1.
    expect(drawn(s, 'u-rev1', 'other')).toMatchObject({ population: 13, rate: 0.1, drawn: 2 });
    expect(drawn(s, 'u-rev1', 'rejection')).toMatchObject({ population: 5, rate: 0.2, drawn: 1 });
    // rev2 (experienced, 4 %): 15 approvals → ⌈0.6⌉ = 1; 10 rejections at 8 % → ⌈0.8⌉ = 1.
    expect(drawn(s, 'u-rev2', 'other')).toMatchObject({ population: 15, rate: 0.04, drawn: 1 });
    expect(drawn(s, 'u-rev2', 'rejection')).toMatchObject({ population: 10, rate: 0.08, drawn: 1 });
    const items = s.items.map((i) => ({ reviewer: i.decision.reviewer.id, rejection: i.decision.kind === 'reject', stratum: i.stratum }));
    expect(countBy(items, (i) => `${i.reviewer}/${i.rejection ? 'rejection' : 'other'}/${i.stratum}`)).toEqual({
      'u-rev1/other/other': 2,
      'u-rev1/rejection/rejection': 1,
      'u-rev2/other/other': 1,
      'u-rev2/rejection/rejection': 1,
    });
  });

  it("follows a reviewer's own rate and the desk's defaults when a QA lead or an administrator changes them", async () => {
    await qa.call('auditReviewerSet', { params: { id: 'u-rev2' }, body: { customRate: 0.2 } });
    await admin.call('auditDefaultsSet', { body: { newRate: 0.2, rejectionFactor: 3 } });
    try {
      const s = await qa.call('auditPreview', { body: { seed: 11, mode: 'stratified', to: week2Start } });
      // rev1 (new, now 20 %): ⌈13 × 0.2⌉ = 3; rejections 5 × 0.6 = 3. rev2 (own 20 %): 15 × 0.2 = 3; 10 × 0.6 = 6.
      expect([drawn(s, 'u-rev1', 'other')?.drawn, drawn(s, 'u-rev1', 'rejection')?.drawn]).toEqual([3, 3]);
      expect([drawn(s, 'u-rev2', 'other')?.drawn, drawn(s, 'u-rev2', 'rejection')?.drawn]).toEqual([3, 6]);
      const override = await qa.call('auditPreview', { body: { seed: 11, mode: 'stratified', to: week2Start, rate: 0.5, rejectionRate: 1 } });
      expect(drawn(override, 'u-rev2', 'rejection')).toMatchObject({ rate: 1, drawn: 10 });
      expect(drawn(override, 'u-rev1', 'other')).toMatchObject({ rate: 0.5, drawn: 7 }); // ⌈6.5⌉
    } finally {
      await qa.call('auditReviewerSet', { params: { id: 'u-rev2' }, body: { customRate: null } });
      await admin.call('auditDefaultsSet', { body: { newRate: 0.1, rejectionFactor: 2 } });
    }
  });

  it('tops each reviewer up to at least k decisions, or all of theirs when they have fewer', async () => {
    const s = await qa.call('auditPreview', { body: { seed: 11, mode: 'stratified', minPerReviewer: 5 } });
    const per = countBy(s.items, (i) => i.decision.reviewer.id);
    // rev1 3 + 2 to reach 5; rev2 2 + 3; rev3 has 4 decisions only (1 + 1 by rate, + 2).
    expect(per).toEqual({ 'u-rev1': 5, 'u-rev2': 5, 'u-rev3': 4 });
    expect(drawn(s, 'u-rev1', 'minimum')?.drawn).toBe(2);
    expect(drawn(s, 'u-rev2', 'minimum')?.drawn).toBe(3);
    expect(drawn(s, 'u-rev3', 'minimum')?.drawn).toBe(2);
    expect(new Set(ids(s)).size).toBe(14);
  });
});

describe('a random sample', () => {
  it('is the same for the same seed and differs for another', async () => {
    const spec = { seed: 20260302, mode: 'random' as const, size: 8 };
    const a = await qa.call('auditPreview', { body: spec });
    const b = await qa.call('auditPreview', { body: spec });
    const c = await qa.call('auditPreview', { body: { ...spec, seed: 99 } });
    expect(ids(a)).toHaveLength(8);
    expect(ids(b)).toEqual(ids(a));
    expect(ids(c)).not.toEqual(ids(a));
    expect(a.items.every((i) => i.stratum === 'random')).toBe(true);
  });

  it('filters by period, reviewer, decision kind and reason', async () => {
    const all = { seed: 1, mode: 'random' as const, size: 100 };
    expect((await qa.call('auditPreview', { body: { ...all, from: week2Start } })).items.map((i) => i.claimId).sort()).toEqual([...week2].sort());
    const rev2 = await qa.call('auditPreview', { body: { ...all, reviewerIds: ['u-rev2'] } });
    expect(rev2.items.map((i) => i.claimId).sort()).toEqual([...week1.rev2].sort());
    const requests = await qa.call('auditPreview', { body: { ...all, kinds: ['request-info'] } });
    expect(countBy(requests.items, (i) => `${i.decision.reviewer.id}/${i.decision.kind}`)).toEqual({ 'u-rev1/request-info': 5, 'u-rev3/request-info': 1 });
    // A reason matches a rejection reason or a ticked checklist reason: rev3's rejection for a missing product and rev1's 5 requests for it.
    const missingProduct = await qa.call('auditPreview', { body: { ...all, reasons: ['missing-product'] } });
    expect(countBy(missingProduct.items, (i) => `${i.decision.reviewer.id}/${i.decision.kind}`)).toEqual({ 'u-rev1/request-info': 5, 'u-rev3/reject': 1 });
    const consent = await qa.call('auditPreview', { body: { ...all, reasons: ['missing-customer-consent'] } });
    expect(consent.items.map((i) => i.claimId).sort()).toEqual(week1.rev1.slice(13).sort());
  });

  it('draws what its preview showed, and never samples a claim a second time', async () => {
    const spec = { seed: 5, mode: 'random' as const, size: 6, reviewerIds: ['u-rev1'] };
    const preview = await qa.call('auditPreview', { body: spec });
    const first = await qa.call('auditDraw', { body: spec });
    expect(ids(first)).toEqual(ids(preview));
    expect(first.sample.id).toMatch(/^sample-/);
    expect(first.items.every((i) => i.claim.id === i.claimId && i.claim.history.some((e) => e.seq === i.decision.seq))).toBe(true);
    const again = await qa.call('auditDraw', { body: spec });
    expect(again.sample.population).toBe(first.sample.population - 6);
    expect(ids(again).filter((id) => ids(first).includes(id))).toEqual([]);
    const open = await qa.call('auditItems', { query: { state: 'open', mine: 'true' } });
    expect(open.items.map((i) => i.claimId).sort()).toEqual([...ids(first), ...ids(again)].sort());
  });
});

describe('who may audit what', () => {
  it('never lets the reviewer who decided a claim audit it, even once they are a QA lead', async () => {
    // rev3 becomes a QA lead (a role change the service reads on every request).
    const db = new Database(path.join(svc.dataDir, 'service.sqlite'));
    try {
      db.prepare("UPDATE users SET role = 'qa_lead' WHERE username = 'rev3'").run();
    } finally {
      db.close();
    }
    const promoted = await signIn(svc.url, 'rev3');
    const own = await promoted.call('auditPreview', { body: { seed: 3, mode: 'random', size: 100, from: week2Start } });
    expect(own.sample.population).toBe(0);
    const drawnByQa = await qa.call('auditDraw', { body: { seed: 3, mode: 'random', size: 1, from: week2Start } });
    const item = drawnByQa.items[0]!;
    expect(item.decision.reviewer.id).toBe('u-rev3');
    const err = await submitAudit(promoted, item, agreeing(item)).catch((e: ApiError) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).status).toBe(403);
    expect((err as ApiError).problem.detail).toMatch(/you made the decision/);
    expect((await submitAudit(qa, item, agreeing(item))).auditor.id).toBe('u-qa1');
  });

  it('audits a sampled decision once; later changes are corrections of the current audit, all kept', async () => {
    const { items } = await qa.call('auditDraw', { body: { seed: 8, mode: 'random', size: 1, reviewerIds: ['u-rev2'] } });
    const item = items[0]!;
    const id = randomUUID();
    const first = await submitAudit(qa, item, agreeing(item), { id });
    const duplicate = await qa
      .call('auditSubmit', { body: { id, claimId: item.claimId, corrects: null, blind: false, findings: [] } })
      .catch((e: ApiError) => e);
    expect(duplicate).toBeInstanceOf(ApiError); // a re-sent audit must still be a whole audit …
    const resent = await qa.call('auditSubmit', {
      body: { id, claimId: item.claimId, corrects: null, blind: false, findings: (await qa.call('auditGet', { params: { id } })).audit.findings },
    });
    expect(resent.outcome).toBe('duplicate'); // … and is then answered as the one already applied
    expect(resent.audit.id).toBe(first.id);

    const second = await submitAudit(qa, item, agreeing(item)).catch((e: ApiError) => e);
    expect((second as ApiError).status).toBe(409);
    const overturning = { decision: item.decision.answer === 'approve' ? ('reject' as const) : ('approve' as const), applies: [] };
    const correction = await submitAudit(qa, item, overturning, { corrects: first.id });
    expect(correction.corrects).toBe(first.id);
    const stale = await submitAudit(qa, item, agreeing(item), { corrects: first.id }).catch((e: ApiError) => e);
    expect((stale as ApiError).status).toBe(409);

    const { audit, history } = await qa.call('auditGet', { params: { id: first.id } });
    expect(audit.correctedBy).toBe(correction.id);
    expect(history.map((a) => a.id)).toEqual([first.id, correction.id]);
    const current = await qa.call('auditList', { query: { reviewerId: 'u-rev2' } });
    expect(current.audits.filter((a) => a.claimId === item.claimId).map((a) => a.id)).toEqual([correction.id]);
    const all = await qa.call('auditList', { query: { reviewerId: 'u-rev2', history: 'true' } });
    expect(
      all.audits
        .filter((a) => a.claimId === item.claimId)
        .map((a) => a.id)
        .sort(),
    ).toEqual([first.id, correction.id].sort());

    // Immutable in storage too: the database refuses to change or delete a submitted audit.
    const db = new Database(path.join(svc.dataDir, 'service.sqlite'));
    try {
      expect(() => db.prepare("UPDATE audits SET findings = '[]' WHERE id = ?").run(first.id)).toThrow(/immutable/);
      expect(() => db.prepare('DELETE FROM audits WHERE id = ?').run(first.id)).toThrow(/immutable/);
    } finally {
      db.close();
    }
  });

  it('refuses findings whose verdict contradicts the answers, and claims that were never sampled', async () => {
    const { items } = await qa.call('auditDraw', { body: { seed: 9, mode: 'random', size: 1, reviewerIds: ['u-rev2'] } });
    const item = items[0]!;
    const contradicting = findings(item, agreeing(item));
    contradicting[0] = { ...contradicting[0]!, verdict: 'disagree' };
    const res = await qa.raw('auditSubmit', { body: { id: randomUUID(), claimId: item.claimId, corrects: null, blind: false, findings: contradicting } });
    expect(res.status).toBe(400);
    expect((await res.json()).field).toBe('findings.0.verdict');
    const sampled = new Set((await qa.call('auditItems', { query: { state: 'all' } })).items.map((i) => i.claimId));
    const never = week1.rev2.find((id) => !sampled.has(id))!;
    const missing = await qa.raw('auditSubmit', {
      body: { id: randomUUID(), claimId: never, corrects: null, blind: false, findings: findings(item, agreeing(item)) },
    });
    expect(missing.status).toBe(404);
  });
});

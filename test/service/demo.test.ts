// The demo world: deterministic for a seed, never seeded over existing data, and rich enough to
// review: every status and derived state, deadlines everywhere, competing claims, PDF/PNG/JPEG PoEs
// (some in zh-TW) whose ground truth is recorded.
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPdfjsNode, pdfjsNodeOptions } from '../../electron/core/pdfjs-node';
import { Claim } from '../../shared/contracts';
import { CHECKLIST_REASONS, CLAIM_STATUSES, DERIVED_STATES, REVIEWER_DEADLINES } from '../../shared/domain';
import { signIn, startTestService, type Client, type TestService } from '../support/service';

async function allClaims(c: Client): Promise<Claim[]> {
  const out: Claim[] = [];
  for (let offset = 0; ; offset += 200) {
    const page = await c.call('claimList', { query: { limit: 200, offset } });
    out.push(...page.claims);
    if (out.length >= page.total || page.claims.length === 0) return out;
  }
}

describe('the demo world (seed 42, 300 claims)', () => {
  let svc: TestService;
  let claims: Claim[];
  let now: number;
  beforeAll(async () => {
    svc = await startTestService({ demo: true, testClock: false });
    expect(svc.seeded).toBe(true);
    claims = await allClaims(await signIn(svc.url, 'admin1'));
    now = Date.parse((await (await signIn(svc.url, 'qa1')).call('calendar')).now);
  });
  afterAll(async () => {
    await svc.stop();
  });

  it('holds 300 valid claims in every status and every derived state', () => {
    expect(claims).toHaveLength(300);
    for (const c of claims) Claim.parse(c);
    expect(new Set(claims.map((c) => c.status))).toEqual(new Set(CLAIM_STATUSES));
    expect(new Set(claims.map((c) => c.derivedState).filter(Boolean))).toEqual(new Set(DERIVED_STATES));
    const reasons = new Set(claims.map((c) => c.rejection?.reason).filter(Boolean));
    for (const r of ['no-partner-response', 'customer-declined', 'partner-request', 'insufficient-poe']) expect(reasons).toContain(r);
    expect(claims.some((c) => c.status === 'in-review' && c.history.some((e) => e.kind === 'resubmitted'))).toBe(true);
    expect(claims.some((c) => c.dispute?.outcome === 'overturn')).toBe(true);
    expect(claims.some((c) => c.dispute?.outcome === 'uphold')).toBe(true);
  });

  it('spreads reviewer deadlines: some overdue, some due within a day, most later', () => {
    const open = claims.flatMap((c) => c.deadlines.filter((d) => d.metAt === null && REVIEWER_DEADLINES.includes(d.kind)));
    expect(open.filter((d) => Date.parse(d.dueAt) < now).length).toBeGreaterThan(0);
    expect(open.filter((d) => Date.parse(d.dueAt) >= now && Date.parse(d.dueAt) < now + 24 * 3_600_000).length).toBeGreaterThan(0);
    expect(open.filter((d) => Date.parse(d.dueAt) >= now + 24 * 3_600_000).length).toBeGreaterThan(open.length / 3);
    expect(claims.some((c) => c.deadlines.some((d) => d.kind === 'partner-response' && d.metAt === null))).toBe(true);
    expect(claims.some((c) => c.deadlines.some((d) => d.kind === 'consent-window' && d.metAt === null))).toBe(true);
  });

  it('has customers claimed by several partners on the same workload', () => {
    const samePartner = (a: { partner: { mpnId: string } }, b: { partner: { mpnId: string } }) => a.partner.mpnId === b.partner.mpnId;
    const contested = claims.filter((c) => c.competing.some((o) => !samePartner(o, c)));
    expect(contested.length).toBeGreaterThan(10);
    expect(contested.length).toBeLessThan(claims.length / 2);
    // One partner of record: the same partner's own duplicates on the workload are listed too (issue 16).
    expect(claims.some((c) => c.competing.some((o) => samePartner(o, c)))).toBe(true);
  });

  it('has PDF, PNG and JPEG PoEs, each with a recorded ground truth naming checklist reasons of its claim', () => {
    const docs = claims.flatMap((c) => c.documents.map((d) => ({ claim: c, d })));
    expect(new Set(docs.map((x) => x.d.mediaType))).toEqual(new Set(['application/pdf', 'image/png', 'image/jpeg']));
    const db = new Database(path.join(svc.dataDir, 'service.sqlite'), { readonly: true });
    try {
      const truths = db.prepare('SELECT claim_id, sha256, truth FROM document_truth').all() as { claim_id: string; sha256: string; truth: string }[];
      expect(truths).toHaveLength(docs.length);
      const seen = new Set<string>();
      for (const t of truths) {
        const claim = claims.find((c) => c.id === t.claim_id)!;
        expect(claim.documents.map((d) => d.sha256)).toContain(t.sha256);
        const truth = JSON.parse(t.truth) as { reasons: { code: string; productId: string | null }[]; layout: string; language: string };
        for (const r of truth.reasons) {
          expect(CHECKLIST_REASONS).toContain(r.code);
          if (r.productId) expect(claim.products.map((p) => p.id)).toContain(r.productId);
          seen.add(r.code);
        }
        seen.add(`layout:${truth.layout}`);
        seen.add(`language:${truth.language}`);
      }
      for (const code of CHECKLIST_REASONS) expect(seen).toContain(code);
      for (const layout of ['template', 'email', 'sow', 'scanned', 'photo-png', 'photo-jpeg']) expect(seen).toContain(`layout:${layout}`);
      expect(seen).toContain('language:zh-TW');
    } finally {
      db.close();
    }
    // The reviewer's requests for information name exactly the reasons the first document's truth holds.
    const asked = claims.find((c) => c.history.some((e) => e.kind === 'info-requested'))!;
    expect(asked.history.find((e) => e.kind === 'info-requested')).toMatchObject({
      reasons: expect.arrayContaining([expect.objectContaining({ code: expect.any(String) })]),
    });
  });

  it('writes zh-TW text into PDFs as real, extractable text', async () => {
    const pdfjs = await loadPdfjsNode();
    const qa = await signIn(svc.url, 'qa1');
    const db = new Database(path.join(svc.dataDir, 'service.sqlite'), { readonly: true });
    const row = db
      .prepare('SELECT sha256 FROM document_truth WHERE truth LIKE \'%"language":"zh-TW"%\' AND truth LIKE \'%"layout":"template"%\' LIMIT 1')
      .get() as { sha256: string };
    db.close();
    const bytes = await qa.call('documentGet', { params: { sha256: row.sha256 } });
    const task = pdfjs.getDocument({ ...pdfjsNodeOptions(), data: bytes });
    const doc = await task.promise;
    const text = (await (await doc.getPage(1)).getTextContent()).items.map((i) => ('str' in i ? i.str : '')).join(' ');
    expect(text).toContain('執行證明');
    expect(text).toContain('Customer tenant ID');
    await task.destroy();
  });

  it('signs in every demo user with the password "demo", in the right role', async () => {
    const users = [
      ...['rev1', 'rev2', 'rev3'].map((u) => [u, 'reviewer']),
      ['qa1', 'qa_lead'],
      ['admin1', 'admin'],
      ...[1, 2, 3, 4, 5].map((i) => [`partner${i}`, 'partner']),
      ...Array.from({ length: 20 }, (_, i) => [`customer${i + 1}`, 'customer']),
    ];
    for (const [username, role] of users) expect((await signIn(svc.url, username!)).user.role).toBe(role);
  });

  it('shows each partner only its company’s claims and each customer only its tenant’s', async () => {
    const partner = await signIn(svc.url, 'partner2');
    const own = await allClaims(partner);
    expect(own.length).toBeGreaterThan(0);
    expect(new Set(own.map((c) => c.partner.name)).size).toBe(1);
    expect(own).toHaveLength(claims.filter((c) => c.partner.name === own[0]!.partner.name).length);
    const customer = await signIn(svc.url, 'customer3');
    const theirs = await allClaims(customer);
    expect(new Set(theirs.map((c) => c.customer.tenantId)).size).toBeLessThanOrEqual(1);
    expect(theirs.every((c) => c.status !== 'draft')).toBe(true);
  });

  it('leases the most urgent claims of the pool first', async () => {
    const rev = await signIn(svc.url, 'rev2');
    const pool = claims.filter((c) => c.status === 'submitted' || c.status === 'in-review' || c.derivedState === 'disputed');
    const urgency = (c: Claim) =>
      c.deadlines
        .filter((d) => d.metAt === null && REVIEWER_DEADLINES.includes(d.kind))
        .map((d) => d.dueAt)
        .sort()[0] ?? '~';
    const expected = pool.map(urgency).sort().slice(0, 5);
    const { claims: leased } = await rev.call('leaseCreate', { body: { size: 5 } });
    const leasedUrgency = leased.map((c) => urgency(claims.find((x) => x.id === c.id)!)).sort();
    expect(leasedUrgency).toEqual(expected);
  });
});

describe('demo seeding', () => {
  const fixed = () => new Date('2026-05-04T02:00:00.000Z');

  it('makes the same world for the same seed and clock, and another for another seed', async () => {
    const worlds: { claims: Claim[]; docs: string[] }[] = [];
    for (const seed of [7, 7, 8]) {
      const svc = await startTestService({ demo: true, seed, demoClaims: 40, now: fixed, testClock: false });
      try {
        const claims = await allClaims(await signIn(svc.url, 'admin1'));
        worlds.push({ claims, docs: claims.flatMap((c) => c.documents.map((d) => d.sha256)) });
      } finally {
        await svc.stop();
      }
    }
    expect(worlds[0]!.claims).toHaveLength(40);
    expect(worlds[1]).toEqual(worlds[0]);
    expect(worlds[2]!.docs).not.toEqual(worlds[0]!.docs);
    expect(worlds[2]!.claims.map((c) => c.customer.tenantId)).not.toEqual(worlds[0]!.claims.map((c) => c.customer.tenantId));
  });

  it('never seeds over existing data: it keeps the data and says so', async () => {
    const first = await startTestService({ demo: true, seed: 3, demoClaims: 12, testClock: false });
    const dataDir = first.dataDir;
    const before = await allClaims(await signIn(first.url, 'qa1'));
    await first.close();
    const again = await startTestService({ demo: true, seed: 99, demoClaims: 50, dataDir, testClock: false });
    try {
      expect(again.seeded).toBe(false);
      const after = await allClaims(await signIn(again.url, 'qa1'));
      expect(after.map((c) => c.id)).toEqual(before.map((c) => c.id));
      expect(after.map((c) => c.version)).toEqual(before.map((c) => c.version));
    } finally {
      await again.stop();
      await first.stop();
    }
  });
});

// The assist through the workstation core and the real review service: a partner's claim with a text
// PDF (signature on page 2) and an image-only scanned page (OCR, English + zh-TW); the reviewer's core
// reads both in the background, stores the result (it survives a restart) and finds a duplicate PoE.
import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServiceClient } from '../../electron/core/service-client';
import type { Claim } from '../../shared/contracts';
import { signIn } from '../support/claims';
import { openCore, serviceWithClaims, type TestCore, type TestService } from '../core/harness';
import { assistDone, partnerClaim } from './core-helpers';
import { pageImage, scannedPdf, textPdf } from './fixtures';

let svc: TestService;
let ws: TestCore;
let claim: Claim;
let other: Claim;
let layout: Awaited<ReturnType<typeof textPdf>>;
const tenant = randomUUID();

beforeAll(async () => {
  svc = await serviceWithClaims(0);
  const signed = DateTime.utc().minus({ days: 20 }).toFormat('d LLLL yyyy');
  layout = await textPdf([
    [
      'Proof of Execution',
      'Customer company name: Wingtip Toys Ltd.',
      `Customer tenant ID: ${tenant}`,
      'Customer domain: wingtiptoys.example',
      'We ran discovery workshops, deployed D365 Sales for 80 users, migrated the data and trained the administrators.',
    ],
    ['Customer acknowledgement', 'Wingtip Toys confirms the engagement described above.', 'Name: Ana Lopez', 'Title: Head of Sales', `Date: ${signed}`],
  ]);
  const scan = await scannedPdf(pageImage(['Wingtip Toys', `Tenant ID: ${tenant}`, '客戶確認：台灣精密機械股份有限公司']));
  claim = await partnerClaim(svc.service.url, 'partner1', { name: 'Wingtip Toys', tenantId: tenant, domain: 'wingtiptoys.example' }, [
    ['PoE.pdf', layout.bytes],
    ['scan.pdf', scan],
  ]);
  // the same PoE attached by another partner to a claim on another customer
  other = await partnerClaim(svc.service.url, 'partner2', { name: 'Litware Inc.', tenantId: randomUUID(), domain: 'litware.example' }, [
    ['copy.pdf', layout.bytes],
  ]);
  ws = await openCore(svc.service.url, { assistInBackground: true });
  await ws.call('session.login', { username: 'rev1', password: 'demo' });
}, 120_000);

afterAll(async () => {
  await ws?.close();
  await svc?.close();
});

describe('the PoE assist in the workstation core', () => {
  it('reads the batch in the background after a pull and suggests reasons with evidence on the text', async () => {
    const result = assistDone(ws, claim.id);
    await ws.call('queue.pull', { size: 10 });
    const r = await result;
    expect(r.documents.map((d) => d.text)).toEqual(['layer', 'ocr']);
    expect(r.findings!.customer.tenantId).toEqual({ found: tenant, match: 'match' });
    expect(r.findings!.acknowledgement.signedBy).toBe('customer');
    const [p1, p2] = claim.products;
    expect(r.findings!.products).toEqual([
      { productId: p1!.id, named: true, alias: 'D365 Sales' },
      { productId: p2!.id, named: false, alias: null },
    ]);
    const missing = r.suggestions.find((s) => s.code === 'missing-product' && s.productId === p2!.id)!;
    expect(missing).toMatchObject({ verdict: 'applies', reason: 'Power BI Pro is not named in the 3 page(s).' });
    expect(r.suggestions.filter((s) => s.verdict === 'applies').map((s) => s.code)).toEqual(['missing-product']);

    // evidence rectangles sit on the drawn text (PDF points, origin bottom-left)
    const named = r.suggestions.find((s) => s.code === 'missing-product' && s.productId === p1!.id)!.evidence[0]!;
    const line = layout.drawn[0]![4]!;
    const before = line.text.slice(0, line.text.indexOf('D365 Sales'));
    expect(named).toMatchObject({ sha256: claim.documents[0]!.sha256, page: 1, text: 'D365 Sales' });
    expect(named.rect![0]).toBeCloseTo(line.x + layout.widthOf(before), -0.5);
    expect(named.rect![2]).toBeCloseTo(line.x + layout.widthOf(before + 'D365 Sales'), -0.5);
    expect(named.rect![1]).toBeLessThan(line.y + 1);
    expect(named.rect![3]).toBeGreaterThan(line.y + line.size * 0.6);
    const date = r.suggestions.find((s) => s.code === 'date-missing-or-outdated')!;
    expect(date).toMatchObject({ verdict: 'clear', evidence: [{ page: 2 }] });
    expect(date.evidence[0]!.rect![1]).toBeLessThan(layout.drawn[1]![4]!.y + 1);
    expect(date.evidence[0]!.rect![3]).toBeGreaterThan(layout.drawn[1]![4]!.y);
  });

  it('names the other claim that carries the same document for another customer', async () => {
    const r = await ws.call('assist.get', { claimId: claim.id });
    expect(r.findings!.duplicates).toEqual([{ claimId: other.id, sha256: claim.documents[0]!.sha256, similarity: 1 }]);
    // opening the claim carries the same result: the page needs no assist.get of its own
    expect((await ws.call('claim.get', { id: claim.id })).assist).toEqual(r);
  });

  it('keeps the result across a restart, and recomputes on assist.run', async () => {
    const profileDir = ws.profileDir;
    await ws.core.close();
    const again = await openCore(svc.service.url, { profileDir });
    try {
      const r = await again.call('assist.get', { claimId: claim.id });
      expect(r.status).toBe('done');
      expect(r.findings!.acknowledgement.signedBy).toBe('customer');
      const rerun = assistDone(again, other.id);
      expect((await again.call('assist.run', { claimId: other.id })).status).toBe('pending');
      expect((await rerun).findings!.duplicates.map((d) => d.claimId)).toEqual([claim.id]);
      await expect(again.call('assist.get', { claimId: 'CLM-nope' })).rejects.toMatchObject({ problem: { status: 404 } });
      await expect(again.call('assist.get', {} as never)).rejects.toMatchObject({ problem: { status: 400 } });
    } finally {
      await again.close();
    }
  });
  it("records the reviewer's agreement with each suggestion with the decision, and QA sees the assist's precision per reason", async () => {
    const ws2 = await openCore(svc.service.url, { profileDir: ws.profileDir });
    try {
      await ws2.call('session.login', { username: 'rev1', password: 'demo' });
      const [p1, p2] = claim.products;
      // accepts "Power BI Pro is not named"; overrides "the work done is described" by ticking it anyway
      await ws2.call('review.checklist', { claimId: claim.id, code: 'missing-product', productId: p2!.id, checked: true, note: null });
      await ws2.call('review.checklist', { claimId: claim.id, code: 'missing-partner-solution', productId: null, checked: true, note: null });
      // whatever the page sends as agreement is replaced by the core's own
      const fake = [{ code: 'missing-all-poe' as const, productId: null, verdict: 'applies' as const, confidence: 1, outcome: 'accepted' as const }];
      const { entry } = await ws2.call('review.decide', {
        claimId: claim.id,
        decision: {
          kind: 'request-info',
          reasons: [
            { code: 'missing-product', productId: p2!.id },
            { code: 'missing-partner-solution', productId: null },
          ],
          message: 'Please add Power BI Pro.',
          assist: fake,
        },
      });
      const recorded = (entry.payload as { assist: { code: string; productId: string | null; verdict: string; outcome: string }[] }).assist;
      const key = (a: { code: string; productId: string | null }) => `${a.code}|${a.productId ?? ''}`;
      expect(new Map(recorded.map((a) => [key(a), `${a.verdict} ${a.outcome}`]))).toEqual(
        new Map([
          ['missing-all-poe|', 'clear accepted'],
          ['missing-customer-acknowledgement|', 'clear accepted'],
          ['date-missing-or-outdated|', 'clear accepted'],
          ['missing-partner-solution|', 'clear overridden'],
          [`missing-product|${p1!.id}`, 'clear accepted'],
          [`missing-product|${p2!.id}`, 'applies accepted'],
        ]),
      );
      const status = await ws2.call('sync.run', {});
      expect(status.pending).toBe(0);
      const client = createServiceClient(svc.service.url);
      const stats = await client.call('auditStats', { token: await signIn(client, 'qa1'), query: {} });
      const by = new Map(stats.assist.map((r) => [r.code, r]));
      expect(by.get('missing-product')).toMatchObject({
        suggestions: 2,
        applies: 1,
        appliesAccepted: 1,
        precision: 1,
        clear: 1,
        clearAccepted: 1,
        overridden: 0,
      });
      expect(by.get('missing-partner-solution')).toMatchObject({
        suggestions: 1,
        applies: 0,
        precision: null,
        clear: 1,
        clearAccepted: 0,
        clearAgreement: 0,
        overridden: 1,
      });
    } finally {
      await ws2.close();
    }
  });
});

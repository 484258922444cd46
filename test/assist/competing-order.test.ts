// Competing claims in the workstation core follow the PoE's date as shared/domain's byPoeDate counts it:
// by upload time on the service (no assist there) and in the core until the assist has read them, by the
// customer acknowledgement's date once the assist's cache holds it. Real service, real assist (pdf.js).
import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServiceClient } from '../../electron/core/service-client';
import type { AssistResult, Claim } from '../../shared/contracts';
import { claimInput, signIn } from '../support/claims';
import { openCore, serviceWithClaims, type TestCore, type TestService } from '../core/harness';
import { textPdf } from './fixtures';

let svc: TestService;
let ws: TestCore;
const tenant = randomUUID();
const customer = { name: 'Wingtip Toys', tenantId: tenant, domain: 'wingtiptoys.example' };
const day = (daysAgo: number) => DateTime.utc().minus({ days: daysAgo });

async function poe(signedDaysAgo: number): Promise<Uint8Array> {
  const signed = day(signedDaysAgo).toFormat('d LLLL yyyy');
  return (await textPdf([
    ['Proof of Execution', 'Customer company name: Wingtip Toys Ltd.', `Customer tenant ID: ${tenant}`, 'We deployed D365 Sales for 80 users and trained the administrators.'],
    ['Customer acknowledgement', 'Wingtip Toys confirms the engagement described above.', 'Name: Ana Lopez', 'Title: Head of Sales', `Date: ${signed}`],
  ])).bytes;
}

async function partnerClaim(partner: string, doc: Uint8Array): Promise<Claim> {
  const client = createServiceClient(svc.service.url);
  const token = await signIn(client, partner);
  const c = await client.call('claimCreate', { token, body: claimInput({ customer, activity: 'deployment' }) });
  await client.call('documentUpload', { token, params: { id: c.id }, query: { fileName: 'PoE.pdf' }, body: doc });
  return client.call('claimSubmit', { token, params: { id: c.id }, body: {} });
}

function done(core: TestCore, claimId: string): Promise<AssistResult> {
  return new Promise((resolve) => {
    const off = core.core.subscribe((e) => {
      if (e.type !== 'assist.changed' || !e.claimIds.includes(claimId)) return;
      void core.call('assist.get', { claimId }).then((r) => {
        if (r.status === 'done') {
          off();
          resolve(r);
        }
      });
    });
  });
}

let own: Claim;
let acknowledgedLate: Claim;
let acknowledgedEarly: Claim;

beforeAll(async () => {
  svc = await serviceWithClaims(0);
  own = await partnerClaim('partner1', await poe(10));
  // uploaded first, but acknowledged 20 days ago; the other uploaded after it, acknowledged 200 days ago
  acknowledgedLate = await partnerClaim('partner2', await poe(20));
  acknowledgedEarly = await partnerClaim('partner3', await poe(200));
  ws = await openCore(svc.service.url, { assistInBackground: true });
  await ws.call('session.login', { username: 'rev1', password: 'demo' });
}, 120_000);

afterAll(async () => {
  await ws?.close();
  await svc?.close();
});

describe('competing claims in the workstation', () => {
  it('follow the upload time on the service, and the acknowledgement date once the assist has read them', async () => {
    const seen = await ws.call('claim.get', { id: own.id }).catch(() => null);
    expect(seen).toBeNull(); // not in the batch before the pull

    const read = Promise.all([done(ws, acknowledgedLate.id), done(ws, acknowledgedEarly.id)]);
    await ws.call('queue.pull', { size: 10 });
    // the service's order: the most recent upload first, no acknowledgement date
    const server = (await ws.call('claim.get', { id: own.id })).server.competing;
    expect(server.map((c) => [c.id, c.acknowledgedOn ?? null])).toEqual([[acknowledgedEarly.id, null], [acknowledgedLate.id, null]]);

    const [late, early] = await read;
    expect([late.findings!.acknowledgement.date, early.findings!.acknowledgement.date]).toEqual([day(20).toISODate(), day(200).toISODate()]);
    const shown = (await ws.call('claim.get', { id: own.id })).claim.competing;
    expect(shown.map((c) => [c.id, c.acknowledgedOn])).toEqual([[acknowledgedLate.id, day(20).toISODate()], [acknowledgedEarly.id, day(200).toISODate()]]);
  });
});

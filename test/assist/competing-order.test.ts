// Competing claims in the workstation core follow the PoE's date as shared/domain's byPoeDate counts it:
// by upload time on the service (no assist there) and in the core until the assist has read them, by the
// customer acknowledgement's date once the assist's cache holds it. Real service, real assist (pdf.js).
import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Claim } from '../../shared/contracts';
import { openCore, serviceWithClaims, type TestCore, type TestService } from '../core/harness';
import { assistDone, partnerClaim } from './core-helpers';
import { textPdf } from './fixtures';

let svc: TestService;
let ws: TestCore;
const tenant = randomUUID();
const customer = { name: 'Wingtip Toys', tenantId: tenant, domain: 'wingtiptoys.example' };
const day = (daysAgo: number) => DateTime.utc().minus({ days: daysAgo });
const claimWith = (partner: string, doc: Uint8Array): Promise<Claim> => partnerClaim(svc.service.url, partner, customer, [['PoE.pdf', doc]]);

async function poe(signedDaysAgo: number): Promise<Uint8Array> {
  const signed = day(signedDaysAgo).toFormat('d LLLL yyyy');
  return (
    await textPdf([
      [
        'Proof of Execution',
        'Customer company name: Wingtip Toys Ltd.',
        `Customer tenant ID: ${tenant}`,
        'We deployed D365 Sales for 80 users and trained the administrators.',
      ],
      ['Customer acknowledgement', 'Wingtip Toys confirms the engagement described above.', 'Name: Ana Lopez', 'Title: Head of Sales', `Date: ${signed}`],
    ])
  ).bytes;
}

let own: Claim;
let acknowledgedLate: Claim;
let acknowledgedEarly: Claim;

beforeAll(async () => {
  svc = await serviceWithClaims(0);
  own = await claimWith('partner1', await poe(10));
  // uploaded first, but acknowledged 20 days ago; the other uploaded after it, acknowledged 200 days ago
  acknowledgedLate = await claimWith('partner2', await poe(20));
  acknowledgedEarly = await claimWith('partner3', await poe(200));
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

    const read = Promise.all([assistDone(ws, acknowledgedLate.id), assistDone(ws, acknowledgedEarly.id)]);
    await ws.call('queue.pull', { size: 10 });
    // the service's order: the most recent upload first, no acknowledgement date
    const server = (await ws.call('claim.get', { id: own.id })).server.competing;
    expect(server.map((c) => [c.id, c.acknowledgedOn ?? null])).toEqual([
      [acknowledgedEarly.id, null],
      [acknowledgedLate.id, null],
    ]);

    const [late, early] = await read;
    expect([late.findings!.acknowledgement.date, early.findings!.acknowledgement.date]).toEqual([day(20).toISODate(), day(200).toISODate()]);
    const shown = (await ws.call('claim.get', { id: own.id })).claim.competing;
    expect(shown.map((c) => [c.id, c.acknowledgedOn])).toEqual([
      [acknowledgedLate.id, day(20).toISODate()],
      [acknowledgedEarly.id, day(200).toISODate()],
    ]);
  });
});

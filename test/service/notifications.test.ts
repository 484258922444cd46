// Notifications on the real service: each partner's and customer's feed (read/unread, en and zh-TW),
// and e-mails delivered over SMTP to a real SMTP sink (smtp-server) on a loopback port; then the QA
// lead's SLA report and its CSV.
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Claim } from '../../shared/contracts';
import { demoCast } from '../../server/demo/world';
import { advanceClock, clockFrom, MONDAY_0900_TAIPEI, signIn, startTestService, type TestService } from '../support/service';
import { leasedClaim, mutation } from './fixtures';

interface Received {
  to: string[];
  subject: string;
  text: string;
}
const inbox: Received[] = [];
const waiters: (() => void)[] = [];
const sink = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  onData(stream, session, callback) {
    simpleParser(stream).then((mail) => {
      inbox.push({ to: session.envelope.rcptTo.map((r) => r.address), subject: mail.subject ?? '', text: mail.text ?? '' });
      waiters.splice(0).forEach((w) => w());
      callback();
    }, callback);
  },
});
/** Resolves once `n` messages have arrived in the sink. */
async function received(n: number): Promise<Received[]> {
  while (inbox.length < n) await new Promise<void>((resolve) => waiters.push(resolve));
  return inbox.slice(0, n);
}

let svc: TestService;
const as = (u: string) => signIn(svc.url, u);
const customer = {
  name: 'Wide World Importers',
  tenantId: demoCast(42).customers.find((c) => c.username === 'customer1')!.tenantId,
  domain: 'wideworldimporters.example',
};

beforeAll(async () => {
  await new Promise<void>((resolve) => sink.listen(0, '127.0.0.1', resolve));
  const port = (sink.server.address() as { port: number }).port;
  svc = await startTestService({ demoClaims: 0, now: clockFrom(MONDAY_0900_TAIPEI), smtp: `smtp://127.0.0.1:${port}` });
});
afterAll(async () => {
  await svc.stop();
  await new Promise<void>((resolve) => sink.close(resolve));
});

async function decide(claim: Pick<Claim, 'id' | 'version'>, kind: string, payload: Record<string, unknown>): Promise<Claim> {
  const res = await (await as('rev1')).call('mutations', { body: { mutations: [mutation(claim, kind, payload)] } });
  expect(res.results[0]).toMatchObject({ outcome: 'applied' });
  // An applied answer carries no claim (compact push answers): read it as the reviewer now sees it.
  return (await as('rev1')).call('claimGet', { params: { id: claim.id } });
}

describe('notifications', () => {
  it('tell the partner of a request, a rejection with how to dispute, and the dispute outcome; the customer of an approval', async () => {
    const { claim, partner } = await leasedClaim(svc.url, as, 'rev1', { customer });
    const asked = await decide(claim, 'request-info', {
      reasons: [{ code: 'missing-customer-acknowledgement', productId: null }],
      message: 'Please add the signed page.',
    });
    const [request] = await received(1);
    expect(request!.to).toEqual(['grace@contosocloud.example']);
    expect(request!.subject).toBe(`More information needed for claim ${claim.id} / 宣告 ${claim.id} 需要更多資訊`);
    expect(request!.text).toContain('Add it and resubmit the claim by 2026-03-09');
    expect(request!.text).toContain('Reviewer: Please add the signed page.');
    expect(request!.text).toContain('請於 2026-03-09 前補充並重新提交');

    await partner.call('claimResubmit', { params: { id: claim.id }, body: { message: null } });
    const back = await (await as('rev1')).call('claimGet', { params: { id: asked.id } });
    await decide(back, 'reject', { reason: 'missing-product', message: 'No Power BI.' });
    const rejection = (await received(2))[1]!;
    expect(rejection.subject).toContain(`Claim ${claim.id} was rejected`);
    expect(rejection.text).toContain('the PoE does not include the products claimed');
    expect(rejection.text).toContain('select Dispute and give a business justification and/or updated PoE by 2026-04-01');

    await partner.call('claimDispute', { params: { id: claim.id }, body: { justification: 'Power BI is on page 4.' } });
    const disputed = await (await as('rev1')).call('claimGet', { params: { id: claim.id } });
    await decide(disputed, 'resolve-dispute', { outcome: 'overturn', message: 'Found it on page 4.' });
    const [, , outcome, consent] = await received(4);
    expect(outcome!.subject).toContain('the rejection was overturned');
    expect(consent!.to).toEqual(['ana@wingtiptoys.example']);
    expect(consent!.subject).toContain(`${claim.partner.name} is now associated with your organization`);
    expect(consent!.text).toContain('decline the association by 2026-03-09');

    const feed = await partner.call('notificationList', { query: {} });
    expect(feed.notifications.map((n) => n.kind)).toEqual(['dispute-resolved', 'rejected', 'info-requested']);
    expect(feed.unread).toBe(3);
    const zh = await partner.call('notificationList', { query: { lang: 'zh-TW' } });
    expect(zh.notifications[1]!.subject).toBe(`宣告 ${claim.id} 已遭拒絕`);
    const c1 = await as('customer1');
    expect((await c1.call('notificationList', { query: {} })).notifications.map((n) => [n.kind, n.claimId])).toEqual([['consent-requested', claim.id]]);
    expect((await (await as('partner2')).call('notificationList', { query: {} })).total).toBe(0);
  });

  it('are marked read by id or all at once, each user only their own', async () => {
    const partner = await as('partner1');
    const before = await partner.call('notificationList', { query: { unread: 'true' } });
    const [newest] = before.notifications;
    expect(await partner.call('notificationRead', { body: { ids: [newest!.id] } })).toEqual({ marked: 1, unread: before.unread - 1 });
    expect(await (await as('partner2')).call('notificationRead', { body: { ids: [before.notifications[1]!.id] } })).toEqual({ marked: 0, unread: 0 });
    expect((await partner.call('notificationList', { query: {} })).notifications.find((n) => n.id === newest!.id)!.read).toBe(true);
    expect(await partner.call('notificationRead', { body: { all: true } })).toEqual({ marked: before.unread - 1, unread: 0 });
    const bad = await partner.raw('notificationRead', { body: {} });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toContain('application/problem+json');
  });
});

describe('the SLA report', () => {
  it('shows per reviewer the deadlines met on time, overdue reviews now, automatic rejections; and exports CSV', async () => {
    const { claim } = await leasedClaim(svc.url, as, 'rev2', { customer });
    await advanceClock(svc.url, 'P8D'); // rev2's review (started Monday) is overdue from Tuesday 10 March
    const qa = await as('qa1');
    const report = await qa.call('slaReport');
    expect(report.reviewers.find((r) => r.reviewerId === 'u-rev2')).toMatchObject({ overdueNow: 1, autoRejections: 0 });
    expect(claim.status).toBe('in-review');
    const rev1 = report.reviewers.find((r) => r.reviewerId === 'u-rev1')!;
    expect(rev1.met).toBeGreaterThan(0);
    expect(rev1.onTimeRate).toBe(1);
    const csv = await qa.raw('slaReportCsv');
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const text = await csv.text();
    expect(text.split('\r\n')[0]).toBe('reviewer_id,reviewer,deadlines_met,met_on_time,on_time_rate,overdue_now,auto_rejections_no_partner_response');
    expect(text).toContain(`u-rev1,${rev1.reviewerName},${rev1.met},${rev1.onTime},1,0,0`);
    expect((await (await as('rev1')).raw('slaReport')).status).toBe(403);
  });
});

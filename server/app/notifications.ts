// Who is told what when a claim's history grows (seed: the customer on approval; the partner of
// requests for information, rejections with how to dispute, and dispute outcomes): a row in each
// recipient user's feed and one e-mail to the claim's contact, queued in the same transaction.
import type { ClaimFacts, Notification, NotificationKind, NotificationLanguage } from '../../shared/contracts';
import { consentWindowEnd, disputeWindowEnd, openDeadlines, deriveDeadlines, replay, type BusinessCalendar, type HistoryEntry } from '../../shared/domain';
import type { Tx } from '../store/repository';
import type { AppContext, Caller } from './context';
import { renderEmail, renderNotification, type NotificationParams } from './notification-templates';

interface Outgoing {
  kind: NotificationKind;
  side: 'partner' | 'customer';
  params: NotificationParams;
}

const day = (iso: string | null | undefined): string => (iso ? iso.slice(0, 10) : '');

/** The notification an entry causes, or null. The partner's own withdrawal tells nobody. */
function outgoing(facts: ClaimFacts, history: readonly HistoryEntry[], e: HistoryEntry, cal: BusinessCalendar): Outgoing | null {
  const base = { claimId: facts.id, customer: facts.customer.name, partner: facts.partner.name };
  switch (e.kind) {
    case 'info-requested': {
      const due = openDeadlines(deriveDeadlines(history, cal)).find((d) => d.kind === 'partner-response')?.dueAt;
      return { kind: 'info-requested', side: 'partner', params: { ...base, message: e.message, dueAt: day(due) } };
    }
    case 'rejected':
      if (e.reason === 'partner-request') return null;
      return {
        kind: 'rejected',
        side: 'partner',
        params: { ...base, reason: e.reason, message: e.message ?? '', disputeUntil: day(disputeWindowEnd(replay(history), cal)) },
      };
    case 'customer-declined':
      return { kind: 'rejected', side: 'partner', params: { ...base, reason: 'customer-declined', message: '', disputeUntil: '' } };
    case 'dispute-resolved':
      return { kind: 'dispute-resolved', side: 'partner', params: { ...base, outcome: e.outcome, message: e.message } };
    default:
      return null;
  }
}

/** Records the notifications (and queues the e-mails) that `entry`, just appended, causes. */
export async function notify(
  tx: Tx,
  cal: BusinessCalendar,
  companyId: string,
  facts: ClaimFacts,
  history: readonly HistoryEntry[],
  entry: HistoryEntry,
): Promise<void> {
  const out: Outgoing[] = [];
  const first = outgoing(facts, history, entry, cal);
  if (first) out.push(first);
  const approval = entry.kind === 'approved' || (entry.kind === 'dispute-resolved' && entry.outcome === 'overturn');
  if (approval) {
    const consentUntil = day(consentWindowEnd(replay(history), cal));
    out.push({
      kind: 'consent-requested',
      side: 'customer',
      params: { claimId: facts.id, customer: facts.customer.name, partner: facts.partner.name, consentUntil },
    });
  }
  for (const n of out) {
    const users = await tx.cpor.usersOf(n.side === 'partner' ? { companyId } : { tenantId: facts.customer.tenantId });
    for (const u of users) await tx.cpor.insertNotification({ userId: u.id, claimId: facts.id, kind: n.kind, params: n.params, at: entry.at });
    const mail = renderEmail(n.kind, n.params);
    await tx.cpor.queueEmail({
      to: (n.side === 'partner' ? facts.partnerContact : facts.customerContact).email,
      subject: mail.subject,
      text: mail.text,
      createdAt: entry.at,
    });
  }
}

export async function notificationFeed(
  app: AppContext,
  caller: Caller,
  q: { unread: 'true' | 'false'; lang: NotificationLanguage; limit: number; offset: number },
) {
  const page = await app.store.transaction((tx) => tx.cpor.notificationsOf(caller.id, q.unread === 'true', q.limit, q.offset));
  const notifications: Notification[] = page.items.map((n) => ({
    id: n.id,
    claimId: n.claimId,
    kind: n.kind as NotificationKind,
    at: n.at,
    read: n.readAt !== null,
    ...renderNotification(n.kind as NotificationKind, q.lang, n.params),
  }));
  return { notifications, unread: page.unread, total: page.total };
}

export async function markNotificationsRead(app: AppContext, caller: Caller, body: { ids?: number[]; all?: true }) {
  const now = app.clock.iso();
  return app.store.transaction(async (tx) => {
    const marked = await tx.cpor.markRead(caller.id, body.all ? 'all' : (body.ids ?? []), now);
    return { marked, unread: (await tx.cpor.notificationsOf(caller.id, true, 1, 0)).unread };
  });
}

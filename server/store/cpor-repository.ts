// Storage for the CPOR process around claims: deleting drafts, the per-user notification feed and the
// e-mail outbox that delivers it, partner users' roles. Runs inside the store's Tx it belongs to.
import type { PartnerRole } from '../../shared/domain';
import type { UserRecord } from './repository';

export interface NotificationRecord {
  id: number;
  userId: string;
  claimId: string;
  /** What happened (a notification kind) and the values its template needs. */
  kind: string;
  params: Record<string, string>;
  at: string;
  readAt: string | null;
}

export interface EmailRecord {
  id: number;
  to: string;
  subject: string;
  text: string;
  createdAt: string;
  attempts: number;
}

export interface CporTx {
  /** Removes a draft and everything only it refers to (history, attachments, feed entries). */
  deleteDraft(claimId: string): Promise<void>;
  /** Every claim id (the SLA report folds them all). */
  allClaimIds(): Promise<string[]>;
  /** Partner users of a company, or customer users of a tenant. */
  usersOf(where: { companyId: string } | { tenantId: string }): Promise<UserRecord[]>;
  partnerRoleOf(userId: string): Promise<PartnerRole | null>;
  setPartnerRole(userId: string, role: PartnerRole | null): Promise<void>;

  insertNotification(n: Omit<NotificationRecord, 'id' | 'readAt'>): Promise<void>;
  notificationsOf(userId: string, unreadOnly: boolean, limit: number, offset: number): Promise<{ items: NotificationRecord[]; unread: number; total: number }>;
  /** Marks the user's notifications read (these ids, or all); returns how many changed. */
  markRead(userId: string, ids: readonly number[] | 'all', at: string): Promise<number>;

  queueEmail(e: Omit<EmailRecord, 'id' | 'attempts'>): Promise<void>;
  pendingEmails(limit: number): Promise<EmailRecord[]>;
  emailSent(id: number, at: string): Promise<void>;
  emailFailed(id: number, error: string): Promise<void>;
}

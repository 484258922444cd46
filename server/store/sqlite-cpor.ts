// The SQLite implementation of the CPOR process storage (cpor-repository.ts): draft deletion,
// notifications, the e-mail outbox and partner roles. It runs inside the transaction of its Tx.
import type Database from 'better-sqlite3';
import type { PartnerRole } from '../../shared/domain';
import type { CporTx, EmailRecord, NotificationRecord } from './cpor-repository';
import type { UserRecord } from './repository';

type Row = Record<string, unknown>;
const MAX_EMAIL_ATTEMPTS = 5;

export class SqliteCporTx implements CporTx {
  constructor(private readonly db: Database.Database) {}

  async deleteDraft(claimId: string): Promise<void> {
    for (const table of ['history', 'claim_documents', 'document_truth', 'changes']) this.db.prepare(`DELETE FROM ${table} WHERE claim_id = ?`).run(claimId);
    this.db.prepare("DELETE FROM claims WHERE id = ? AND status = 'draft'").run(claimId);
  }
  async allClaimIds(): Promise<string[]> {
    return (this.db.prepare('SELECT id FROM claims ORDER BY id').all() as { id: string }[]).map((r) => r.id);
  }
  async usersOf(where: { companyId: string } | { tenantId: string }): Promise<UserRecord[]> {
    const rows = ('companyId' in where
      ? this.db.prepare("SELECT * FROM users WHERE company_id = ? AND role = 'partner' ORDER BY id").all(where.companyId)
      : this.db.prepare("SELECT * FROM users WHERE tenant_id = ? AND role = 'customer' ORDER BY id").all(where.tenantId)) as Row[];
    return rows.map((r) => ({
      id: r.id as string, username: r.username as string, name: r.name as string, role: r.role as UserRecord['role'], passwordHash: r.password_hash as string,
      companyId: (r.company_id as string | null) ?? null, tenantId: (r.tenant_id as string | null) ?? null,
    }));
  }
  async partnerRoleOf(userId: string): Promise<PartnerRole | null> {
    return ((this.db.prepare('SELECT partner_role FROM users WHERE id = ?').get(userId) as { partner_role: PartnerRole | null } | undefined)?.partner_role) ?? null;
  }
  async setPartnerRole(userId: string, role: PartnerRole | null): Promise<void> {
    this.db.prepare('UPDATE users SET partner_role = ? WHERE id = ?').run(role, userId);
  }

  async insertNotification(n: Omit<NotificationRecord, 'id' | 'readAt'>): Promise<void> {
    this.db.prepare('INSERT INTO notifications (user_id, claim_id, kind, params, at) VALUES (?, ?, ?, ?, ?)').run(n.userId, n.claimId, n.kind, JSON.stringify(n.params), n.at);
  }
  async notificationsOf(userId: string, unreadOnly: boolean, limit: number, offset: number): Promise<{ items: NotificationRecord[]; unread: number; total: number }> {
    const filter = unreadOnly ? 'AND read_at IS NULL' : '';
    const rows = this.db.prepare(`SELECT * FROM notifications WHERE user_id = ? ${filter} ORDER BY id DESC LIMIT ? OFFSET ?`).all(userId, limit, offset) as Row[];
    const count = (extra: string) => (this.db.prepare(`SELECT COUNT(*) AS n FROM notifications WHERE user_id = ? ${extra}`).get(userId) as { n: number }).n;
    return {
      items: rows.map((r) => ({
        id: r.id as number, userId: r.user_id as string, claimId: r.claim_id as string, kind: r.kind as string,
        params: JSON.parse(r.params as string) as Record<string, string>, at: r.at as string, readAt: (r.read_at as string | null) ?? null,
      })),
      unread: count('AND read_at IS NULL'),
      total: count(filter),
    };
  }
  async markRead(userId: string, ids: readonly number[] | 'all', at: string): Promise<number> {
    if (ids === 'all') return this.db.prepare('UPDATE notifications SET read_at = ? WHERE user_id = ? AND read_at IS NULL').run(at, userId).changes;
    const st = this.db.prepare('UPDATE notifications SET read_at = ? WHERE user_id = ? AND id = ? AND read_at IS NULL');
    return ids.reduce((n, id) => n + st.run(at, userId, id).changes, 0);
  }

  async queueEmail(e: Omit<EmailRecord, 'id' | 'attempts'>): Promise<void> {
    this.db.prepare('INSERT INTO email_outbox (recipient, subject, body, created_at) VALUES (?, ?, ?, ?)').run(e.to, e.subject, e.text, e.createdAt);
  }
  async pendingEmails(limit: number): Promise<EmailRecord[]> {
    const rows = this.db.prepare('SELECT * FROM email_outbox WHERE sent_at IS NULL AND attempts < ? ORDER BY id LIMIT ?').all(MAX_EMAIL_ATTEMPTS, limit) as Row[];
    return rows.map((r) => ({ id: r.id as number, to: r.recipient as string, subject: r.subject as string, text: r.body as string, createdAt: r.created_at as string, attempts: r.attempts as number }));
  }
  async emailSent(id: number, at: string): Promise<void> {
    this.db.prepare('UPDATE email_outbox SET sent_at = ?, attempts = attempts + 1, last_error = NULL WHERE id = ?').run(at, id);
  }
  async emailFailed(id: number, error: string): Promise<void> {
    this.db.prepare('UPDATE email_outbox SET attempts = attempts + 1, last_error = ? WHERE id = ?').run(error.slice(0, 1000), id);
  }
}

// The CPOR process storage (../cpor-repository.ts) written with Kysely: draft deletion, notifications,
// the e-mail outbox and partner roles, inside the transaction of its KyselyTx (mirrors ../sqlite-cpor.ts).
import type { Kysely, Selectable } from 'kysely';
import type { PartnerRole } from '../../../shared/domain';
import type { CporTx, EmailRecord, NotificationRecord } from '../cpor-repository';
import type { UserRecord } from '../repository';
import { userRecord } from './kysely-records';
import type { Dialect } from './dialect-sql';
import type { ServiceDatabase, UsersTable } from './schema';
import { runStatement } from './statements';

type Db = Kysely<ServiceDatabase>;
const MAX_EMAIL_ATTEMPTS = 5;

export class KyselyCporTx implements CporTx {
  /** `dropPendingChanges` forgets the feed entries of a claim its transaction has not written yet. */
  constructor(
    private readonly db: Db,
    private readonly dialect: Dialect,
    private readonly dropPendingChanges: (claimId: string) => void,
  ) {}

  async deleteDraft(claimId: string): Promise<void> {
    for (const table of ['history', 'claim_documents', 'document_truth', 'changes'] as const)
      await this.db.deleteFrom(table).where('claim_id', '=', claimId).execute();
    this.dropPendingChanges(claimId);
    await this.db.deleteFrom('claims').where('id', '=', claimId).where('status', '=', 'draft').execute();
  }
  async allClaimIds(): Promise<string[]> {
    return (await this.db.selectFrom('claims').select('id').orderBy('id').execute()).map((r) => r.id);
  }
  // usersOf, insertNotification and queueEmail run for each approval a push applies: compiled once (statements.ts).
  async usersOf(where: { companyId: string } | { tenantId: string }): Promise<UserRecord[]> {
    const q = this.db.selectFrom('users').selectAll();
    const { rows } =
      'companyId' in where
        ? await runStatement(this.db, this.dialect, 'users-of-company', { companyId: where.companyId }, (v) =>
            q.where('company_id', '=', v.companyId).where('role', '=', 'partner').orderBy('id'),
          )
        : await runStatement(this.db, this.dialect, 'users-of-tenant', { tenantId: where.tenantId }, (v) =>
            q.where('tenant_id', '=', v.tenantId).where('role', '=', 'customer').orderBy('id'),
          );
    return (rows as Selectable<UsersTable>[]).map(userRecord);
  }
  async partnerRoleOf(userId: string): Promise<PartnerRole | null> {
    return (
      ((await this.db.selectFrom('users').select('partner_role').where('id', '=', userId).executeTakeFirst())?.partner_role as
        PartnerRole | null | undefined) ?? null
    );
  }
  async setPartnerRole(userId: string, role: PartnerRole | null): Promise<void> {
    await this.db.updateTable('users').set({ partner_role: role }).where('id', '=', userId).execute();
  }

  async insertNotification(n: Omit<NotificationRecord, 'id' | 'readAt'>): Promise<void> {
    const values = { user_id: n.userId, claim_id: n.claimId, kind: n.kind, params: JSON.stringify(n.params), at: n.at };
    await runStatement(this.db, this.dialect, 'insert-notification', values, (v) => this.db.insertInto('notifications').values(v));
  }
  async notificationsOf(
    userId: string,
    unreadOnly: boolean,
    limit: number,
    offset: number,
  ): Promise<{ items: NotificationRecord[]; unread: number; total: number }> {
    const mine = this.db.selectFrom('notifications').where('user_id', '=', userId);
    const filtered = unreadOnly ? mine.where('read_at', 'is', null) : mine;
    const rows = await filtered.selectAll().orderBy('id', 'desc').limit(limit).offset(offset).execute();
    const count = async (q: typeof mine) => Number((await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst())?.n ?? 0);
    return {
      items: rows.map((r) => ({
        id: r.id,
        userId: r.user_id,
        claimId: r.claim_id,
        kind: r.kind,
        params: r.params as Record<string, string>,
        at: r.at,
        readAt: r.read_at,
      })),
      unread: await count(mine.where('read_at', 'is', null)),
      total: await count(filtered),
    };
  }
  async markRead(userId: string, ids: readonly number[] | 'all', at: string): Promise<number> {
    if (ids !== 'all' && ids.length === 0) return 0;
    let q = this.db.updateTable('notifications').set({ read_at: at }).where('user_id', '=', userId).where('read_at', 'is', null);
    if (ids !== 'all') q = q.where('id', 'in', [...ids]);
    return Number((await q.executeTakeFirst()).numUpdatedRows);
  }

  async queueEmail(e: Omit<EmailRecord, 'id' | 'attempts'>): Promise<void> {
    const values = { recipient: e.to, subject: e.subject, body: e.text, created_at: e.createdAt };
    await runStatement(this.db, this.dialect, 'queue-email', values, (v) =>
      this.db.insertInto('email_outbox').values({ ...v, sent_at: null, last_error: null }),
    );
  }
  async pendingEmails(limit: number): Promise<EmailRecord[]> {
    const rows = await this.db
      .selectFrom('email_outbox')
      .selectAll()
      .where('sent_at', 'is', null)
      .where('attempts', '<', MAX_EMAIL_ATTEMPTS)
      .orderBy('id')
      .limit(limit)
      .execute();
    return rows.map((r) => ({ id: r.id, to: r.recipient, subject: r.subject, text: r.body, createdAt: r.created_at, attempts: r.attempts }));
  }
  async emailSent(id: number, at: string): Promise<void> {
    await this.db
      .updateTable('email_outbox')
      .set((eb) => ({ sent_at: at, attempts: eb('attempts', '+', 1), last_error: null }))
      .where('id', '=', id)
      .execute();
  }
  async emailFailed(id: number, error: string): Promise<void> {
    await this.db
      .updateTable('email_outbox')
      .set((eb) => ({ attempts: eb('attempts', '+', 1), last_error: error.slice(0, 1000) }))
      .where('id', '=', id)
      .execute();
  }
}

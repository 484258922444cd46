// The plain records of the service store written once with Kysely: meta, companies, users, sessions,
// document bytes and attachments. KyselyTx (./kysely-tx.ts) builds the claim, lease and feed work on it.
import type { Kysely, Selectable } from 'kysely';
import type { DocumentMediaType, PartnerRole } from '../../../shared/domain';
import type { CompanyRecord, DocumentRecord, SessionRecord, UserRecord } from '../repository';
import type { TxMode } from './kysely-tx-mode';
import type { ServiceDatabase, UsersTable } from './schema';
import { runStatement } from './statements';

/** A users row as the store's UserRecord (the partner role is read on its own, by who needs it). */
export const userRecord = (r: Selectable<UsersTable>): UserRecord => ({
  id: r.id,
  username: r.username,
  name: r.name,
  role: r.role as UserRecord['role'],
  passwordHash: r.password_hash,
  companyId: r.company_id,
  tenantId: r.tenant_id,
});

const json = (v: unknown): string => JSON.stringify(v);

export abstract class KyselyRecordsTx {
  /** The engine and locking of the transaction (KyselyClaimRowsTx sets it). */
  protected abstract readonly mode: TxMode;
  constructor(protected readonly db: Kysely<ServiceDatabase>) {}

  async getMeta(key: string): Promise<string | null> {
    // The service's epoch is read on every request: compiled once (statements.ts).
    const { rows } = await runStatement(this.db, this.mode.dialect, 'meta', { key }, (v) =>
      this.db.selectFrom('meta').select('value').where('key', '=', v.key),
    );
    return rows[0]?.value ?? null;
  }
  async setMeta(key: string, value: string): Promise<void> {
    await this.db
      .insertInto('meta')
      .values({ key, value })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
      .execute();
  }
  async isEmpty(): Promise<boolean> {
    const users = await this.db.selectFrom('users').select('id').limit(1).executeTakeFirst();
    const claims = await this.db.selectFrom('claims').select('id').limit(1).executeTakeFirst();
    return !users && !claims;
  }

  async insertCompany(c: CompanyRecord): Promise<void> {
    await this.db.insertInto('companies').values({ id: c.id, name: c.name, mpn_id: c.mpnId }).execute();
  }
  async getCompany(id: string): Promise<CompanyRecord | null> {
    const r = await this.db.selectFrom('companies').selectAll().where('id', '=', id).executeTakeFirst();
    return r ? { id: r.id, name: r.name, mpnId: r.mpn_id } : null;
  }
  async insertUser(u: UserRecord): Promise<void> {
    await this.db
      .insertInto('users')
      .values({ id: u.id, username: u.username, name: u.name, role: u.role, password_hash: u.passwordHash, company_id: u.companyId, tenant_id: u.tenantId })
      .execute();
  }
  private async user(where: 'username' | 'id', value: string): Promise<UserRecord | null> {
    const r = await this.db.selectFrom('users').selectAll().where(where, '=', value).executeTakeFirst();
    return r ? userRecord(r) : null;
  }
  findUserByUsername(username: string): Promise<UserRecord | null> {
    return this.user('username', username);
  }
  findUserById(id: string): Promise<UserRecord | null> {
    return this.user('id', id);
  }

  async insertSession(s: SessionRecord): Promise<void> {
    await this.db
      .insertInto('sessions')
      .values({ token_hash: s.tokenHash, user_id: s.userId, created_at: s.createdAt, expires_at: s.expiresAt, revoked_at: s.revokedAt })
      .execute();
  }
  async findSession(tokenHash: string): Promise<SessionRecord | null> {
    const r = await this.db.selectFrom('sessions').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
    return r ? { tokenHash: r.token_hash, userId: r.user_id, createdAt: r.created_at, expiresAt: r.expires_at, revokedAt: r.revoked_at } : null;
  }
  async findSessionCaller(tokenHash: string): Promise<{ session: SessionRecord; user: UserRecord; partnerRole: PartnerRole | null } | null> {
    // Every authenticated request runs it: compiled once (statements.ts).
    const [r] = (
      await runStatement(this.db, this.mode.dialect, 'session-caller', { tokenHash }, (v) =>
        this.db
          .selectFrom('sessions as s')
          .innerJoin('users as u', 'u.id', 's.user_id')
          .selectAll('u')
          .select(['s.token_hash', 's.created_at', 's.expires_at', 's.revoked_at'])
          .where('s.token_hash', '=', v.tokenHash),
      )
    ).rows;
    if (!r) return null;
    return {
      session: { tokenHash: r.token_hash, userId: r.id, createdAt: r.created_at, expiresAt: r.expires_at, revokedAt: r.revoked_at },
      user: {
        id: r.id,
        username: r.username,
        name: r.name,
        role: r.role as UserRecord['role'],
        passwordHash: r.password_hash,
        companyId: r.company_id,
        tenantId: r.tenant_id,
      },
      partnerRole: (r.partner_role as PartnerRole | null) ?? null,
    };
  }
  async revokeSession(tokenHash: string, at: string): Promise<void> {
    await this.db.updateTable('sessions').set({ revoked_at: at }).where('token_hash', '=', tokenHash).where('revoked_at', 'is', null).execute();
  }

  async putDocument(sha256: string, mediaType: DocumentMediaType, bytes: Uint8Array, at: string): Promise<void> {
    await this.db
      .insertInto('documents')
      .values({ sha256, media_type: mediaType, size: bytes.byteLength, bytes: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), created_at: at })
      .onConflict((oc) => oc.column('sha256').doNothing())
      .execute();
  }
  async getDocumentBytes(sha256: string): Promise<{ mediaType: DocumentMediaType; bytes: Uint8Array } | null> {
    const r = await this.db.selectFrom('documents').select(['media_type', 'bytes']).where('sha256', '=', sha256).executeTakeFirst();
    return r ? { mediaType: r.media_type as DocumentMediaType, bytes: new Uint8Array(r.bytes) } : null;
  }
  async attachDocument(d: DocumentRecord): Promise<void> {
    await this.db
      .insertInto('claim_documents')
      .values({ claim_id: d.claimId, sha256: d.sha256, file_name: d.fileName, media_type: d.mediaType, size: d.size, uploaded_at: d.uploadedAt })
      .execute();
  }
  async claimDocuments(claimId: string): Promise<DocumentRecord[]> {
    const rows = await this.db.selectFrom('claim_documents').selectAll().where('claim_id', '=', claimId).orderBy('uploaded_at').orderBy('ord').execute();
    return rows.map((r) => ({
      claimId: r.claim_id,
      sha256: r.sha256,
      fileName: r.file_name,
      mediaType: r.media_type as DocumentMediaType,
      size: r.size,
      uploadedAt: r.uploaded_at,
    }));
  }
  async claimIdsHoldingDocument(sha256: string): Promise<string[]> {
    return (await this.db.selectFrom('claim_documents').select('claim_id').where('sha256', '=', sha256).execute()).map((r) => r.claim_id);
  }
  async setDocumentTruth(claimId: string, sha256: string, truth: unknown): Promise<void> {
    await this.db
      .insertInto('document_truth')
      .values({ claim_id: claimId, sha256, truth: json(truth) })
      .onConflict((oc) => oc.columns(['claim_id', 'sha256']).doUpdateSet({ truth: json(truth) }))
      .execute();
  }
  async documentTruth(claimId: string): Promise<{ sha256: string; truth: unknown }[]> {
    return this.db.selectFrom('document_truth').select(['sha256', 'truth']).where('claim_id', '=', claimId).orderBy('sha256').execute();
  }
}

// The SQLite implementation of the storage interface (better-sqlite3, WAL). All SQL of the service
// lives here; the application above sees only the Tx interface and never a database handle.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { ClaimFacts } from '../../shared/contracts';
import type { DocumentMediaType, HistoryEntry } from '../../shared/domain';
import type { ChangeKind } from './change-kinds';
import { migrate } from './migrations';
import { SqliteAuditTx } from './sqlite-audit';
import { SqliteCporTx } from './sqlite-cpor';
import type {
  AppliedMutationRecord, ChangeRecord, ClaimFilter, ClaimIndex, ClaimRecord, CompanyRecord, DocumentRecord, LeaseRecord,
  ReadTx, SessionRecord, Store, Tx, UserRecord,
} from './repository';

type Row = Record<string, unknown>;
const str = (v: unknown): string => v as string;
const strOrNull = (v: unknown): string | null => (v === null || v === undefined ? null : (v as string));

export const DATABASE_FILE = 'service.sqlite';

/** Opens (creating and migrating when needed) the service database in `dataDir`. */
export function openSqliteStore(dataDir: string): Store {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, DATABASE_FILE);
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    // FULL: an answered "applied" survives a power cut (NORMAL in WAL may roll back the last commits),
    // and the workstation deletes its outbox entry on that answer.
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    migrate(db, file);
  } catch (e) {
    db.close();
    throw e;
  }
  return new SqliteStore(db, new Database(file, { readonly: true, fileMustExist: true }));
}

class SqliteStore implements Store {
  private queue: Promise<unknown> = Promise.resolve();
  private readQueue: Promise<unknown> = Promise.resolve();
  private readonly tx: SqliteTx;
  private readonly reader: SqliteTx;
  private closed = false;

  /** `readDb` is a second, read-only connection: in WAL its transactions see the last commit and never block the writer. */
  constructor(private readonly db: Database.Database, private readonly readDb: Database.Database) {
    this.tx = new SqliteTx(db);
    this.reader = new SqliteTx(readDb);
    readDb.pragma('busy_timeout = 5000');
  }

  read<T>(fn: (tx: ReadTx) => Promise<T>): Promise<T> {
    const run = async (): Promise<T> => {
      if (this.closed) throw new Error('The service database is closed');
      this.readDb.exec('BEGIN');
      try {
        return await fn(this.reader);
      } finally {
        if (this.readDb.inTransaction) this.readDb.exec('COMMIT');
      }
    };
    const next = this.readQueue.then(run, run);
    this.readQueue = next.catch(() => undefined);
    return next;
  }

  transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
    const run = async (): Promise<T> => {
      if (this.closed) throw new Error('The service database is closed');
      this.db.exec('BEGIN IMMEDIATE');
      try {
        const result = await fn(this.tx);
        this.db.exec('COMMIT');
        return result;
      } catch (e) {
        if (this.db.inTransaction) this.db.exec('ROLLBACK');
        throw e;
      }
    };
    const next = this.queue.then(run, run);
    this.queue = next.catch(() => undefined);
    return next;
  }

  async close(): Promise<void> {
    await this.queue;
    await this.readQueue;
    if (this.closed) return;
    this.closed = true;
    this.readDb.close();
    this.db.close();
  }
}

class SqliteTx implements Tx {
  private readonly statements = new Map<string, Database.Statement>();
  readonly audit: SqliteAuditTx;
  readonly cpor: SqliteCporTx;
  constructor(private readonly db: Database.Database) {
    this.audit = new SqliteAuditTx(db);
    this.cpor = new SqliteCporTx(db);
  }

  private st(sql: string): Database.Statement {
    let s = this.statements.get(sql);
    if (!s) {
      s = this.db.prepare(sql);
      this.statements.set(sql, s);
    }
    return s;
  }
  private get<T = Row>(sql: string, ...params: unknown[]): T | undefined {
    return this.st(sql).get(...params) as T | undefined;
  }
  private all<T = Row>(sql: string, ...params: unknown[]): T[] {
    return this.st(sql).all(...params) as T[];
  }
  private run(sql: string, ...params: unknown[]): Database.RunResult {
    return this.st(sql).run(...params);
  }

  async getMeta(key: string): Promise<string | null> {
    return this.get<{ value: string }>('SELECT value FROM meta WHERE key = ?', key)?.value ?? null;
  }
  async setMeta(key: string, value: string): Promise<void> {
    this.run('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value', key, value);
  }
  async isEmpty(): Promise<boolean> {
    const r = this.get<{ n: number }>('SELECT (SELECT COUNT(*) FROM users) + (SELECT COUNT(*) FROM claims) AS n');
    return (r?.n ?? 0) === 0;
  }

  async insertCompany(c: CompanyRecord): Promise<void> {
    this.run('INSERT INTO companies (id, name, mpn_id) VALUES (?, ?, ?)', c.id, c.name, c.mpnId);
  }
  async getCompany(id: string): Promise<CompanyRecord | null> {
    const r = this.get('SELECT id, name, mpn_id FROM companies WHERE id = ?', id);
    return r ? { id: str(r.id), name: str(r.name), mpnId: str(r.mpn_id) } : null;
  }
  async insertUser(u: UserRecord): Promise<void> {
    this.run('INSERT INTO users (id, username, name, role, password_hash, company_id, tenant_id) VALUES (?, ?, ?, ?, ?, ?, ?)',
      u.id, u.username, u.name, u.role, u.passwordHash, u.companyId, u.tenantId);
  }
  private user(r: Row | undefined): UserRecord | null {
    return r ? { id: str(r.id), username: str(r.username), name: str(r.name), role: r.role as UserRecord['role'], passwordHash: str(r.password_hash), companyId: strOrNull(r.company_id), tenantId: strOrNull(r.tenant_id) } : null;
  }
  async findUserByUsername(username: string): Promise<UserRecord | null> {
    return this.user(this.get('SELECT * FROM users WHERE username = ?', username));
  }
  async findUserById(id: string): Promise<UserRecord | null> {
    return this.user(this.get('SELECT * FROM users WHERE id = ?', id));
  }

  async insertSession(s: SessionRecord): Promise<void> {
    this.run('INSERT INTO sessions (token_hash, user_id, created_at, expires_at, revoked_at) VALUES (?, ?, ?, ?, ?)', s.tokenHash, s.userId, s.createdAt, s.expiresAt, s.revokedAt);
  }
  async findSession(tokenHash: string): Promise<SessionRecord | null> {
    const r = this.get('SELECT * FROM sessions WHERE token_hash = ?', tokenHash);
    return r ? { tokenHash: str(r.token_hash), userId: str(r.user_id), createdAt: str(r.created_at), expiresAt: str(r.expires_at), revokedAt: strOrNull(r.revoked_at) } : null;
  }
  async revokeSession(tokenHash: string, at: string): Promise<void> {
    this.run('UPDATE sessions SET revoked_at = ? WHERE token_hash = ? AND revoked_at IS NULL', at, tokenHash);
  }

  async insertClaim(c: ClaimRecord): Promise<void> {
    const { documents: _documents, ...facts } = c.facts;
    const i = c.index;
    this.run(`INSERT INTO claims (id, company_id, tenant_id, created_at, facts, version, status, derived_state, reviewable, urgent_due, timer_due, latest_poe_at, lease_id)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)`,
    c.facts.id, c.companyId, c.facts.customer.tenantId, c.facts.createdAt, JSON.stringify(facts), i.version, i.status, i.derivedState, i.reviewable ? 1 : 0, i.urgentDue, i.timerDue, i.latestPoeAt);
  }
  async updateClaimFacts(id: string, facts: ClaimFacts): Promise<void> {
    const { documents: _documents, ...rest } = facts;
    this.run('UPDATE claims SET facts = ?, tenant_id = ? WHERE id = ?', JSON.stringify(rest), facts.customer.tenantId, id);
  }
  async setClaimIndex(id: string, i: ClaimIndex): Promise<void> {
    this.run('UPDATE claims SET version = ?, status = ?, derived_state = ?, reviewable = ?, urgent_due = ?, timer_due = ?, latest_poe_at = ? WHERE id = ?',
      i.version, i.status, i.derivedState, i.reviewable ? 1 : 0, i.urgentDue, i.timerDue, i.latestPoeAt, id);
  }
  private async claim(r: Row | undefined): Promise<ClaimRecord | null> {
    if (!r) return null;
    const documents = (await this.claimDocuments(str(r.id))).map(({ sha256, fileName, mediaType, size, uploadedAt }) => ({ sha256, fileName, mediaType, size, uploadedAt }));
    return {
      facts: { ...(JSON.parse(str(r.facts)) as Omit<ClaimFacts, 'documents'>), documents },
      companyId: str(r.company_id),
      index: {
        version: r.version as number, status: str(r.status), derivedState: strOrNull(r.derived_state), reviewable: r.reviewable === 1,
        urgentDue: strOrNull(r.urgent_due), timerDue: strOrNull(r.timer_due), latestPoeAt: strOrNull(r.latest_poe_at),
      },
    };
  }
  async getClaim(id: string): Promise<ClaimRecord | null> {
    return this.claim(this.get('SELECT * FROM claims WHERE id = ?', id));
  }
  async listClaimIds(filter: ClaimFilter, limit: number, offset: number): Promise<{ ids: string[]; total: number }> {
    const where: string[] = [];
    const params: unknown[] = [];
    const v = filter.visibility;
    if (v.kind === 'company') { where.push('c.company_id = ?'); params.push(v.companyId); }
    // Customers see their tenant's claims from the first approval on (shared/domain/visibility.ts).
    if (v.kind === 'tenant') {
      where.push(`c.tenant_id = ? AND EXISTS (SELECT 1 FROM history h WHERE h.claim_id = c.id AND (json_extract(h.event, '$.kind') = 'approved'
        OR (json_extract(h.event, '$.kind') = 'dispute-resolved' AND json_extract(h.event, '$.outcome') = 'overturn')))`);
      params.push(v.tenantId);
    }
    if (v.kind === 'leased-to') {
      where.push('EXISTS (SELECT 1 FROM leases l WHERE l.id = c.lease_id AND l.reviewer_id = ? AND l.ended_at IS NULL AND l.expires_at > ?)');
      params.push(v.reviewerId, v.now);
    }
    if (filter.status) { where.push('c.status = ?'); params.push(filter.status); }
    if (filter.derivedState) { where.push('c.derived_state = ?'); params.push(filter.derivedState); }
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const total = this.get<{ n: number }>(`SELECT COUNT(*) AS n FROM claims c ${clause}`, ...params)?.n ?? 0;
    const ids = this.all<{ id: string }>(`SELECT c.id FROM claims c ${clause} ORDER BY c.created_at DESC, c.id LIMIT ? OFFSET ?`, ...params, limit, offset).map((r) => r.id);
    return { ids, total };
  }
  async claimsOnTenant(tenantId: string, exceptCompanyId: string): Promise<ClaimRecord[]> {
    const rows = this.all("SELECT * FROM claims WHERE tenant_id = ? AND company_id <> ? AND status <> 'draft' ORDER BY created_at, id", tenantId, exceptCompanyId);
    const out: ClaimRecord[] = [];
    for (const r of rows) out.push((await this.claim(r))!);
    return out;
  }
  async claimIdsWithTimerDue(now: string): Promise<string[]> {
    return this.all<{ id: string }>('SELECT id FROM claims WHERE timer_due IS NOT NULL AND timer_due < ? ORDER BY timer_due, id', now).map((r) => r.id);
  }

  async history(claimId: string): Promise<HistoryEntry[]> {
    return this.all<{ seq: number; at: string; actor: string; event: string }>('SELECT seq, at, actor, event FROM history WHERE claim_id = ? ORDER BY seq', claimId)
      .map((r) => ({ seq: r.seq, at: r.at, actor: JSON.parse(r.actor), ...JSON.parse(r.event) }) as HistoryEntry);
  }
  async appendHistory(claimId: string, entry: HistoryEntry): Promise<void> {
    const { seq, at, actor, ...event } = entry;
    this.run('INSERT INTO history (claim_id, seq, at, actor_id, actor, event) VALUES (?, ?, ?, ?, ?, ?)', claimId, seq, at, actor.id, JSON.stringify(actor), JSON.stringify(event));
    this.run('INSERT INTO changes (claim_id, kind, at, version, actor_id) VALUES (?, ?, ?, ?, ?)', claimId, entry.kind, at, seq, actor.id);
  }

  async putDocument(sha256: string, mediaType: DocumentMediaType, bytes: Uint8Array, at: string): Promise<void> {
    this.run('INSERT INTO documents (sha256, media_type, size, bytes, created_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (sha256) DO NOTHING', sha256, mediaType, bytes.byteLength, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), at);
  }
  async getDocumentBytes(sha256: string): Promise<{ mediaType: DocumentMediaType; bytes: Uint8Array } | null> {
    const r = this.get<{ media_type: DocumentMediaType; bytes: Buffer }>('SELECT media_type, bytes FROM documents WHERE sha256 = ?', sha256);
    return r ? { mediaType: r.media_type, bytes: new Uint8Array(r.bytes) } : null;
  }
  async attachDocument(d: DocumentRecord): Promise<void> {
    this.run('INSERT INTO claim_documents (claim_id, sha256, file_name, media_type, size, uploaded_at) VALUES (?, ?, ?, ?, ?, ?)', d.claimId, d.sha256, d.fileName, d.mediaType, d.size, d.uploadedAt);
  }
  async claimDocuments(claimId: string): Promise<DocumentRecord[]> {
    return this.all<Row>('SELECT * FROM claim_documents WHERE claim_id = ? ORDER BY uploaded_at, rowid', claimId).map((r) => ({
      claimId: str(r.claim_id), sha256: str(r.sha256), fileName: str(r.file_name), mediaType: r.media_type as DocumentMediaType, size: r.size as number, uploadedAt: str(r.uploaded_at),
    }));
  }
  async claimIdsHoldingDocument(sha256: string): Promise<string[]> {
    return this.all<{ claim_id: string }>('SELECT claim_id FROM claim_documents WHERE sha256 = ?', sha256).map((r) => r.claim_id);
  }
  async setDocumentTruth(claimId: string, sha256: string, truth: unknown): Promise<void> {
    this.run('INSERT INTO document_truth (claim_id, sha256, truth) VALUES (?, ?, ?) ON CONFLICT (claim_id, sha256) DO UPDATE SET truth = excluded.truth', claimId, sha256, JSON.stringify(truth));
  }
  async documentTruth(claimId: string): Promise<{ sha256: string; truth: unknown }[]> {
    return this.all<{ sha256: string; truth: string }>('SELECT sha256, truth FROM document_truth WHERE claim_id = ? ORDER BY sha256', claimId).map((r) => ({ sha256: r.sha256, truth: JSON.parse(r.truth) }));
  }

  private lease(r: Row | undefined): LeaseRecord | null {
    return r ? { id: str(r.id), reviewerId: str(r.reviewer_id), createdAt: str(r.created_at), expiresAt: str(r.expires_at), endedAt: strOrNull(r.ended_at), endKind: r.end_kind as LeaseRecord['endKind'] } : null;
  }
  async insertLease(l: LeaseRecord): Promise<void> {
    this.run('INSERT INTO leases (id, reviewer_id, created_at, expires_at, ended_at, end_kind) VALUES (?, ?, ?, ?, ?, ?)', l.id, l.reviewerId, l.createdAt, l.expiresAt, l.endedAt, l.endKind);
  }
  async getLease(id: string): Promise<LeaseRecord | null> {
    return this.lease(this.get('SELECT * FROM leases WHERE id = ?', id));
  }
  async activeLeaseOfReviewer(reviewerId: string, now: string): Promise<LeaseRecord | null> {
    return this.lease(this.get('SELECT * FROM leases WHERE reviewer_id = ? AND ended_at IS NULL AND expires_at > ? ORDER BY expires_at DESC LIMIT 1', reviewerId, now));
  }
  async activeLeaseOfClaim(claimId: string, now: string): Promise<LeaseRecord | null> {
    return this.lease(this.get('SELECT l.* FROM claims c JOIN leases l ON l.id = c.lease_id WHERE c.id = ? AND l.ended_at IS NULL AND l.expires_at > ?', claimId, now));
  }
  async extendLease(id: string, expiresAt: string): Promise<void> {
    this.run('UPDATE leases SET expires_at = ? WHERE id = ?', expiresAt, id);
  }
  async leaseAvailableClaims(leaseId: string, now: string, limit: number): Promise<string[]> {
    // One statement: pick and take. (PostgreSQL: the same UPDATE with FOR UPDATE SKIP LOCKED in the sub-select.)
    return this.all<{ id: string }>(`
      UPDATE claims SET lease_id = ?
      WHERE id IN (
        SELECT c.id FROM claims c
        WHERE c.reviewable = 1
          AND NOT EXISTS (SELECT 1 FROM leases l WHERE l.id = c.lease_id AND l.ended_at IS NULL AND l.expires_at > ?)
        ORDER BY c.urgent_due IS NULL, c.urgent_due, c.id
        LIMIT ?)
      RETURNING id, urgent_due`, leaseId, now, limit)
      .sort((a, b) => String((a as Row).urgent_due ?? '~').localeCompare(String((b as Row).urgent_due ?? '~')) || a.id.localeCompare(b.id))
      .map((r) => r.id);
  }
  async leaseTheseClaims(leaseId: string, ids: readonly string[], now: string): Promise<string[]> {
    if (ids.length === 0) return [];
    return this.all<{ id: string }>(`
      UPDATE claims SET lease_id = ?
      WHERE id IN (SELECT value FROM json_each(?)) AND reviewable = 1
        AND NOT EXISTS (SELECT 1 FROM leases l WHERE l.id = claims.lease_id AND l.ended_at IS NULL AND l.expires_at > ?)
      RETURNING id`, leaseId, JSON.stringify(ids), now).map((r) => r.id);
  }
  async claimIdsInLease(leaseId: string): Promise<string[]> {
    return this.all<{ id: string }>('SELECT id FROM claims WHERE lease_id = ? ORDER BY urgent_due IS NULL, urgent_due, id', leaseId).map((r) => r.id);
  }
  async endLease(id: string, at: string, kind: 'released' | 'expired'): Promise<string[]> {
    const ids = this.all<{ id: string }>('UPDATE claims SET lease_id = NULL WHERE lease_id = ? RETURNING id', id).map((r) => r.id).sort();
    this.run('UPDATE leases SET ended_at = ?, end_kind = ? WHERE id = ? AND ended_at IS NULL', at, kind, id);
    return ids;
  }
  async leasesExpiredBy(now: string): Promise<LeaseRecord[]> {
    return this.all('SELECT * FROM leases WHERE ended_at IS NULL AND expires_at <= ? ORDER BY expires_at, id', now).map((r) => this.lease(r)!);
  }

  /** Nothing to do: SQLite's writers never interleave (one IMMEDIATE transaction at a time). */
  async lockTenant(): Promise<void> {}
  async findAppliedMutation(id: string): Promise<AppliedMutationRecord | null> {
    const r = this.get('SELECT * FROM applied_mutations WHERE id = ?', id);
    return r ? { id: str(r.id), reviewerId: str(r.reviewer_id), claimId: str(r.claim_id), kind: str(r.kind), appliedAt: str(r.applied_at), resultVersion: r.result_version as number } : null;
  }
  async recordAppliedMutation(m: AppliedMutationRecord): Promise<void> {
    this.run('INSERT INTO applied_mutations (id, reviewer_id, claim_id, kind, applied_at, result_version) VALUES (?, ?, ?, ?, ?, ?)', m.id, m.reviewerId, m.claimId, m.kind, m.appliedAt, m.resultVersion);
  }

  async addChange(claimId: string, kind: ChangeKind, at: string, actorId: string | null = null): Promise<void> {
    this.run('INSERT INTO changes (claim_id, kind, at, actor_id) VALUES (?, ?, ?, ?)', claimId, kind, at, actorId);
  }
  async changesAfter(after: number, limit: number): Promise<ChangeRecord[]> {
    const rows = this.all<{ seq: number; claimId: string; kind: ChangeKind; at: string; version: number | null; actorId: string | null; hAt: string | null; actor: string | null; event: string | null }>(
      `SELECT c.seq, c.claim_id AS claimId, c.kind, c.at, c.version, c.actor_id AS actorId, h.at AS hAt, h.actor, h.event
       FROM changes c LEFT JOIN history h ON h.claim_id = c.claim_id AND h.seq = c.version
       WHERE c.seq > ? ORDER BY c.seq LIMIT ?`, after, limit);
    return rows.map((r) => ({
      seq: r.seq, claimId: r.claimId, kind: r.kind, at: r.at, version: r.version, actorId: r.actorId,
      entry: r.event === null || r.version === null ? null : ({ seq: r.version, at: r.hAt, actor: JSON.parse(r.actor!), ...JSON.parse(r.event) } as HistoryEntry),
    }));
  }
  private savepoints = 0;
  async savepoint<T>(fn: () => Promise<T>): Promise<T> {
    const name = `sp${++this.savepoints}`;
    this.db.exec(`SAVEPOINT ${name}`);
    try {
      const result = await fn();
      this.db.exec(`RELEASE ${name}`);
      return result;
    } catch (e) {
      if (this.db.inTransaction) this.db.exec(`ROLLBACK TO ${name}; RELEASE ${name}`);
      throw e;
    }
  }
  async lastChangeSeq(): Promise<number> {
    return this.get<{ n: number | null }>('SELECT MAX(seq) AS n FROM changes')?.n ?? 0;
  }
}

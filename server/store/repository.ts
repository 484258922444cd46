// The service's narrow storage interface: what the application needs from a database, nothing more.
// Every method is async so a PostgreSQL implementation can stand in for SQLite without touching callers.
import type { ClaimFacts } from '../../shared/contracts';
import type { DocumentMediaType, HistoryEntry, PartnerRole, Role } from '../../shared/domain';
import type { AuditTx } from './audit-repository';
import type { CporTx } from './cpor-repository';
import type { ChangeKind } from './change-kinds';

export interface CompanyRecord {
  id: string;
  name: string;
  mpnId: string;
}
export interface UserRecord {
  id: string;
  username: string;
  name: string;
  role: Role;
  passwordHash: string;
  /** Partner users: their partner company. */
  companyId: string | null;
  /** Customer users: their customer tenant. */
  tenantId: string | null;
}
export interface SessionRecord {
  tokenHash: string;
  userId: string;
  createdAt: string;
  expiresAt: string;
  revokedAt: string | null;
}

/** A claim's stored facts (documents are kept in their own table and joined in). */
export interface ClaimRecord {
  facts: ClaimFacts;
  companyId: string;
  index: ClaimIndex;
}

/** One history entry for appendHistories: the claim, its next entry, and the index it sets. */
export interface HistoryAppend {
  claimId: string;
  entry: HistoryEntry;
  index: ClaimIndex;
}

/** A claim with its whole history, as one query reads it. */
export interface ClaimWithHistory {
  record: ClaimRecord;
  history: HistoryEntry[];
}

/**
 * Query columns recomputed from a replay of the claim's history after every append. They serve
 * filters and the lease pool only; responses are always materialized from the history itself.
 */
export interface ClaimIndex {
  version: number;
  status: string;
  derivedState: string | null;
  /** 1 while the claim awaits a reviewer's decision (submitted, in review, open dispute). */
  reviewable: boolean;
  /** The most urgent open reviewer deadline (what the lease pool orders by). */
  urgentDue: string | null;
  /** The next instant at which a timer (auto-reject, end of consent, dispute window) may fire. */
  timerDue: string | null;
  latestPoeAt: string | null;
}

export interface DocumentRecord {
  claimId: string;
  sha256: string;
  fileName: string;
  mediaType: DocumentMediaType;
  size: number;
  uploadedAt: string;
}
export interface LeaseRecord {
  id: string;
  reviewerId: string;
  createdAt: string;
  expiresAt: string;
  endedAt: string | null;
  endKind: 'released' | 'expired' | null;
}
export interface ChangeRecord {
  seq: number;
  claimId: string;
  kind: ChangeKind;
  at: string;
  /** The claim's version after a history change (null: lease events, and rows older than the patch feed). */
  version: number | null;
  /** Who caused it (the actor of a history entry, the reviewer of a lease event). */
  actorId: string | null;
  /** The history entry a history change appended. */
  entry: HistoryEntry | null;
}
export interface AppliedMutationRecord {
  id: string;
  reviewerId: string;
  claimId: string;
  kind: string;
  appliedAt: string;
  resultVersion: number;
}

export type Visibility =
  { kind: 'all' } | { kind: 'company'; companyId: string } | { kind: 'tenant'; tenantId: string } | { kind: 'leased-to'; reviewerId: string; now: string };

export interface ClaimFilter {
  visibility: Visibility;
  status?: string;
  derivedState?: string;
}

/** One unit of work: every call inside `Store.transaction` sees and commits together. */
export interface Tx {
  /** QA audits (audit-repository.ts), in this same transaction. */
  readonly audit: AuditTx;
  /** The CPOR process around claims (cpor-repository.ts), in this same transaction. */
  readonly cpor: CporTx;
  getMeta(key: string): Promise<string | null>;
  setMeta(key: string, value: string): Promise<void>;
  /** True when the database holds no users and no claims (a fresh data folder). */
  isEmpty(): Promise<boolean>;

  insertCompany(c: CompanyRecord): Promise<void>;
  getCompany(id: string): Promise<CompanyRecord | null>;
  insertUser(u: UserRecord): Promise<void>;
  findUserByUsername(username: string): Promise<UserRecord | null>;
  findUserById(id: string): Promise<UserRecord | null>;

  insertSession(s: SessionRecord): Promise<void>;
  findSession(tokenHash: string): Promise<SessionRecord | null>;
  /** The session, its user and the user's partner role in one read (every authenticated request asks). */
  findSessionCaller(tokenHash: string): Promise<{ session: SessionRecord; user: UserRecord; partnerRole: PartnerRole | null } | null>;
  revokeSession(tokenHash: string, at: string): Promise<void>;

  insertClaim(c: ClaimRecord): Promise<void>;
  updateClaimFacts(id: string, facts: ClaimFacts): Promise<void>;
  setClaimIndex(id: string, index: ClaimIndex): Promise<void>;
  getClaim(id: string): Promise<ClaimRecord | null>;
  /** The claims of `ids` that exist, in that order, with their documents and history in one query; a writing transaction locks them as getClaim does. */
  loadClaims(ids: readonly string[]): Promise<ClaimWithHistory[]>;
  /** The claims in a lease, most urgent first, with their documents and history, in one query. */
  claimsInLease(leaseId: string): Promise<ClaimWithHistory[]>;
  /** Non-draft claims on any of these customer tenants (competing claims of several claims at once). */
  claimsOnTenants(tenantIds: readonly string[]): Promise<ClaimRecord[]>;
  listClaimIds(filter: ClaimFilter, limit: number, offset: number): Promise<{ ids: string[]; total: number }>;
  /** Other companies' non-draft claims on the same customer tenant. */
  claimsOnTenant(tenantId: string, exceptCompanyId: string): Promise<ClaimRecord[]>;
  claimIdsWithTimerDue(now: string): Promise<string[]>;
  /**
   * Serialises, until commit, the transactions that decide the partner of record on one customer tenant,
   * so two approvals on one workload never both see it free (PostgreSQL: an advisory lock; SQLite: nothing, its writers never interleave).
   */
  lockTenant(tenantId: string): Promise<void>;

  history(claimId: string): Promise<HistoryEntry[]>;
  /**
   * Appends one entry (its seq must be the claim's next) and records it in the changes feed; with `index`,
   * also sets the claim's query columns (in the same statement on PostgreSQL).
   */
  appendHistory(claimId: string, entry: HistoryEntry, index?: ClaimIndex): Promise<void>;
  /**
   * Appends one entry to each of several claims (at most one per claim), each with the index it sets, in one
   * statement (SQLite: one more for the index columns), and records each in the changes feed. Throws as
   * appendHistory does when an entry's seq is not its claim's next (the caller's transaction is then rolled back).
   */
  appendHistories(appends: readonly HistoryAppend[]): Promise<void>;

  putDocument(sha256: string, mediaType: DocumentMediaType, bytes: Uint8Array, at: string): Promise<void>;
  getDocumentBytes(sha256: string): Promise<{ mediaType: DocumentMediaType; bytes: Uint8Array } | null>;
  /** The document's bytes when at least one claim holds it (null when none does or it does not exist), in one statement. */
  heldDocumentBytes(sha256: string): Promise<{ mediaType: DocumentMediaType; bytes: Uint8Array } | null>;
  attachDocument(d: DocumentRecord): Promise<void>;
  claimDocuments(claimId: string): Promise<DocumentRecord[]>;
  claimIdsHoldingDocument(sha256: string): Promise<string[]>;
  setDocumentTruth(claimId: string, sha256: string, truth: unknown): Promise<void>;
  documentTruth(claimId: string): Promise<{ sha256: string; truth: unknown }[]>;

  insertLease(l: LeaseRecord): Promise<void>;
  getLease(id: string): Promise<LeaseRecord | null>;
  activeLeaseOfReviewer(reviewerId: string, now: string): Promise<LeaseRecord | null>;
  activeLeaseOfClaim(claimId: string, now: string): Promise<LeaseRecord | null>;
  extendLease(id: string, expiresAt: string): Promise<void>;
  /**
   * Moves up to `limit` claims that await a reviewer and are not under anyone's active lease into
   * `leaseId`, most urgent first, in ONE statement; returns their ids.
   */
  leaseAvailableClaims(leaseId: string, now: string, limit: number): Promise<string[]>;
  /** Moves those of `ids` that await a reviewer and are under no one's active lease into `leaseId` (a re-lease); returns their ids. */
  leaseTheseClaims(leaseId: string, ids: readonly string[], now: string): Promise<string[]>;
  claimIdsInLease(leaseId: string): Promise<string[]>;
  /** Ends a lease (released or expired) and frees its claims; returns the claims it held. */
  endLease(id: string, at: string, kind: 'released' | 'expired'): Promise<string[]>;
  leasesExpiredBy(now: string): Promise<LeaseRecord[]>;

  /** Runs `fn` inside a savepoint: when it throws, only its own writes are rolled back. */
  savepoint<T>(fn: () => Promise<T>): Promise<T>;

  /**
   * Reads (and on PostgreSQL locks until commit, in id order) these mutation ids at once: a push's
   * findAppliedMutation of each then runs no statement.
   */
  preloadAppliedMutations(ids: readonly string[]): Promise<void>;
  findAppliedMutation(id: string): Promise<AppliedMutationRecord | null>;
  /** Recorded in this transaction at once (rolled back with its savepoint) and written before commit, with the feed. */
  recordAppliedMutation(m: AppliedMutationRecord): Promise<void>;

  /** Records a lease event in the changes feed, naming the reviewer it concerns. */
  addChange(claimId: string, kind: ChangeKind, at: string, actorId?: string | null): Promise<void>;
  changesAfter(after: number, limit: number): Promise<ChangeRecord[]>;
  lastChangeSeq(): Promise<number>;
}

/** What a reader may do: GET routes get only this, so they cannot start a write (after Signal's ReadableDB). */
export type ReadTx = Pick<
  Tx,
  | 'getMeta'
  | 'findUserByUsername'
  | 'findUserById'
  | 'findSession'
  | 'findSessionCaller'
  | 'getCompany'
  | 'getClaim'
  | 'loadClaims'
  | 'claimsInLease'
  | 'claimsOnTenants'
  | 'listClaimIds'
  | 'claimsOnTenant'
  | 'history'
  | 'getDocumentBytes'
  | 'heldDocumentBytes'
  | 'claimDocuments'
  | 'claimIdsHoldingDocument'
  | 'getLease'
  | 'activeLeaseOfReviewer'
  | 'activeLeaseOfClaim'
  | 'claimIdsInLease'
  | 'leasesExpiredBy'
  | 'claimIdsWithTimerDue'
  | 'findAppliedMutation'
  | 'changesAfter'
  | 'lastChangeSeq'
  | 'cpor'
>;

export interface ReadOptions {
  /** `fn` runs a single query, which is consistent by itself: no transaction is opened around it (two round trips fewer on PostgreSQL). */
  oneQuery?: boolean;
}

export interface Store {
  /** Runs `fn` as one transaction; transactions never interleave. Rolls back when `fn` throws. */
  transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  /** Runs `fn` on a consistent read-only snapshot: no write lock, never waits for a writer, cannot write. */
  read<T>(fn: (tx: ReadTx) => Promise<T>, opts?: ReadOptions): Promise<T>;
  /**
   * Runs `fn` as the only runner of job `name` among every process sharing the database (PostgreSQL:
   * an advisory lock); when another holds it, waits (`wait`) or skips and answers null. Absent: one process, just run.
   */
  exclusive?<T>(name: string, fn: () => Promise<T>, opts?: { wait?: boolean }): Promise<T | null>;
  close(): Promise<void>;
}

// The service database as Kysely sees it: one interface per table, in the application's own types
// (instants are ISO-8601 strings, JSON columns are parsed values). Shared by every Kysely dialect.
import type { Generated } from 'kysely';

export interface MetaTable {
  key: string;
  value: string;
}
export interface CompaniesTable {
  id: string;
  name: string;
  mpn_id: string;
}
export interface UsersTable {
  id: string;
  username: string;
  name: string;
  role: string;
  password_hash: string;
  company_id: string | null;
  tenant_id: string | null;
  partner_role: Generated<string | null>;
}
export interface SessionsTable {
  token_hash: string;
  user_id: string;
  created_at: string;
  expires_at: string;
  revoked_at: string | null;
}
export interface LoginFailuresTable {
  id: Generated<number>;
  pair: string;
  at: string;
}
export interface ClaimsTable {
  id: string;
  company_id: string;
  tenant_id: string;
  created_at: string;
  facts: unknown;
  version: number;
  status: string;
  derived_state: string | null;
  reviewable: boolean;
  urgent_due: string | null;
  timer_due: string | null;
  latest_poe_at: string | null;
  /** The lease holding the claim and that lease's expiry, kept on the row so the pool is decided by the row alone. */
  lease_id: string | null;
  lease_expires_at: string | null;
}
export interface HistoryTable {
  claim_id: string;
  seq: number;
  at: string;
  actor_id: string;
  actor: unknown;
  event: unknown;
}
export interface DocumentsTable {
  sha256: string;
  media_type: string;
  size: number;
  bytes: Uint8Array;
  created_at: string;
}
export interface ClaimDocumentsTable {
  ord: Generated<number>;
  claim_id: string;
  sha256: string;
  file_name: string;
  media_type: string;
  size: number;
  uploaded_at: string;
}
export interface DocumentTruthTable {
  claim_id: string;
  sha256: string;
  truth: unknown;
}
export interface LeasesTable {
  id: string;
  reviewer_id: string;
  created_at: string;
  expires_at: string;
  ended_at: string | null;
  end_kind: string | null;
}
export interface AppliedMutationsTable {
  id: string;
  reviewer_id: string;
  claim_id: string;
  kind: string;
  applied_at: string;
  result_version: number;
}
export interface ChangesTable {
  seq: Generated<number>;
  claim_id: string;
  kind: string;
  at: string;
  version: number | null;
  actor_id: string | null;
}
export interface NotificationsTable {
  id: Generated<number>;
  user_id: string;
  claim_id: string;
  kind: string;
  params: unknown;
  at: string;
  read_at: string | null;
}
export interface EmailOutboxTable {
  id: Generated<number>;
  recipient: string;
  subject: string;
  body: string;
  created_at: string;
  sent_at: string | null;
  attempts: Generated<number>;
  last_error: string | null;
}

export interface AuditSamplesTable {
  id: string;
  drawn_by: string;
  drawn_at: string;
  spec: unknown;
  summary: unknown;
}
export interface AuditItemsTable {
  claim_id: string;
  sample_id: string;
  decision_seq: number;
  decision: unknown;
  reviewer_id: string;
  decided_at: string;
  stratum: string;
  sampled_at: string;
  sampled_by: unknown;
  sampled_by_id: string;
  partner_name: string;
  customer_name: string;
}
export interface AuditsTable {
  ord: Generated<number>;
  id: string;
  claim_id: string;
  corrects: string | null;
  auditor_id: string;
  auditor: unknown;
  submitted_at: string;
  blind: boolean;
  findings: unknown;
  product_findings: unknown;
  reviewer_id: string;
  decided_at: string;
}
export interface AssistAgreementsTable {
  claim_id: string;
  decision_seq: number;
  ord: number;
  reviewer_id: string;
  decided_at: string;
  code: string;
  product_id: string | null;
  verdict: string;
  confidence: number;
  outcome: string;
}
export interface AuditReviewersTable {
  reviewer_id: string;
  experience: string;
  custom_rate: number | null;
  updated_by: string;
  updated_at: string;
}

export interface ServiceDatabase {
  meta: MetaTable;
  companies: CompaniesTable;
  users: UsersTable;
  sessions: SessionsTable;
  login_failures: LoginFailuresTable;
  claims: ClaimsTable;
  history: HistoryTable;
  documents: DocumentsTable;
  claim_documents: ClaimDocumentsTable;
  document_truth: DocumentTruthTable;
  leases: LeasesTable;
  applied_mutations: AppliedMutationsTable;
  changes: ChangesTable;
  notifications: NotificationsTable;
  email_outbox: EmailOutboxTable;
  audit_samples: AuditSamplesTable;
  audit_items: AuditItemsTable;
  audits: AuditsTable;
  audit_reviewers: AuditReviewersTable;
  assist_agreements: AssistAgreementsTable;
}

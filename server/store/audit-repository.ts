// The storage interface of QA audits: samples and their items, immutable audits with corrections, and
// reviewers' sampling profiles. Async like the rest of the store, so PostgreSQL can implement it too.
import type { AssistAgreementRecord, AuditedDecision, FindingRecord, ProductFindingRecord, ReviewerExperience } from '../../shared/contracts';
import type { Actor, HistoryEntry } from '../../shared/domain';

export interface AuditSampleRecord {
  id: string;
  drawnById: string;
  drawnAt: string;
  spec: unknown;
  summary: unknown;
}

export interface AuditItemRecord {
  claimId: string;
  sampleId: string;
  decision: AuditedDecision;
  stratum: string;
  sampledAt: string;
  sampledBy: Actor;
  partnerName: string;
  customerName: string;
  /** The current audit (the last of its corrections), null while not audited. */
  auditId: string | null;
}

export interface AuditRow {
  id: string;
  claimId: string;
  corrects: string | null;
  correctedBy: string | null;
  auditor: Actor;
  submittedAt: string;
  blind: boolean;
  findings: FindingRecord[];
  /** Empty for audits stored before product findings existed. */
  productFindings: ProductFindingRecord[];
  reviewerId: string;
  decidedAt: string;
}

export interface ReviewerProfileRecord {
  reviewerId: string;
  experience: ReviewerExperience;
  customRate: number | null;
  updatedBy: string;
  updatedAt: string;
}

/** A reviewer's decision in a claim's history, as stored. */
export interface DecisionRow {
  claimId: string;
  entry: HistoryEntry;
}

export interface DecisionFilter {
  from?: string;
  to?: string;
  reviewerIds?: readonly string[];
}
export interface AuditFilter {
  from?: string;
  to?: string;
  reviewerId?: string;
  /** Include audits that were corrected. */ history: boolean;
}

/** The reviewer's agreement with the PoE assist's suggestions at one decision. */
export interface AssistAgreementsAt {
  claimId: string;
  decisionSeq: number;
  reviewerId: string;
  decidedAt: string;
  items: readonly AssistAgreementRecord[];
}
export type AssistAgreementRow = AssistAgreementRecord & { claimId: string; decisionSeq: number; reviewerId: string; decidedAt: string };

export interface AuditTx {
  /** Reviewers' decisions (approved, info requested, rejected, dispute resolved) in [from, to), on claims never sampled. */
  unsampledDecisions(f: DecisionFilter): Promise<DecisionRow[]>;
  insertSample(s: AuditSampleRecord): Promise<void>;
  insertItem(i: Omit<AuditItemRecord, 'auditId'>): Promise<void>;
  getItem(claimId: string): Promise<AuditItemRecord | null>;
  listItems(
    f: { state: 'open' | 'audited' | 'all'; sampledById?: string },
    limit: number,
    offset: number,
  ): Promise<{ items: AuditItemRecord[]; total: number }>;

  insertAudit(a: Omit<AuditRow, 'correctedBy'>): Promise<void>;
  getAudit(id: string): Promise<AuditRow | null>;
  /** Every audit of a claim's sampled decision, oldest first. */
  auditsOfClaim(claimId: string): Promise<AuditRow[]>;
  /** Audits by decision time, newest first; only current ones unless `history`. */
  listAudits(f: AuditFilter, limit: number, offset: number): Promise<{ audits: AuditRow[]; total: number }>;

  /** Records the reviewer's agreement with each assist suggestion, with the decision it came with. */
  insertAssistAgreements(a: AssistAgreementsAt): Promise<void>;
  /** Recorded agreements of decisions in [from, to), by reviewer when given, in decision order. */
  assistAgreements(f: DecisionFilter): Promise<AssistAgreementRow[]>;

  reviewers(): Promise<Actor[]>;
  reviewerProfiles(): Promise<ReviewerProfileRecord[]>;
  setReviewerProfile(p: ReviewerProfileRecord): Promise<void>;
}

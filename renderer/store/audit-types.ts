// The audit slice's shape: what the QA lead's sampled decisions, the open audit, statistics and a
// reviewer's own audits look like in the page's store, and the inputs its actions take (renderer/store/audit.ts).
import type { AuditDefaults, AuditListItem, AuditRecord, AuditStats, AuditView, MethodInput, MethodOutput, ReviewerAuditProfile } from '../../shared/contracts';
import type { FindingAnswer, FindingTarget, Role, Verdict } from '../../shared/domain';

export type SampleInput = MethodInput<'audit.pull'>;
export interface StatsQuery {
  from?: string;
  to?: string;
  reviewerId?: string;
}
export interface FindingChange {
  target: FindingTarget;
  answer?: FindingAnswer | null;
  verdict?: Verdict | null;
  note?: string | null;
}

export interface AuditSlice {
  items: AuditListItem[];
  pending: number;
  refused: number;
  /** New audits start blind: the reviewer's answers show after the QA lead's own. */
  blind: boolean;
  pulling: boolean;
  lastPull: MethodOutput<'audit.pull'> | null;
  currentId: string | null;
  view: AuditView | null;
  status: 'idle' | 'loading' | 'ready' | 'error';
  error: string | null;
  saving: boolean;
  reviewers: ReviewerAuditProfile[];
  defaults: AuditDefaults | null;
  stats: MethodOutput<'audit.stats'> | null;
  statsQuery: StatsQuery;
  statsStatus: 'idle' | 'loading' | 'ready' | 'error';
  statsError: string | null;
  mine: { audits: AuditRecord[]; asOf: string | null; offline: boolean } | null;
  mineStats: AuditStats | null;
  mineStatus: 'idle' | 'loading' | 'ready' | 'error';
  mineError: string | null;
  exporting: 'audits' | 'stats' | null;
  /** Loads what the signed-in user's audit screens need. */
  enter(role: Role): Promise<void>;
  refresh(): Promise<void>;
  loadReviewers(): Promise<void>;
  setReviewer(reviewerId: string, change: { experience?: 'new' | 'experienced'; customRate?: number | null }): Promise<void>;
  pull(spec: SampleInput): Promise<boolean>;
  setBlind(blind: boolean): void;
  open(claimId: string): Promise<void>;
  /**
   * Records changes to the open draft, one recording after another (keys pressed quickly wait their turn);
   * a function is given the draft as it stands when its turn comes.
   */
  record(changes: FindingChange[] | ((view: AuditView) => FindingChange[])): Promise<void>;
  /** Agree or disagree (null: undecided) with the reviewer's ticks on one claimed product, in the same queue as `record`. */
  recordProduct(productId: string, verdict: Verdict | null): Promise<void>;
  submit(): Promise<void>;
  correct(): Promise<void>;
  discard(): Promise<void>;
  loadStats(query?: StatsQuery): Promise<void>;
  exportCsv(kind: 'audits' | 'stats', query?: StatsQuery): Promise<void>;
  loadMine(): Promise<void>;
  onChanged(claimIds: readonly string[]): void;
}

// The workstation's QA audit mode: one object over its parts — pull (a sample kept locally, so audits
// work offline), drafts (blind until the QA lead recorded their own answers, when asked), submit and
// correct (audits in the outbox, pushed exactly once), statistics and exports from the service.
import type { AuditView, MethodOutput, SampleSpec } from '../../../shared/contracts';
import type { CoreContext } from '../context';
import type { SyncEngine } from '../sync';
import type { AuditContext } from './audit-context';
import { changeDraft, discardAudit, listAudits, openAudit, type DraftChange, type ProductChange } from './audit-drafts';
import { fetchSampledDocument, pullSample } from './audit-pull';
import { auditStats, exportCsv, myAudits, reviewerRates, setReviewerRate, type AuditPeriod } from './audit-stats';
import { AuditStore } from './audit-store';
import { correctAudit, pushAudits, submitAudit } from './audit-submit';

export type { DraftChange } from './audit-drafts';

export class AuditMode {
  private readonly a: AuditContext;

  constructor(ctx: CoreContext, sync: SyncEngine) {
    this.a = { ctx, sync, store: new AuditStore(ctx.store) };
  }

  get store(): AuditStore {
    return this.a.store;
  }

  pull = (spec: SampleSpec): Promise<MethodOutput<'audit.pull'>> => pullSample(this.a, spec);
  documentRef = (sha256: string): { fileName: string; mediaType: string; size: number } | null => this.a.store.documentRef(sha256);
  fetchDocument = (sha256: string): Promise<void> => fetchSampledDocument(this.a, sha256);

  list = (blind: boolean): MethodOutput<'audit.list'> => listAudits(this.a, blind);
  get = (claimId: string, blind: boolean): AuditView => openAudit(this.a, claimId, blind);
  draft = (claimId: string, changes: readonly DraftChange[], products: readonly ProductChange[] = []): AuditView =>
    changeDraft(this.a, claimId, changes, products);
  discard = (claimId: string): AuditView => discardAudit(this.a, claimId);

  submit = (claimId: string): MethodOutput<'audit.submit'> => submitAudit(this.a, claimId);
  correct = (claimId: string): AuditView => correctAudit(this.a, claimId);
  push = (): Promise<void> => pushAudits(this.a);

  stats = (q: AuditPeriod): Promise<MethodOutput<'audit.stats'>> => auditStats(this.a, q);
  export = (kind: 'audits' | 'stats', q: AuditPeriod): Promise<MethodOutput<'audit.export'>> => exportCsv(this.a, kind, q);
  mine = (): Promise<MethodOutput<'audit.mine'>> => myAudits(this.a);
  reviewers = (): Promise<MethodOutput<'audit.reviewers'>> => reviewerRates(this.a);
  setReviewer = (i: Parameters<typeof setReviewerRate>[1]): Promise<MethodOutput<'audit.setReviewer'>> => setReviewerRate(this.a, i);
}

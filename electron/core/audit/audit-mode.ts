// The workstation's QA audit mode: pull a sample (its claims and PoE documents cached locally, so audits
// work offline), show each decision as the reviewer had it (blind until the QA lead recorded their own
// answers, when asked), keep drafts, write submitted audits to an outbox with client ids that the sync
// engine pushes exactly once, and fetch statistics, exports and a reviewer's own audits from the service.
import { v7 as uuidv7 } from 'uuid';
import {
  claimAtDecision, type AuditDraft, type AuditListItem, type AuditRecord, type AuditStats, type AuditSubmit, type AuditView, type DraftFinding,
  type MethodOutput, type SampleItem, type SampleItemWithClaim, type SampleSpec, type User,
} from '../../../shared/contracts';
import {
  FINDING_TARGETS, answerFromVerdict, findingAnswerProblem, verdictOf,
  type FindingAnswer, type FindingTarget, type Verdict,
} from '../../../shared/domain';
import type { CoreContext } from '../context';
import { badInput, conflict, fail, notAllowed, notFound, notSignedIn, problem, unavailable } from '../problems';
import { OfflineError, ServiceError } from '../service-client';
import type { SyncEngine } from '../sync';
import { AuditStore, toOutboxEntry, type LocalItem } from './audit-store';

type Query = { from?: string; to?: string; reviewerId?: string };
export interface DraftChange { target: FindingTarget; answer?: FindingAnswer | null; verdict?: Verdict | null; note?: string | null }

const STATE_ORDER: Record<AuditListItem['state'], number> = { refused: 0, draft: 1, open: 2, pending: 3, audited: 4 };

/** Service and offline errors as the problems the workstation API answers with. */
function asProblem(error: unknown): never {
  if (error instanceof ServiceError) fail(error.problem);
  if (error instanceof OfflineError) fail(unavailable(`${error.message}. This needs the review service; audits you record are kept and sync when it is reachable.`));
  throw error;
}

const reviewerAnswer = (item: SampleItem, target: FindingTarget): FindingAnswer => (target === 'decision' ? item.decision.answer : item.decision.reasons.includes(target));
const complete = (d: AuditDraft): boolean => d.findings.every((f) => f.answer !== null);

export class AuditMode {
  readonly store: AuditStore;

  constructor(private readonly ctx: CoreContext, private readonly sync: SyncEngine) {
    this.store = new AuditStore(ctx.store.db);
  }

  private user(): User {
    return this.ctx.session?.user ?? fail(notSignedIn());
  }

  private qaLead(): User {
    const user = this.user();
    if (user.role !== 'qa_lead') fail(problem(403, 'urn:poe:problem:forbidden', 'Not allowed', 'Audit mode is for QA leads.'));
    return user;
  }

  private changed(claimIds: string[]): void {
    this.ctx.events.emit({ type: 'audit.changed', claimIds });
    this.sync.emitStatus();
  }

  private local(userId: string, claimId: string): LocalItem {
    return this.store.item(userId, claimId) ?? fail(notFound(`claim ${claimId} is in none of your audit samples on this workstation`));
  }

  /** Audits waiting to sync, for the sync status. */
  pendingCount(): number {
    return this.store.outboxCounts(this.ctx.session?.user.id ?? null).pending;
  }

  // ── pull ──

  async pull(spec: SampleSpec): Promise<MethodOutput<'audit.pull'>> {
    const user = this.qaLead();
    const drawn = await this.sync.call('auditDraw', { body: spec }).catch(asProblem);
    // Decisions drawn earlier (on this or another workstation) and still open come along.
    const open = await this.sync.call('auditItems', { query: { state: 'open', mine: 'true', limit: 500 } }).catch(asProblem);
    const all = new Map<string, SampleItemWithClaim>();
    for (const i of [...open.items, ...drawn.items]) all.set(i.claimId, i);
    const now = this.ctx.now();
    this.ctx.store.transaction(() => {
      for (const { claim, ...item } of all.values()) this.store.putItem(user.id, item, claim, now);
    });
    const documents = [...all.values()].flatMap((i) => i.claim.documents.filter((d) => d.uploadedAt <= i.decision.at));
    const needed = new Map(documents.map((d) => [d.sha256, d]));
    for (const d of needed.values()) {
      if (this.ctx.docs.has(d.sha256)) continue;
      const bytes = await this.sync.call('documentGet', { params: { sha256: d.sha256 } }).catch(asProblem);
      await this.ctx.docs.put(d.sha256, bytes, { mediaType: d.mediaType, fileName: d.fileName });
    }
    this.changed([...all.keys()]);
    return { sampleId: drawn.sample.id ?? '', drawn: drawn.items.length, items: all.size, documents: needed.size, population: drawn.sample.population };
  }

  documentRef(sha256: string): { fileName: string; mediaType: string; size: number } | null {
    return this.store.documentRef(sha256);
  }

  /** Downloads a sampled claim's document again (a read found it missing or corrupt). */
  async fetchDocument(sha256: string): Promise<void> {
    const ref = this.store.documentRef(sha256);
    if (!ref) return;
    const bytes = await this.sync.call('documentGet', { params: { sha256 } });
    await this.ctx.docs.put(sha256, bytes, ref);
  }

  // ── the list and one audit ──

  private listItem(userId: string, item: SampleItem, blind: boolean): AuditListItem {
    const draft = this.store.draft(userId, item.claimId);
    const outbox = this.store.outboxFor(userId, item.claimId);
    const records = this.store.records(item.claimId);
    const current = records.find((r) => r.correctedBy === null) ?? null;
    const touched = draft !== null && (draft.corrects !== null || draft.findings.some((f) => f.answer !== null || f.verdict !== null || f.note !== null));
    const state = outbox?.state === 'refused' ? 'refused' : outbox ? 'pending' : touched ? 'draft' : current ? 'audited' : 'open';
    const hidden = blind && !current && !outbox && !draft?.revealed;
    return {
      claimId: item.claimId, sampleId: item.sampleId, partnerName: item.partnerName, customerName: item.customerName, reviewer: item.decision.reviewer,
      decidedAt: item.decision.at, decisionKind: hidden ? null : item.decision.kind, stratum: item.stratum, sampledAt: item.sampledAt, state,
      auditId: current?.id ?? null, overturned: current ? current.findings.find((f) => f.target === 'decision')?.verdict === 'disagree' : null,
    };
  }

  list(blind: boolean): MethodOutput<'audit.list'> {
    const user = this.qaLead();
    const items = this.store.items(user.id).map((i) => this.listItem(user.id, i, blind));
    items.sort((a, b) => STATE_ORDER[a.state] - STATE_ORDER[b.state] || a.decidedAt.localeCompare(b.decidedAt) || a.claimId.localeCompare(b.claimId));
    return { items, ...this.store.outboxCounts(user.id) };
  }

  private newDraft(claimId: string, blind: boolean): AuditDraft {
    return { claimId, blind, revealed: !blind, corrects: null, findings: FINDING_TARGETS.map((target) => ({ target, answer: null, verdict: null, note: null })), updatedAt: this.ctx.now() };
  }

  private view(userId: string, claimId: string): AuditView {
    const { item, claim } = this.local(userId, claimId);
    const records = this.store.records(claimId);
    const outbox = this.store.outboxFor(userId, claimId);
    const draft = this.store.draft(userId, claimId);
    const hidden = records.length === 0 && outbox === null && draft !== null && !draft.revealed;
    return {
      item: this.listItem(userId, item, hidden),
      claim: claimAtDecision(claim, item.decision.seq, { blind: hidden, calendar: this.ctx.calendar() }),
      decision: hidden ? null : item.decision,
      reviewerAnswers: hidden ? null : FINDING_TARGETS.map((target) => ({ target, answer: reviewerAnswer(item, target) })),
      draft,
      records,
      outbox: outbox && toOutboxEntry(outbox),
    };
  }

  /**
   * Opens the audit of a sampled decision. The first opening starts its draft, blind when asked; a
   * blind draft stays blind until every own answer is recorded, or until opened without `blind`
   * (the decision is then shown and the audit no longer counts as blind).
   */
  get(claimId: string, blind: boolean): AuditView {
    const user = this.qaLead();
    this.local(user.id, claimId);
    const settled = this.store.records(claimId).length > 0 || this.store.outboxFor(user.id, claimId) !== null;
    const draft = this.store.draft(user.id, claimId);
    if (!settled && !draft) this.store.putDraft(user.id, this.newDraft(claimId, blind));
    else if (draft && !draft.revealed && !blind) this.store.putDraft(user.id, { ...draft, revealed: true, blind: draft.blind && complete(draft), updatedAt: this.ctx.now() });
    return this.view(user.id, claimId);
  }

  draft(claimId: string, changes: readonly DraftChange[]): AuditView {
    const user = this.qaLead();
    const { item } = this.local(user.id, claimId);
    if (this.store.outboxFor(user.id, claimId)) fail(conflict(`The audit of claim ${claimId} was submitted already; correct it once it has synced.`));
    let draft = this.store.draft(user.id, claimId);
    if (!draft) {
      if (this.store.records(claimId).length > 0) fail(conflict(`Claim ${claimId} was audited already; start a correction to change it.`));
      draft = this.newDraft(claimId, false);
    }
    const findings: DraftFinding[] = draft.findings.map((f) => ({ ...f }));
    changes.forEach((change, i) => {
      const f = findings.find((x) => x.target === change.target)!;
      const reviewer = reviewerAnswer(item, change.target);
      if (change.answer !== undefined) {
        if (change.answer !== null) {
          const bad = findingAnswerProblem(change.target, item.decision.kind, change.answer);
          if (bad) fail(badInput(`findings.${i}.answer`, bad));
        }
        f.answer = change.answer;
        f.verdict = draft.revealed && change.answer !== null ? verdictOf(reviewer, change.answer) : null;
      }
      if (change.verdict !== undefined) {
        if (!draft.revealed && change.verdict !== null) fail(notAllowed('In a blind audit, record your own answer on every finding first; the reviewer\'s answers show after that.'));
        f.verdict = change.verdict;
        if (change.verdict !== null) {
          const implied = answerFromVerdict(reviewer, change.verdict);
          // Disagreeing with the decision leaves the QA lead to say what they would have decided.
          f.answer = implied ?? (f.answer !== null && f.answer !== reviewer ? f.answer : null);
        }
      }
      if (change.note !== undefined) f.note = change.note === null || change.note.trim() === '' ? null : change.note.trim();
    });
    let next: AuditDraft = { ...draft, findings, updatedAt: this.ctx.now() };
    if (!next.revealed && complete(next)) {
      next = { ...next, revealed: true, findings: findings.map((f) => ({ ...f, verdict: verdictOf(reviewerAnswer(item, f.target), f.answer!) })) };
    }
    this.store.putDraft(user.id, next);
    this.changed([claimId]);
    return this.view(user.id, claimId);
  }

  submit(claimId: string): MethodOutput<'audit.submit'> {
    const user = this.qaLead();
    const { item } = this.local(user.id, claimId);
    const draft = this.store.draft(user.id, claimId) ?? fail(notFound(`There is no audit in progress on claim ${claimId}.`));
    const missing = draft.findings.findIndex((f) => f.answer === null || f.verdict === null);
    if (missing >= 0) fail(badInput(`findings.${missing}`, `record an answer and agree or disagree on ${draft.findings[missing]!.target} first`));
    const body: AuditSubmit = {
      id: uuidv7(), claimId, corrects: draft.corrects, blind: draft.blind,
      findings: draft.findings.map((f) => ({ target: f.target, verdict: verdictOf(reviewerAnswer(item, f.target), f.answer!), answer: f.answer!, note: f.note })),
    };
    this.ctx.store.transaction(() => {
      this.store.insertOutbox(user.id, body, this.ctx.now());
      this.store.deleteDraft(user.id, claimId);
    });
    this.changed([claimId]);
    this.sync.kick();
    return { entry: toOutboxEntry(this.store.outboxFor(user.id, claimId)!), view: this.view(user.id, claimId) };
  }

  /** Starts a correction of the claim's current audit: a new draft with its answers, linked to it. */
  correct(claimId: string): AuditView {
    const user = this.qaLead();
    this.local(user.id, claimId);
    if (this.store.outboxFor(user.id, claimId)) fail(conflict(`An audit of claim ${claimId} is still waiting to sync (or was refused); correct it once it has synced.`));
    const current = this.store.records(claimId).find((r) => r.correctedBy === null) ?? fail(notFound(`Claim ${claimId} has no audit to correct yet.`));
    const existing = this.store.draft(user.id, claimId);
    if (!existing || existing.corrects !== current.id) {
      this.store.putDraft(user.id, {
        claimId, blind: false, revealed: true, corrects: current.id, updatedAt: this.ctx.now(),
        findings: FINDING_TARGETS.map((target) => {
          const f = current.findings.find((x) => x.target === target)!;
          return { target, answer: f.answer, verdict: f.verdict, note: f.note };
        }),
      });
    }
    this.changed([claimId]);
    return this.view(user.id, claimId);
  }

  /** Drops the draft (or a correction in progress), or an audit the service refused. */
  discard(claimId: string): AuditView {
    const user = this.qaLead();
    this.local(user.id, claimId);
    const outbox = this.store.outboxFor(user.id, claimId);
    if (outbox?.state === 'pending') fail(conflict(`The audit of claim ${claimId} is on its way to the review service; it cannot be discarded.`));
    this.ctx.store.transaction(() => {
      if (outbox) this.store.deleteOutbox(outbox.id);
      this.store.deleteDraft(user.id, claimId);
    });
    this.changed([claimId]);
    return this.view(user.id, claimId);
  }

  // ── sync: the audit outbox, pushed in order, each audit at most once ──

  async push(): Promise<void> {
    const user = this.ctx.session?.user;
    if (!user || user.role !== 'qa_lead') return;
    for (const row of this.store.pendingOutbox(user.id)) {
      this.store.countAttempt(row.id);
      try {
        const res = await this.sync.call('auditSubmit', { body: row.body });
        this.ctx.store.transaction(() => {
          this.store.putRecord(res.audit);
          const corrected = res.audit.corrects ? this.store.records(row.claimId).find((r) => r.id === res.audit.corrects) : undefined;
          if (corrected) this.store.putRecord({ ...corrected, correctedBy: res.audit.id });
          this.store.deleteOutbox(row.id);
        });
      } catch (error) {
        const status = error instanceof ServiceError ? error.problem.status : 0;
        if (!(error instanceof ServiceError) || status < 400 || status >= 500 || status === 401 || status === 429) throw error;
        // The service said no (audited already, not sampled, your own decision…): kept and shown, never dropped.
        this.store.refuseOutbox(row.id, error.problem);
      }
      this.changed([row.claimId]);
    }
  }

  // ── statistics, exports, rates and a reviewer's own audits ──

  private key(name: string): string {
    return `audit.${name}.${this.user().id}`;
  }

  async stats(q: Query): Promise<MethodOutput<'audit.stats'>> {
    this.user();
    try {
      const stats = await this.sync.call('auditStats', { query: q });
      const asOf = this.ctx.now();
      this.ctx.store.setValue(this.key('stats'), { query: q, stats, asOf });
      return { stats, asOf, offline: false };
    } catch (error) {
      if (!(error instanceof OfflineError)) asProblem(error);
      const cached = this.ctx.store.getValue<{ query: Query; stats: AuditStats; asOf: string }>(this.key('stats'));
      if (cached && JSON.stringify(cached.query) === JSON.stringify(q)) return { stats: cached.stats, asOf: cached.asOf, offline: true };
      return asProblem(error);
    }
  }

  async export(kind: 'audits' | 'stats', q: Query): Promise<MethodOutput<'audit.export'>> {
    this.user();
    const bytes = await this.sync.call(kind === 'audits' ? 'auditCsv' : 'auditStatsCsv', { query: q }).catch(asProblem);
    // ignoreBOM keeps the byte-order mark in the text, so the saved file starts with it too.
    const csv = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    const day = this.ctx.now().slice(0, 10);
    return { fileName: kind === 'audits' ? `qa-audits-${day}.csv` : `qa-audit-statistics-${day}.csv`, mediaType: 'text/csv', csv };
  }

  async mine(): Promise<MethodOutput<'audit.mine'>> {
    this.user();
    try {
      const { audits } = await this.sync.call('auditList', { query: { limit: 1000 } });
      const asOf = this.ctx.now();
      this.ctx.store.setValue(this.key('mine'), { audits, asOf });
      return { audits, asOf, offline: false };
    } catch (error) {
      if (!(error instanceof OfflineError)) asProblem(error);
      const cached = this.ctx.store.getValue<{ audits: AuditRecord[]; asOf: string }>(this.key('mine'));
      return cached ? { ...cached, offline: true } : asProblem(error);
    }
  }

  async reviewers(): Promise<MethodOutput<'audit.reviewers'>> {
    this.user();
    return this.sync.call('auditReviewers').catch(asProblem);
  }

  async setReviewer(i: { reviewerId: string; experience?: 'new' | 'experienced'; customRate?: number | null }): Promise<MethodOutput<'audit.setReviewer'>> {
    this.user();
    const { reviewerId, ...body } = i;
    if (Object.keys(body).length === 0) fail(badInput('experience', 'name the experience or the rate to set'));
    return this.sync.call('auditReviewerSet', { params: { id: reviewerId }, body }).catch(asProblem);
  }
}

// The PoE assist in the workstation core: reads each cached document of a claim once (text layer or OCR,
// off the main thread), analyses it against the claim with the shared rules, stores the result and
// announces it. Runs in the background after a pull and when a claim's documents change; never ticks anything.
import { checklistOf, type AssistResult, type Claim, type WorkstationEvent } from '../../../shared/contracts';
import {
  analyseClaim,
  assistAgreement,
  ASSIST_VERSION,
  minhash,
  type AssistAgreement,
  NEAR_DUPLICATE,
  similarity,
  type Findings,
} from '../../../shared/domain/assist';
import type { CoreContext } from '../context';
import { notFound, fail } from '../problems';
import type { Before } from '../review';
import { AssistStore } from './assist-store';
import { DocumentReader } from './extract';

export interface AssistOptions {
  /** Where the OCR language files are put side by side. */
  langDir: string;
  /** Analyse the batch by itself after pulls (the apps); otherwise only on request. */
  background: boolean;
}

/** How long the background work waits after a claim opens (or a batch arrives) before it starts another claim. */
const OPENING_YIELD_MS = 1_000;

const documentsKey = (claim: Claim) =>
  claim.documents
    .map((d) => d.sha256)
    .sort()
    .join(',');

export class AssistService {
  readonly store: AssistStore;
  private readonly reader: DocumentReader;
  private readonly queue: string[] = [];
  private running: string | null = null;
  private loop: Promise<void> | null = null;
  private closed = false;
  private progress = { done: 0, total: 0 };
  /** Claims whose documents are not all in the cache yet: retried after the next pull. */
  private readonly waiting = new Set<string>();
  /** Epoch ms before which the background work starts no new claim (yieldToReviewer). */
  private quietUntil = 0;

  constructor(
    private readonly ctx: CoreContext,
    private readonly options: AssistOptions,
  ) {
    this.store = new AssistStore(ctx.store.db);
    this.reader = new DocumentReader(options.langDir);
  }

  /** The core's events that start work: a pull that finished, claims that changed. */
  onEvent(e: WorkstationEvent): void {
    if (!this.options.background) return;
    if (e.type === 'pull.progress' && e.progress.phase === 'done') {
      this.waiting.clear();
      // the reviewer's first claim is opening as the batch completes: it paints first
      this.yieldToReviewer(OPENING_YIELD_MS);
      this.schedule(this.ctx.store.batchClaimIds().filter((id) => !this.fresh(id)));
    }
    if (e.type === 'queue.changed') this.schedule(e.claimIds.filter((id) => this.ctx.store.isInBatch(id) && !this.fresh(id)));
  }

  private claimOf(claimId: string): Claim {
    const view = this.ctx.localClaim(claimId);
    if (!view) fail(notFound(`claim ${claimId} is not in your batch`));
    return view!.local;
  }

  private fresh(claimId: string): boolean {
    const view = this.ctx.localClaim(claimId);
    return !!view && !!this.current(view.local);
  }

  private current(claim: Claim): AssistResult | null {
    const s = this.store.result(claim.id);
    return s && s.assistVersion === ASSIST_VERSION && s.claimVersion === claim.version && s.documentsKey === documentsKey(claim) ? s.result : null;
  }

  /**
   * Whether the reviewer agrees with each suggestion, against the claim's checklist as it stands (for the
   * decision being recorded): from the last finished result of the current assist version, none without one.
   */
  agreement(claimId: string, before: Before): AssistAgreement[] | undefined {
    const stored = this.store.result(claimId);
    // Read from the claim's local state before the decision (review.ts record): no second read or materialization.
    if (!stored || stored.assistVersion !== ASSIST_VERSION || stored.result.status !== 'done') return undefined;
    return assistAgreement(
      stored.result.suggestions,
      checklistOf(before.history),
      before.products.filter((p) => !p.removed).map((p) => p.id),
    );
  }

  /** The stored result when it is current; else what can be said now, and the claim is queued. */
  get(claimId: string): AssistResult {
    return this.forClaim(this.claimOf(claimId));
  }

  /**
   * The same for a claim the caller already materialized (claim.get carries it). A claim the reviewer
   * opens (or is about to: the prefetched next one) goes to the front of the background queue.
   */
  forClaim(claim: Claim, opened = false): AssistResult {
    const stored = this.current(claim);
    if (stored) return stored;
    // page text of every document already read: the analysis itself takes milliseconds
    if (claim.documents.every((d) => this.store.pages(d.sha256, ASSIST_VERSION))) return this.analyse(claim);
    if (!this.waiting.has(claim.id)) this.schedule([claim.id], opened);
    return this.pending(claim, this.running === claim.id ? 'running' : 'pending');
  }

  /**
   * The customer acknowledgement's date the stored result read from the claim's current documents, or null
   * (not analysed yet, analysed by another assist version or over other documents, or no date found).
   */
  acknowledgedOn(claimId: string): string | null {
    const s = this.store.result(claimId);
    if (!s || s.assistVersion !== ASSIST_VERSION || s.result.status !== 'done') return null;
    const server = this.ctx.store.serverClaim(claimId);
    if (!server || documentsKey(server) !== s.documentsKey) return null;
    return s.result.findings?.acknowledgement.date ?? null;
  }

  /** Recomputes: forgets the stored result (and the documents' page text) and queues the claim first. */
  run(claimId: string): AssistResult {
    const claim = this.claimOf(claimId);
    this.store.forgetResult(claimId);
    for (const d of claim.documents)
      this.ctx.store.db.prepare('DELETE FROM assist_pages WHERE sha256 = ? AND assist_version = ?').run(d.sha256, ASSIST_VERSION);
    this.schedule([claimId], true);
    return this.pending(claim, 'pending');
  }

  /** forClaim for claim.get: the claim opens even when its assist result cannot be worked out. */
  forOpened(claim: Claim): AssistResult | undefined {
    this.yieldToReviewer(OPENING_YIELD_MS);
    try {
      return this.forClaim(claim, true);
    } catch (error) {
      this.ctx.log.warn(`assist: no result for ${claim.id}: ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    }
  }

  schedule(claimIds: readonly string[], first = false): void {
    if (this.closed) return;
    const fresh = claimIds.filter((id) => id !== this.running && !this.queue.includes(id));
    if (first) {
      // already queued: moved to the front
      const queued = claimIds.filter((id) => this.queue.includes(id));
      for (const id of queued) this.queue.splice(this.queue.indexOf(id), 1);
      this.queue.unshift(...fresh, ...queued);
    } else this.queue.push(...fresh);
    if (fresh.length === 0) return;
    this.progress.total += fresh.length;
    this.loop ??= this.drain().finally(() => {
      this.loop = null;
      this.progress = { done: 0, total: 0 };
    });
  }

  /** Resolves when the queue is empty (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.loop) await this.loop;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.queue.length = 0;
    await this.idle().catch(() => undefined);
    await this.reader.close().catch(() => undefined);
  }

  /**
   * The reviewer just acted (a decision opens the next claim): the background work starts no new claim
   * for `ms`, so reading PoE does not compete with painting the next one on a busy machine.
   */
  yieldToReviewer(ms: number): void {
    this.quietUntil = Math.max(this.quietUntil, Date.now() + ms);
  }

  private async quiet(): Promise<void> {
    for (let wait = this.quietUntil - Date.now(); wait > 0 && !this.closed; wait = this.quietUntil - Date.now()) {
      await new Promise((resolve) => setTimeout(resolve, wait).unref());
    }
  }

  private async drain(): Promise<void> {
    for (let id = (await this.quiet(), this.queue.shift()); id !== undefined && !this.closed; id = (await this.quiet(), this.queue.shift())) {
      this.running = id;
      let changed = false;
      try {
        changed = await this.process(id);
      } catch {
        // a claim that left the batch meanwhile, or a store closed under us: nothing to announce
      }
      this.running = null;
      this.progress.done++;
      if (changed) this.ctx.events.emit({ type: 'assist.changed', claimIds: [id], progress: { ...this.progress } });
    }
  }

  /** Reads what is missing and analyses the claim; false when nothing new could be said. */
  private async process(claimId: string): Promise<boolean> {
    const claim = this.ctx.localClaim(claimId)?.local;
    if (!claim) return false;
    let missing = false;
    for (const d of claim.documents) {
      if (this.closed) return false;
      if (this.store.pages(d.sha256, ASSIST_VERSION)) continue;
      const bytes = await this.ctx.docs.read(d.sha256);
      if (!bytes) {
        missing = true;
        continue;
      }
      const x = await this.reader.read(bytes, d.mediaType).catch((e: unknown) => ({
        pages: [],
        text: 'none' as const,
        error: e instanceof Error ? e.message : String(e),
      }));
      const text = x.pages.map((p) => p.items.map((i) => i.str).join(' ')).join('\n');
      if (this.closed) return false;
      this.store.putPages(d.sha256, ASSIST_VERSION, { ...x, minhash: minhash(text) }, this.ctx.now());
    }
    if (missing) {
      this.waiting.add(claimId);
      return false;
    }
    this.analyse(claim);
    return true;
  }

  private pending(claim: Claim, status: 'pending' | 'running'): AssistResult {
    return {
      claimId: claim.id,
      claimVersion: claim.version,
      status,
      progress: { ...this.progress },
      documents: claim.documents.map((d) => {
        const p = this.store.pages(d.sha256, ASSIST_VERSION);
        return { sha256: d.sha256, pages: p?.pages.length ?? 0, text: p?.text ?? 'none', error: p?.error ?? null };
      }),
      findings: null,
      suggestions: [],
    };
  }

  /** Analyses a claim whose documents are all read, stores the result and returns it. */
  private analyse(claim: Claim): AssistResult {
    const docs = claim.documents.map((d) => ({ sha256: d.sha256, ...this.store.pages(d.sha256, ASSIST_VERSION)! }));
    const { findings, suggestions } = analyseClaim(claim, docs, { timeZone: this.ctx.calendar().timeZone });
    const result: AssistResult = {
      claimId: claim.id,
      claimVersion: claim.version,
      status: docs.every((d) => d.error) && docs.length > 0 ? 'failed' : 'done',
      progress: { ...this.progress },
      documents: docs.map((d) => ({ sha256: d.sha256, pages: d.pages.length, text: d.text, error: d.error })),
      findings: { ...findings, duplicates: this.duplicates(claim, docs) },
      suggestions,
    };
    this.store.putResult(claim.id, { claimVersion: claim.version, assistVersion: ASSIST_VERSION, documentsKey: documentsKey(claim), result }, this.ctx.now());
    return result;
  }

  /** The same document, or a near-duplicate, attached to another claim of another customer or partner. */
  private duplicates(claim: Claim, docs: { sha256: string; minhash: number[] }[]): Findings['duplicates'] {
    const out = new Map<string, Findings['duplicates'][number]>();
    const others = (sha: string, sim: number) => {
      for (const c of this.store.claimsWithDocument(sha)) {
        if (c.claimId === claim.id || (c.tenantId === claim.customer.tenantId && c.mpnId === claim.partner.mpnId)) continue;
        const prev = out.get(c.claimId);
        if (!prev || prev.similarity < sim) out.set(c.claimId, { claimId: c.claimId, sha256: sha, similarity: sim });
      }
    };
    const signatures = this.store.signatures(ASSIST_VERSION);
    for (const d of docs) {
      others(d.sha256, 1);
      for (const s of signatures) {
        if (s.sha256 === d.sha256) continue;
        const sim = similarity(d.minhash, s.minhash);
        if (sim >= NEAR_DUPLICATE) others(s.sha256, Math.round(sim * 100) / 100);
      }
    }
    return [...out.values()];
  }
}

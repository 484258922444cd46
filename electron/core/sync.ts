// The sync engine: pull (lease a batch, store it in one transaction, download its documents with
// progress), push the outbox in order (idempotent ids; answers applied, duplicate, conflict, invalid),
// follow the change feed from a stored cursor, renew the lease while the reviewer works, and retry
// with exponential backoff and jitter while offline. One cycle at a time; it reports as events.
import { type Claim, type Mutation, type MutationResult, type PullProgress, type RouteName, type RouteResponse, type SyncStatus } from '../../shared/contracts';
import { KEYS, type CoreContext, type StoredLease } from './context';
import { DEFAULT_PROBE_OPTIONS, probeDelay, type ProbeOptions } from './connectivity';
import { isServiceRestored, rebaseOntoRestoredService } from './rebase';
import { resolveLapsedLeases } from './relapse';
import { NetworkConfigurationError, OfflineError, ServiceError, type CallArgs } from './service-client';
import type { OutboxRow } from './store/queries';
import { applyFeedPage, applyPushResults } from './sync/apply';
import { downloadAll, type Wanted } from './sync/downloads';
import { POISON_STRIKES, isolateFailure, isolates, nextBatch, type IsolationHost } from './sync/push-isolation';
import { DEFAULT_UNDO_WINDOW_MS, pushableEntries } from './undo-window';

export interface SyncOptions extends ProbeOptions {
  /** How long a new action waits in the outbox before it may be pushed (see undo-window.ts). */
  undoWindowMs: number;
  /** Pause between cycles while everything is fine. */
  intervalMs: number;
  /** Mutations per POST /mutations. */
  pushBatchSize: number;
  backoffBaseMs: number;
  backoffMaxMs: number;
}

export const DEFAULT_SYNC_OPTIONS: SyncOptions = { intervalMs: 30_000, pushBatchSize: 100, backoffBaseMs: 1_000, backoffMaxMs: 60_000, undoWindowMs: DEFAULT_UNDO_WINDOW_MS, ...DEFAULT_PROBE_OPTIONS };

/** The wait before retry number `attempt` (1, 2, …): doubling up to a cap, then a random half of it ("equal jitter"). */
export function backoffDelay(attempt: number, o: Pick<SyncOptions, 'backoffBaseMs' | 'backoffMaxMs'>, random: () => number = Math.random): number {
  const ceiling = Math.min(o.backoffMaxMs, o.backoffBaseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

/** The session cannot be used any more and no password is at hand to sign in again. */
export class SignInRequired extends Error {
  constructor() {
    super('Your session with the review service has ended: sign in again to sync.');
    this.name = 'SignInRequired';
  }
}

const FEED_PAGE = 500;
const toMutation = (e: OutboxRow): Mutation => ({ id: e.id, claimId: e.claimId, baseVersion: e.baseVersion, kind: e.kind, payload: e.payload } as Mutation);

export class SyncEngine {
  private connection: SyncStatus['connection'] = 'offline';
  private chain: Promise<unknown> = Promise.resolve();
  private waiting: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private failures = 0;
  /** The last attempt could not reach the service. */
  private offline = false;
  /** The service asked (Retry-After) not to be called again before this time (epoch ms). */
  private holdUntil = 0;
  private stopped = true;
  /** Outbox ids inside a push request right now: they cannot be undone until it answers. */
  readonly inFlight = new Set<string>();
  /** When the next held-back action leaves its undo window (epoch ms), null when none waits. */
  private nextPushableAt: number | null = null;
  /** More outboxes pushed in each cycle right after this one (the QA audit outbox). */
  readonly steps: (() => Promise<void>)[] = [];

  constructor(private readonly ctx: CoreContext, private readonly options: SyncOptions, private readonly random: () => number = Math.random) {}

  get state(): SyncStatus {
    return { ...this.ctx.status(this.connection), undoWindowMs: this.options.undoWindowMs };
  }

  emitStatus(): void {
    this.ctx.events.emit({ type: 'sync.status', status: this.state });
  }

  start(): void {
    this.stopped = false;
    void this.run();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** Runs a sync cycle after the current one; concurrent callers share the next cycle. */
  run(): Promise<void> {
    if (this.waiting) return this.waiting;
    const next = this.chain.then(() => {
      this.waiting = null;
      return this.cycle();
    });
    this.waiting = next;
    this.chain = next.catch(() => undefined);
    return next;
  }

  /** Runs `fn` between cycles (a pull must not interleave with a push). */
  exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.chain.then(fn);
    this.chain = next.catch(() => undefined);
    return next;
  }

  /** A local change happened: push it now, or after `delayMs` (a pending timer for later is brought forward). */
  kick(delayMs = 0): void {
    if (this.stopped) return;
    if (delayMs <= 0) return void this.run();
    const due = Date.now() + delayMs;
    this.kickDue = this.kickDue === null ? due : Math.min(this.kickDue, due);
    this.schedule(delayMs);
  }

  /** When a delayed kick wants the next cycle (kept across a cycle that started before it). */
  private kickDue: number | null = null;

  private schedule(ms: number): void {
    if (this.kickDue !== null) ms = Math.min(ms, Math.max(0, this.kickDue - Date.now()));
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.stopped) return;
    this.timer = setTimeout(() => void this.run(), ms);
    this.timer.unref?.();
  }

  private setError(message: string | null): void {
    if (message === null) this.ctx.store.deleteValue(KEYS.lastError);
    else this.ctx.store.setValue(KEYS.lastError, message);
  }

  private async cycle(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.kickDue = null;
    if (!this.ctx.session) return;
    if (Date.now() < this.holdUntil) return this.schedule(this.holdUntil - Date.now());
    // A retry while offline stays "offline" until it gets through: no flicker on every attempt.
    if (!this.offline) {
      this.connection = 'syncing';
      this.emitStatus();
    }
    try {
      if (this.offline) await this.call('health'); // [offline] probe first: cheap, and says whether to go on
      await this.push();
      for (const step of this.steps) await step();
      await this.followChanges();
      await this.renewLease();
      await this.fetchDocuments();
      await this.ctx.docs.evict();
      this.failures = 0;
      this.offline = false;
      this.connection = 'online';
      this.ctx.store.setValue(KEYS.lastSyncAt, this.ctx.now());
      this.setError(null);
      // [undo window] come back when the next held-back action may be pushed
      const untilPushable = this.nextPushableAt === null ? Infinity : Math.max(0, this.nextPushableAt - Date.parse(this.ctx.now()));
      this.schedule(Math.min(this.options.intervalMs, untilPushable));
    } catch (error) {
      // reliability (issue 13): the service was restored from a backup: rebase onto it, then sync again.
      if (isServiceRestored(error) && (await rebaseOntoRestoredService(this.ctx, (n, a) => this.call(n, a)).catch(() => null)) !== null) return this.cycle();
      this.failures++;
      this.offline = error instanceof OfflineError;
      this.connection = this.offline ? 'offline' : error instanceof NetworkConfigurationError ? 'misconfigured' : 'online';
      this.setError(error instanceof Error ? error.message : String(error));
      this.ctx.log.warn(`sync failed (${this.connection}, attempt ${this.failures}): ${error instanceof Error ? error.message : String(error)}`);
      // The service's Retry-After (429, 503) is a floor under the backoff; while offline, the service is probed from 2 s.
      const asked = error instanceof OfflineError || error instanceof ServiceError ? (error.retryAfterMs ?? 0) : 0;
      this.holdUntil = Date.now() + asked;
      const delay = error instanceof SignInRequired ? this.options.intervalMs : this.offline ? probeDelay(this.failures, this.options, this.random) : backoffDelay(this.failures, this.options, this.random);
      this.schedule(error instanceof SignInRequired ? delay : Math.max(asked, delay));
    } finally {
      this.emitStatus();
    }
  }

  // ── talking to the service as the signed-in reviewer ──

  private async signInAgain(): Promise<string> {
    const s = this.ctx.session;
    if (!s || this.ctx.password === null) throw new SignInRequired();
    const res = await this.ctx.client(s.serviceUrl).call('login', { body: { username: s.username, password: this.ctx.password } });
    if (res.user.id !== s.user.id) throw new SignInRequired();
    this.ctx.saveSession({ ...s, user: res.user, token: res.token });
    return res.token;
  }

  async call<N extends RouteName>(name: N, args: Omit<CallArgs<N>, 'token'> = {}): Promise<RouteResponse<N>> {
    const s = this.ctx.session;
    if (!s) throw new SignInRequired();
    const client = this.ctx.client(s.serviceUrl);
    const token = s.token ?? (await this.signInAgain());
    try {
      return await client.call(name, { ...args, token });
    } catch (error) {
      if (error instanceof OfflineError) this.markOffline(); // [offline] a failed request marks offline at once
      if (!(error instanceof ServiceError) || error.problem.status !== 401) throw error;
      if (this.ctx.password === null) throw new SignInRequired();
      return client.call(name, { ...args, token: await this.signInAgain() });
    }
  }

  /** The service did not answer: say so now (not at the end of the cycle) and probe from 2 s. */
  markOffline(): void {
    if (this.offline) return;
    this.offline = true;
    this.connection = 'offline';
    this.emitStatus();
    if (!this.stopped && this.waiting === null && !this.timer) this.schedule(probeDelay(1, this.options, this.random));
  }

  // ── push ──

  // reliability (issue 13): entries that failed alone this cycle, and the host of push isolation.
  private readonly struck = new Set<string>();
  private get isolation(): IsolationHost {
    return { store: this.ctx.store, struck: this.struck, pushBatch: (batch) => this.pushBatch(batch), healthy: () => this.call('health').then(() => true, () => false) };
  }

  private async push(): Promise<void> {
    const user = this.ctx.session?.user;
    if (!user) return;
    const { store } = this.ctx;
    this.struck.clear();
    for (;;) {
      // One IMMEDIATE transaction reads the batch and counts its attempt: no undo slips in between.
      // [undo window] only actions whose undo window has ended are pushed.
      const batch = store.transaction(() => {
        const { ready, nextAt } = pushableEntries(nextBatch(store, user.id, this.options.pushBatchSize, this.struck), this.ctx.now(), this.options.undoWindowMs);
        this.nextPushableAt = nextAt;
        store.countAttempts(ready.map((e) => e.id));
        return ready;
      });
      if (batch.length === 0) {
        if (this.struck.size > 0) throw new Error(`The review service failed on ${this.struck.size} of your actions while it accepted others; they are retried, and set aside after ${POISON_STRIKES} failures.`);
        return;
      }
      await this.pushBatch(batch, true);
      const unanswered = batch.filter((e) => this.ctx.store.outboxEntry(e.id)?.state === 'pending' && !this.struck.has(e.id));
      if (unanswered.length === batch.length) throw new Error(`The review service answered none of ${batch.length} pushed actions; they stay queued.`);
    }
  }

  private async pushBatch(batch: OutboxRow[], counted = false): Promise<void> {
    const { store } = this.ctx;
    if (!counted) store.transaction(() => store.countAttempts(batch.map((e) => e.id)));
    for (const e of batch) this.inFlight.add(e.id);
    let results: MutationResult[];
    try {
      results = (await this.call('mutations', { body: { mutations: batch.map(toMutation) } })).results;
    } catch (error) {
      // Nothing of this push reached the service (or it refused the request whole): undo stays possible.
      const notApplied = (error instanceof OfflineError && !error.delivered) || (error instanceof ServiceError && error.problem.status < 500) || error instanceof NetworkConfigurationError;
      if (notApplied) store.transaction(() => store.uncountAttempts(batch.map((e) => e.id)));
      // reliability (issue 13): refused whole, failed (5xx) or timed out: isolate the culprit rather than retry forever.
      if (!isolates(error)) throw error;
      for (const e of batch) this.inFlight.delete(e.id);
      const isolated = await isolateFailure(this.isolation, batch, error);
      if (!isolated) return;
      results = isolated;
    } finally {
      for (const e of batch) this.inFlight.delete(e.id);
    }
    results = await resolveLapsedLeases(this.ctx, (n, a) => this.call(n, a), batch, results, toMutation); // [re-lease] lapsed leases
    await this.applyResults(batch, results);
  }

  private async applyResults(batch: OutboxRow[], results: MutationResult[]): Promise<void> {
    const { store } = this.ctx;
    const { touched, unresolvedChanged, needClaim } = applyPushResults(this.ctx, batch, results);
    // A refused entry whose claim the answer did not carry: fetch what the service shows now, once per claim.
    const fetched = new Map<string, Claim | null>();
    for (const entry of needClaim) {
      if (!fetched.has(entry.claimId)) fetched.set(entry.claimId, await this.fetchClaim(entry.claimId));
      const current = fetched.get(entry.claimId)!;
      if (!current) continue;
      store.transaction(() => {
        this.ctx.acceptServerClaim(current, false, true);
        const now = store.outboxEntry(entry.id);
        if (now) store.markOutbox(entry.id, now.state, now.problem, current);
      });
    }
    if (touched.size > 0 && unresolvedChanged) this.ctx.events.emit({ type: 'conflicts.changed', count: store.outboxCounts().conflicts });
    this.emitStatus();
  }

  // ── change feed ──

  private async feedEnd(): Promise<number> {
    let cursor = 0;
    for (;;) {
      const res = await this.call('changes', { query: { after: cursor, limit: 1000 } });
      cursor = res.cursor;
      if (res.changes.length < 1000) return cursor;
    }
  }

  /** The claim as the service shows it now, or null when it is not visible to us any more. */
  private async fetchClaim(id: string): Promise<Claim | null> {
    try {
      return await this.call('claimGet', { params: { id } });
    } catch (error) {
      if (error instanceof ServiceError && (error.problem.status === 404 || error.problem.status === 403)) return null;
      throw error;
    }
  }

  /** Brings one held claim up to date; a claim no longer leased to us leaves the batch. */
  async refreshClaim(id: string): Promise<void> {
    const claim = await this.fetchClaim(id);
    const me = this.ctx.session?.user.id;
    const { store } = this.ctx;
    store.transaction(() => {
      const mine = claim !== null && claim.lease?.reviewerId === me;
      if (claim) this.ctx.acceptServerClaim(claim, mine);
      store.setInBatch(id, mine);
      this.ctx.reindex(id);
      store.forgetClaimsOutsideBatch();
    });
  }

  /** Follows the feed: patches are applied in place; only claims a patch cannot bring up to date are fetched. */
  private async followChanges(): Promise<void> {
    const { store } = this.ctx;
    let cursor: number | null = store.getValue<number>(KEYS.cursor);
    if (cursor === null) {
      store.setValue(KEYS.cursor, await this.feedEnd());
      return;
    }
    for (;;) {
      const res: RouteResponse<'changes'> = await this.call('changes', { query: { after: cursor, limit: FEED_PAGE } });
      const { fetch } = applyFeedPage(this.ctx, res.changes);
      for (const id of fetch) await this.refreshClaim(id);
      cursor = res.cursor;
      store.setValue(KEYS.cursor, cursor);
      if (fetch.length > 0) {
        this.ctx.events.emit({ type: 'queue.changed', claimIds: fetch });
        const lease = store.getValue<StoredLease>(KEYS.lease);
        if (lease && !store.batchClaimIds().some((id) => store.serverClaim(id)?.lease?.id === lease.id)) store.deleteValue(KEYS.lease);
      }
      if (res.changes.length < FEED_PAGE) return;
    }
  }

  // ── lease ──

  private async renewLease(): Promise<void> {
    const { store } = this.ctx;
    const lease = store.getValue<StoredLease>(KEYS.lease);
    if (!lease || !this.ctx.active) return;
    // reliability (issue 13): on the service's clock, which the lease's times are on (ours may be a day off).
    const now = this.ctx.link.serviceNow();
    const from = Date.parse(lease.renewedAt);
    if (now < from + (Date.parse(lease.expiresAt) - from) / 2) return;
    try {
      const res = await this.call('leaseRenew', { params: { id: lease.id } });
      this.ctx.active = false;
      store.transaction(() => {
        store.setValue(KEYS.lease, { ...lease, expiresAt: res.lease.expiresAt, renewedAt: this.ctx.link.serviceNowIso(), ...(res.lease.mode ? { mode: res.lease.mode } : {}) } satisfies StoredLease);
        for (const id of store.batchClaimIds()) {
          const c = store.serverClaim(id);
          if (c?.lease?.id !== lease.id) continue;
          store.putServerClaim({ ...c, lease: { ...c.lease, expiresAt: res.lease.expiresAt } }, this.ctx.now(), true);
          this.ctx.reindex(id);
        }
      });
    } catch (error) {
      if (!(error instanceof ServiceError) || (error.problem.status !== 404 && error.problem.status !== 409)) throw error;
      store.deleteValue(KEYS.lease);
    }
  }

  // ── documents ──

  /** Downloads the batch's documents not cached yet (8 at a time, the first claim's first), verifying each; reports progress. */
  async fetchDocuments(progress?: (done: number, total: number, bytes: number) => void): Promise<number> {
    const { store, docs } = this.ctx;
    const wanted: Wanted[] = [];
    for (const sha of store.missingBatchDocuments()) {
      const ref = store.documentRef(sha);
      if (ref) wanted.push({ sha256: sha, meta: ref });
    }
    const firstClaim = store.queue.next(null);
    const first = new Set(firstClaim ? store.serverClaim(firstClaim)?.documents.map((d) => d.sha256) ?? [] : []);
    return downloadAll(docs, wanted, first, (sha) => this.call('documentGet', { params: { sha256: sha } }), progress);
  }

  /** Fetches one document now (a read found it missing or corrupt). */
  async fetchDocument(sha: string): Promise<void> {
    const ref = this.ctx.store.documentRef(sha);
    if (!ref) return;
    const data = await this.call('documentGet', { params: { sha256: sha } });
    await this.ctx.docs.put(sha, data, ref);
  }

  // ── pull ──

  pull(size: number, offline = false): Promise<{ lease: { id: string; expiresAt: string; mode?: 'working' | 'offline' }; claims: number; documents: number }> {
    return this.exclusive(async () => {
      const { store } = this.ctx;
      const progress: PullProgress = { phase: 'leasing', claimsDone: 0, claimsTotal: size, documentsDone: 0, documentsTotal: 0, bytesDone: 0 };
      const report = (p: Partial<PullProgress>) => {
        Object.assign(progress, p);
        this.ctx.events.emit({ type: 'pull.progress', progress: { ...progress } });
      };
      report({});
      try {
        store.setValue(KEYS.calendar, await this.call('calendar').then(({ timeZone, holidays }) => ({ timeZone, holidays })));
        if (store.getValue<number>(KEYS.cursor) === null) store.setValue(KEYS.cursor, await this.feedEnd());
        const res = await this.call('leaseCreate', { body: { size, ...(offline ? { mode: 'offline' as const } : {}) } });
        const leased = new Set(res.claims.map((c) => c.id));
        store.transaction(() => {
          for (const c of res.claims) {
            this.ctx.acceptServerClaim(c, true, true);
            store.setInBatch(c.id, true);
          }
          for (const id of store.batchClaimIds()) if (!leased.has(id)) store.setInBatch(id, false);
          store.forgetClaimsOutsideBatch();
          store.setValue(KEYS.lease, { id: res.lease.id, expiresAt: res.lease.expiresAt, renewedAt: this.ctx.link.serviceNowIso(), ...(res.lease.mode ? { mode: res.lease.mode } : {}) } satisfies StoredLease);
        });
        this.offline = false;
        this.connection = 'online';
        this.ctx.events.emit({ type: 'queue.changed', claimIds: [...leased] });
        this.emitStatus();
        const documentsTotal = new Set(res.claims.flatMap((c) => c.documents.map((d) => d.sha256))).size;
        const missing = store.missingBatchDocuments().length;
        report({ phase: 'documents', claimsDone: res.claims.length, claimsTotal: res.claims.length, documentsTotal, documentsDone: documentsTotal - missing });
        await this.fetchDocuments((done, _total, bytes) => report({ documentsDone: documentsTotal - missing + done, bytesDone: bytes }));
        await this.ctx.docs.evict();
        report({ phase: 'done' });
        return { lease: res.lease, claims: res.claims.length, documents: documentsTotal };
      } catch (error) {
        if (error instanceof OfflineError) {
          this.offline = true;
          this.connection = 'offline';
        }
        report({ phase: 'failed' });
        this.emitStatus();
        throw error;
      }
    });
  }

  /** Releases the lease (after a successful push) and empties the batch. */
  release(): Promise<void> {
    return this.exclusive(async () => {
      const { store } = this.ctx;
      await this.push();
      const lease = store.getValue<StoredLease>(KEYS.lease);
      if (lease) {
        try {
          await this.call('leaseRelease', { params: { id: lease.id } });
        } catch (error) {
          if (!(error instanceof ServiceError) || (error.problem.status !== 404 && error.problem.status !== 409)) throw error;
        }
      }
      const ids = store.batchClaimIds();
      store.transaction(() => {
        for (const id of ids) store.setInBatch(id, false);
        store.forgetClaimsOutsideBatch();
        store.deleteValue(KEYS.lease);
      });
      this.ctx.events.emit({ type: 'queue.changed', claimIds: ids });
      this.emitStatus();
    });
  }
}

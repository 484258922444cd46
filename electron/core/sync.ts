// The sync engine: one cycle at a time pushes the outbox (sync/push.ts), follows the change feed
// (sync/feed.ts), renews the lease and fetches missing documents (sync/batch.ts, sync/documents.ts);
// pulls and releases run between cycles. A cycle kicked by a reviewer's action only pushes, unless the
// feed was last read longer than an interval ago. Retries use exponential backoff with jitter while
// the service fails, and probing from 2 s while offline (sync/scheduler.ts). It reports as events.
import type { RouteName, RouteResponse, SyncStatus } from '../../shared/contracts';
import { DEFAULT_PROBE_OPTIONS, probeDelay, type ProbeOptions } from './connectivity';
import { KEYS, type CoreContext } from './context';
import { isServiceRestored, rebaseOntoRestoredService } from './rebase';
import { NetworkConfigurationError, OfflineError, ServiceError, type CallArgs } from './service-client';
import { pull, release, renewLease, type BatchHost, type PullOutput } from './sync/batch';
import { fetchDocument, fetchDocuments } from './sync/documents';
import { followChanges, refreshClaim } from './sync/feed';
import { Pusher } from './sync/push';
import { backoffDelay, CycleScheduler } from './sync/scheduler';
import { DEFAULT_UNDO_WINDOW_MS } from './undo-window';

export { backoffDelay } from './sync/scheduler';

export interface SyncOptions extends ProbeOptions {
  /** How long a new action waits in the outbox before it may be pushed (see undo-window.ts). */
  undoWindowMs: number;
  /** Pause between cycles while everything is fine (and the longest the change feed goes unread). */
  intervalMs: number;
  /** Mutations per POST /mutations. */
  pushBatchSize: number;
  backoffBaseMs: number;
  backoffMaxMs: number;
}

export const DEFAULT_SYNC_OPTIONS: SyncOptions = {
  intervalMs: 30_000,
  pushBatchSize: 100,
  backoffBaseMs: 1_000,
  backoffMaxMs: 60_000,
  undoWindowMs: DEFAULT_UNDO_WINDOW_MS,
  ...DEFAULT_PROBE_OPTIONS,
};

/** The session cannot be used any more and no password is at hand to sign in again. */
export class SignInRequired extends Error {
  constructor() {
    super('Your session with the review service has ended: sign in again to sync.');
    this.name = 'SignInRequired';
  }
}

export class SyncEngine {
  private connection: SyncStatus['connection'] = 'offline';
  private failures = 0;
  /** The last attempt could not reach the service. */
  private offline = false;
  /** The service asked (Retry-After) not to be called again before this time (epoch ms). */
  private holdUntil = 0;
  /** When the change feed was last followed (epoch ms). */
  private lastFeedAt = 0;
  private readonly scheduler = new CycleScheduler((full) => this.cycle(full));
  private readonly pusher: Pusher;
  /** Outbox ids inside a push request right now: they cannot be undone until it answers. */
  readonly inFlight: Set<string>;
  /** More outboxes pushed in each cycle right after this one (the QA audit outbox). */
  readonly steps: (() => Promise<void>)[] = [];
  private readonly host: BatchHost;

  constructor(
    private readonly ctx: CoreContext,
    private readonly options: SyncOptions,
    private readonly random: () => number = Math.random,
  ) {
    this.host = {
      ctx,
      call: (name, args) => this.call(name, args),
      emitStatus: () => this.emitStatus(),
      exclusive: (fn) => this.scheduler.exclusive(fn),
      push: () => this.pusher.push(),
      reached: (online) => {
        this.offline = !online;
        this.connection = online ? 'online' : 'offline';
      },
    };
    this.pusher = new Pusher(this.host, options);
    this.inFlight = this.pusher.inFlight;
  }

  get state(): SyncStatus {
    return { ...this.ctx.status(this.connection), undoWindowMs: this.options.undoWindowMs };
  }

  emitStatus(): void {
    this.ctx.events.emit({ type: 'sync.status', status: this.state });
  }

  start(): void {
    this.scheduler.start();
  }

  stop(): void {
    this.scheduler.stop();
  }

  /** Runs a full sync cycle after the current one; concurrent callers share the next cycle. */
  run(): Promise<void> {
    return this.scheduler.run(true);
  }

  /** Runs `fn` between cycles (a pull must not interleave with a push). */
  exclusive<T>(fn: () => Promise<T>): Promise<T> {
    return this.scheduler.exclusive(fn);
  }

  /** A local change happened: push it now, or after `delayMs` (a pending timer for later is brought forward). */
  kick(delayMs = 0): void {
    this.scheduler.kick(delayMs);
  }

  private setError(message: string | null): void {
    if (message === null) this.ctx.store.deleteValue(KEYS.lastError);
    else this.ctx.store.setValue(KEYS.lastError, message);
  }

  /** One cycle; `full` false (a kick after an action) skips the feed when it was read within the interval. */
  private async cycle(full: boolean): Promise<void> {
    this.scheduler.begin();
    if (!this.ctx.session) return;
    if (Date.now() < this.holdUntil) return this.scheduler.schedule(this.holdUntil - Date.now());
    // A retry while offline stays "offline" until it gets through: no flicker on every attempt.
    if (!this.offline) {
      this.connection = 'syncing';
      this.emitStatus();
    }
    try {
      if (this.offline) await this.call('health'); // [offline] probe first: cheap, and says whether to go on
      await this.pusher.push();
      for (const step of this.steps) await step();
      if (full || this.offline || Date.now() - this.lastFeedAt >= this.options.intervalMs) {
        await followChanges(this.host);
        this.lastFeedAt = Date.now();
      }
      await renewLease(this.host);
      await fetchDocuments(this.host);
      await this.ctx.docs.evict();
      this.failures = 0;
      this.offline = false;
      this.connection = 'online';
      this.ctx.store.setValue(KEYS.lastSyncAt, this.ctx.now());
      this.setError(null);
      // [undo window] come back when the next held-back action may be pushed (to push it only)
      const next = this.pusher.nextPushableAt;
      const untilPushable = next === null ? Infinity : Math.max(0, next - Date.parse(this.ctx.now()));
      const untilFeed = Math.max(0, this.lastFeedAt + this.options.intervalMs - Date.now());
      if (untilPushable < untilFeed) this.scheduler.schedule(untilPushable, false);
      else this.scheduler.schedule(untilFeed);
    } catch (error) {
      // reliability (issue 13): the service was restored from a backup: rebase onto it, then sync again.
      if (isServiceRestored(error) && (await rebaseOntoRestoredService(this.ctx, (n, a) => this.call(n, a)).catch(() => null)) !== null)
        return this.cycle(true);
      this.failures++;
      this.offline = error instanceof OfflineError;
      this.connection = this.offline ? 'offline' : error instanceof NetworkConfigurationError ? 'misconfigured' : 'online';
      this.setError(error instanceof Error ? error.message : String(error));
      this.ctx.log.warn(`sync failed (${this.connection}, attempt ${this.failures}): ${error instanceof Error ? error.message : String(error)}`);
      // The service's Retry-After (429, 503) is a floor under the backoff; while offline, the service is probed from 2 s.
      const asked = error instanceof OfflineError || error instanceof ServiceError ? (error.retryAfterMs ?? 0) : 0;
      this.holdUntil = Date.now() + asked;
      const delay =
        error instanceof SignInRequired
          ? this.options.intervalMs
          : this.offline
            ? probeDelay(this.failures, this.options, this.random)
            : backoffDelay(this.failures, this.options, this.random);
      this.scheduler.schedule(error instanceof SignInRequired ? delay : Math.max(asked, delay));
    } finally {
      // Between actions (a kicked cycle runs a second after one): the log is checkpointed here, not inside a commit (store/database.ts).
      this.ctx.store.checkpoint();
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
    if (!this.scheduler.stopped && this.scheduler.idle) this.scheduler.schedule(probeDelay(1, this.options, this.random));
  }

  // ── the jobs, as the core calls them ──

  /**
   * Brings one held claim up to date; a claim no longer leased to us leaves the batch (and the queue) but
   * stays cached, open to read, until the next pull or release: it never vanishes under the reviewer.
   */
  refreshClaim(id: string): Promise<void> {
    return refreshClaim(this.host, id);
  }

  /** Downloads the batch's documents not cached yet (8 at a time, the first claim's first), verifying each. */
  fetchDocuments(progress?: (done: number, total: number, bytes: number) => void): Promise<number> {
    return fetchDocuments(this.host, progress);
  }

  /** Fetches one document now (a read found it missing or corrupt). */
  fetchDocument(sha: string): Promise<void> {
    return fetchDocument(this.host, sha);
  }

  pull(size: number, offline = false): Promise<PullOutput> {
    return pull(this.host, size, offline);
  }

  /** Releases the lease (after a successful push) and empties the batch. */
  release(): Promise<void> {
    return release(this.host);
  }
}

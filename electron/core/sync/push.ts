// Pushing the outbox: in order, in batches, each entry at most once (idempotent ids). Only actions out of
// their undo window leave; the answers are applied through the one apply path (apply.ts); a refused entry
// whose claim the answer did not carry is brought up to date with one GET per claim; a batch the service
// refuses whole, or fails on, is split to find the culprit (push-isolation.ts).
import type { Claim, Mutation, MutationResult } from '../../../shared/contracts';
import { resolveLapsedLeases } from '../relapse';
import { NetworkConfigurationError, OfflineError, ServiceError } from '../service-client';
import type { OutboxRow } from '../store/queries';
import { pushableEntries } from '../undo-window';
import { applyPushResults } from './apply';
import { fetchClaim } from './feed';
import type { SyncHost } from './host';
import { POISON_STRIKES, isolateFailure, isolates, nextBatch, type IsolationHost } from './push-isolation';

export const toMutation = (e: OutboxRow): Mutation =>
  ({ id: e.id, claimId: e.claimId, baseVersion: e.baseVersion, kind: e.kind, payload: e.payload }) as Mutation;

export class Pusher {
  /** Outbox ids inside a push request right now: they cannot be undone until it answers. */
  readonly inFlight = new Set<string>();
  /** When the next held-back action leaves its undo window (epoch ms), null when none waits. */
  nextPushableAt: number | null = null;
  // reliability (issue 13): entries that failed alone this cycle, and the host of push isolation.
  private readonly struck = new Set<string>();

  constructor(
    private readonly host: SyncHost,
    private readonly options: { pushBatchSize: number; undoWindowMs: number },
  ) {}

  private get isolation(): IsolationHost {
    return {
      store: this.host.ctx.store,
      struck: this.struck,
      pushBatch: (batch) => this.pushBatch(batch),
      healthy: () =>
        this.host.call('health').then(
          () => true,
          () => false,
        ),
    };
  }

  /** Pushes every pushable entry of the signed-in reviewer, batch after batch. */
  async push(): Promise<void> {
    const { ctx } = this.host;
    const user = ctx.session?.user;
    if (!user) return;
    const { store } = ctx;
    this.struck.clear();
    for (;;) {
      // One IMMEDIATE transaction reads the batch and counts its attempt: no undo slips in between.
      // [undo window] only actions whose undo window has ended are pushed.
      const batch = store.transaction(() => {
        const { ready, nextAt } = pushableEntries(nextBatch(store, user.id, this.options.pushBatchSize, this.struck), ctx.now(), this.options.undoWindowMs);
        this.nextPushableAt = nextAt;
        store.countAttempts(ready.map((e) => e.id));
        return ready;
      });
      if (batch.length === 0) {
        if (this.struck.size > 0)
          throw new Error(
            `The review service failed on ${this.struck.size} of your actions while it accepted others; they are retried, and set aside after ${POISON_STRIKES} failures.`,
          );
        return;
      }
      await this.pushBatch(batch, true);
      const states = store.outboxStates(batch.map((e) => e.id));
      const unanswered = batch.filter((e) => states.get(e.id) === 'pending' && !this.struck.has(e.id));
      if (unanswered.length === batch.length) throw new Error(`The review service answered none of ${batch.length} pushed actions; they stay queued.`);
    }
  }

  private async pushBatch(batch: OutboxRow[], counted = false): Promise<void> {
    const { store } = this.host.ctx;
    if (!counted) store.transaction(() => store.countAttempts(batch.map((e) => e.id)));
    for (const e of batch) this.inFlight.add(e.id);
    let results: MutationResult[];
    try {
      results = (await this.host.call('mutations', { body: { mutations: batch.map(toMutation) } })).results;
    } catch (error) {
      // Nothing of this push reached the service (or it refused the request whole): undo stays possible.
      const notApplied =
        (error instanceof OfflineError && !error.delivered) ||
        (error instanceof ServiceError && error.problem.status < 500) ||
        error instanceof NetworkConfigurationError;
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
    results = await resolveLapsedLeases(this.host.ctx, (n, a) => this.host.call(n, a), batch, results, toMutation); // [re-lease] lapsed leases
    await this.applyResults(batch, results);
  }

  private async applyResults(batch: OutboxRow[], results: MutationResult[]): Promise<void> {
    const { ctx } = this.host;
    const { store } = ctx;
    const { touched, unresolvedChanged, needClaim } = applyPushResults(ctx, batch, results);
    // A refused entry whose claim the answer did not carry: fetch what the service shows now, once per claim.
    const fetched = new Map<string, Claim | null>();
    for (const entry of needClaim) {
      if (!fetched.has(entry.claimId)) fetched.set(entry.claimId, await fetchClaim(this.host, entry.claimId));
      const current = fetched.get(entry.claimId)!;
      if (!current) continue;
      store.transaction(() => {
        ctx.acceptServerClaim(current, false, true);
        const now = store.outboxEntry(entry.id);
        if (now) store.markOutbox(entry.id, now.state, now.problem, current);
      });
    }
    if (touched.size > 0 && unresolvedChanged) ctx.events.emit({ type: 'conflicts.changed', count: store.outboxCounts().conflicts });
    this.host.emitStatus();
  }
}

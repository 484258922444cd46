// The service's timers: leases that ran out, and the system transitions the seed prescribes
// (no partner response → rejected; consent period over → sent for incentive evaluation; dispute
// window over → closed). Which transition may fire, and when, is the shared transition table's call.
import { checkAction, timerStamp, type ClaimAction, type HistoryEvent } from '../../shared/domain';
import { actionContext, appendEvent, loadClaim } from './claims';
import { SYSTEM_ACTOR, type AppContext } from './context';
import { syncClock } from './test-clock';

/** The system's own transitions, each with the history event it records (the service's sweep and the demo's simulation). */
export const SYSTEM_TRANSITIONS: readonly { action: ClaimAction; event: HistoryEvent }[] = [
  {
    action: 'auto-reject',
    event: {
      kind: 'rejected',
      reason: 'no-partner-response',
      message: 'No response from the partner within 5 business days of the request for more information.',
    },
  },
  { action: 'end-consent-period', event: { kind: 'sent-for-incentive-evaluation' } },
  { action: 'close-dispute-window', event: { kind: 'dispute-window-closed' } },
];

/**
 * Runs every timer that is due at the service's now. Safe to call at any time, as often as wanted: one
 * process sweeps at a time (Store.exclusive; `skipIfBusy` gives up instead of waiting) and each
 * transition re-checks the claim it loads (a writing transaction locks it), so none applies twice.
 */
export async function sweep(app: AppContext, opts: { skipIfBusy?: boolean } = {}): Promise<void> {
  if (app.store.exclusive) {
    await app.store.exclusive('timer-sweep', () => sweepNow(app), { wait: !opts.skipIfBusy });
    return;
  }
  await sweepNow(app);
}

async function sweepNow(app: AppContext): Promise<void> {
  const now = app.clock.iso();
  // What is due, read from a snapshot (no write transaction): most sweeps, one before each write request, find nothing.
  const due = await app.store.read(async (tx) => ({ leases: (await tx.leasesExpiredBy(now)).length > 0, claimIds: await tx.claimIdsWithTimerDue(now) }));
  if (due.leases) {
    await app.store.transaction(async (tx) => {
      for (const lease of await tx.leasesExpiredBy(now)) {
        const claimIds = await tx.endLease(lease.id, lease.expiresAt, 'expired');
        for (const id of claimIds) await tx.addChange(id, 'lease-expired', lease.expiresAt, lease.reviewerId);
      }
    });
  }
  for (const id of due.claimIds) {
    await app.store.transaction(async (tx) => {
      // Each transition is stamped when it fell due; one that opens the next timer (an automatic rejection
      // opens the dispute window) may fire in the same sweep when that one is also past.
      let c = await loadClaim(tx, id);
      for (let guard = 0; c && guard < SYSTEM_TRANSITIONS.length; guard++) {
        const ctx = actionContext(c, now, app.calendar);
        const t = SYSTEM_TRANSITIONS.find((s) => checkAction(s.action, 'system', ctx).ok);
        if (!t) return;
        c = await appendEvent(tx, app, c, t.event, SYSTEM_ACTOR, timerStamp(c.history, app.calendar, now));
      }
    });
  }
}

/** Runs the sweep every `intervalMs` (and lets the process exit while it waits). Returns a stopper. */
export function startSweeper(app: AppContext, intervalMs: number, onError: (e: unknown) => void): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    (app.sharedClock ? syncClock(app) : Promise.resolve())
      .then(() => sweep(app, { skipIfBusy: true }))
      .catch(onError)
      .finally(() => {
        running = false;
      });
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}

// The demo generator's simulation of one claim: its history under construction, every step checked by the
// shared transition table at its own moment, and the system timers fired when their moment came.
import type { ClaimFacts, DocumentRef } from '../../shared/contracts';
import { checkAction, replay, type Actor, type BusinessCalendar, type ClaimAction, type HistoryEntry, type HistoryEvent } from '../../shared/domain';
import { activeProducts, claimIndex } from '../app/claims';
import { SYSTEM_ACTOR } from '../app/context';
import type { PoeTruth } from './poe-content';

export interface DemoDocument {
  ref: DocumentRef;
  bytes: Uint8Array;
  truth: PoeTruth;
}

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

/** A claim's history under construction, every step checked with the shared transition table. */
export class Sim {
  history: HistoryEntry[] = [];
  documents: DemoDocument[] = [];
  constructor(
    readonly facts: ClaimFacts,
    readonly cal: BusinessCalendar,
    public t: number,
  ) {}
  iso(t = this.t): string {
    return new Date(t).toISOString();
  }
  wait(hours: number): void {
    this.t += Math.max(0.02, hours) * HOUR;
  }
  allowed(action: ClaimAction, actor: Actor, t = this.t): boolean {
    const ctx = {
      history: this.history,
      lifecycle: replay(this.history),
      now: this.iso(t),
      calendar: this.cal,
      documentCount: this.documents.length,
      activeProductCount: activeProducts(this.facts, this.history).length,
    };
    return checkAction(action, actor.role, ctx).ok;
  }
  emit(action: ClaimAction | null, actor: Actor, event: HistoryEvent, t = this.t): void {
    if (action && !this.allowed(action, actor, t)) {
      const ctx = {
        history: this.history,
        lifecycle: replay(this.history),
        now: this.iso(t),
        calendar: this.cal,
        documentCount: this.documents.length,
        activeProductCount: activeProducts(this.facts, this.history).length,
      };
      throw new Error(
        `demo generator: ${action} by ${actor.role} on ${this.facts.id} at ${this.iso(t)} refused: ${JSON.stringify(checkAction(action, actor.role, ctx))}`,
      );
    }
    this.history.push({ ...event, seq: this.history.length + 1, at: this.iso(t), actor } as HistoryEntry);
  }
}

/** Appends the system transitions whose moment came before now, each at its due moment (+ a minute). */
export function fireTimers(sim: Sim, nowMs: number): void {
  const timers: { action: ClaimAction; event: HistoryEvent }[] = [
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
  for (let guard = 0; guard < 4; guard++) {
    const due = claimIndex(sim.facts, sim.history, sim.iso(), sim.cal).timerDue;
    if (!due) return;
    const at = Date.parse(due) + 60_000;
    if (at >= nowMs) return;
    const t = timers.find((x) => sim.allowed(x.action, SYSTEM_ACTOR, at));
    if (!t) return;
    sim.emit(t.action, SYSTEM_ACTOR, t.event, at);
    sim.t = Math.max(sim.t, at);
  }
}

// The demo generator's simulation of one claim: its history under construction, every step checked by the
// shared transition table at its own moment, and the system timers fired when their moment came.
import type { ClaimFacts, DocumentRef } from '../../shared/contracts';
import { checkAction, replay, type Actor, type BusinessCalendar, type ClaimAction, type HistoryEntry, type HistoryEvent } from '../../shared/domain';
import { activeProducts, claimIndex } from '../app/claims';
import { SYSTEM_ACTOR } from '../app/context';
import { SYSTEM_TRANSITIONS } from '../app/timers';
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
  /** What the shared transition table says of `action` by `actor` at moment `t`. */
  private check(action: ClaimAction, actor: Actor, t: number) {
    const ctx = {
      history: this.history,
      lifecycle: replay(this.history),
      now: this.iso(t),
      calendar: this.cal,
      documentCount: this.documents.length,
      activeProductCount: activeProducts(this.facts, this.history).length,
    };
    return checkAction(action, actor.role, ctx);
  }
  allowed(action: ClaimAction, actor: Actor, t = this.t): boolean {
    return this.check(action, actor, t).ok;
  }
  emit(action: ClaimAction | null, actor: Actor, event: HistoryEvent, t = this.t): void {
    if (action) {
      const check = this.check(action, actor, t);
      if (!check.ok) throw new Error(`demo generator: ${action} by ${actor.role} on ${this.facts.id} at ${this.iso(t)} refused: ${JSON.stringify(check)}`);
    }
    this.history.push({ ...event, seq: this.history.length + 1, at: this.iso(t), actor } as HistoryEntry);
  }
}

/** Appends the system transitions whose moment came before now, each at its due moment (+ a minute). */
export function fireTimers(sim: Sim, nowMs: number): void {
  for (let guard = 0; guard < 4; guard++) {
    const due = claimIndex(sim.facts, sim.history, sim.iso(), sim.cal).timerDue;
    if (!due) return;
    const at = Date.parse(due) + 60_000;
    if (at >= nowMs) return;
    const t = SYSTEM_TRANSITIONS.find((x) => sim.allowed(x.action, SYSTEM_ACTOR, at));
    if (!t) return;
    sim.emit(t.action, SYSTEM_ACTOR, t.event, at);
    sim.t = Math.max(sim.t, at);
  }
}

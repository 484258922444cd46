// When sync cycles run: one at a time (concurrent callers share the next one), work that must not
// interleave with a cycle (a pull, a release), delayed kicks after a reviewer's action, and the retry
// delays (exponential backoff with jitter). A cycle is "full" (it follows the change feed too) unless it
// only comes to push a reviewer's action.
export interface BackoffOptions {
  backoffBaseMs: number;
  backoffMaxMs: number;
}

/** The wait before retry number `attempt` (1, 2, …): doubling up to a cap, then a random half of it ("equal jitter"). */
export function backoffDelay(attempt: number, o: BackoffOptions, random: () => number = Math.random): number {
  const ceiling = Math.min(o.backoffMaxMs, o.backoffBaseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

export class CycleScheduler {
  private chain: Promise<unknown> = Promise.resolve();
  private waiting: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  /** When a delayed kick wants the next cycle (kept across a cycle that started before it). */
  private kickDue: number | null = null;
  /** Whether the cycle that runs next was asked for in full by any of its callers. */
  private wantFull = false;
  stopped = true;

  constructor(private readonly cycle: (full: boolean) => Promise<void>) {}

  /** No cycle waits to run and none is scheduled. */
  get idle(): boolean {
    return this.waiting === null && !this.timer;
  }

  start(): void {
    this.stopped = false;
    void this.run();
  }

  stop(): void {
    this.stopped = true;
    this.clearTimer();
  }

  /** Runs a cycle after the current one; concurrent callers share the next cycle (full if any asked for it). */
  run(full = true): Promise<void> {
    this.wantFull ||= full;
    if (this.waiting) return this.waiting;
    const next = this.chain.then(() => {
      this.waiting = null;
      const asked = this.wantFull;
      this.wantFull = false;
      return this.cycle(asked);
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
    if (delayMs <= 0) return void this.run(false);
    const due = Date.now() + delayMs;
    this.kickDue = this.kickDue === null ? due : Math.min(this.kickDue, due);
    this.schedule(delayMs, false);
  }

  /** A cycle began: its timer and any kick it serves are spent. */
  begin(): void {
    this.clearTimer();
    this.kickDue = null;
  }

  /** The next cycle in `ms` (sooner when a kick is due); `full` false: it comes only to push. */
  schedule(ms: number, full = true): void {
    if (this.kickDue !== null) {
      const kick = Math.max(0, this.kickDue - Date.now());
      if (kick < ms) {
        ms = kick;
        full = false;
      }
    }
    this.clearTimer();
    if (this.stopped) return;
    this.timer = setTimeout(() => void this.run(full), ms);
    this.timer.unref?.();
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}

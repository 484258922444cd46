// The undo window: a reviewer's new action waits a short while in the outbox before it may be pushed,
// so Undo (the toast, Ctrl/Cmd+Z) takes it back before the service ever sees it.
import type { OutboxRow } from './store/queries';

/** Default undo window: 10 seconds. */
export const DEFAULT_UNDO_WINDOW_MS = 10_000;

/** When an entry's undo window ends (it may be pushed from then on). */
export const pushableAt = (e: Pick<OutboxRow, 'createdAt'>, windowMs: number): number => Date.parse(e.createdAt) + windowMs;

/**
 * The entries that may be pushed at `now`: the leading run of `pending` (in outbox order) whose window
 * has ended; the outbox is pushed in order, so one still inside its window holds back those after it.
 * `nextAt` is when the first held-back entry becomes pushable (null: none held back).
 */
export function pushableEntries(pending: readonly OutboxRow[], now: string, windowMs: number): { ready: OutboxRow[]; nextAt: number | null } {
  const t = Date.parse(now);
  const held = pending.findIndex((e) => pushableAt(e, windowMs) > t);
  if (held < 0) return { ready: [...pending], nextAt: null };
  return { ready: pending.slice(0, held), nextAt: pushableAt(pending[held]!, windowMs) };
}

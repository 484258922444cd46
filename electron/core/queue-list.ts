// The queue list on typed input: the due filter resolved to instants in the reviewer's time zone, the
// search split into words, and one query of the local queue table.
import { DateTime } from 'luxon';
import type { z } from 'zod';
import type { MethodOutput, QueueQuery } from '../../shared/contracts';
import { readSettings } from './settings';
import type { Store } from './store/queries';

export function listQueue(store: Store, pinnedServiceUrl: string | null, now: string, q: z.output<typeof QueueQuery>): MethodOutput<'queue.list'> {
  const settings = readSettings(store, pinnedServiceUrl);
  const zone = settings.timeZone ?? 'system';
  const local = DateTime.fromISO(now, { zone });
  const bounds: { dueBefore?: string; dueAfter?: string } =
    q.filter.due === 'overdue'
      ? { dueBefore: now }
      : q.filter.due === 'today'
        ? { dueAfter: now, dueBefore: local.endOf('day').toUTC().toISO()! }
        : q.filter.due === 'this-week'
          ? { dueAfter: now, dueBefore: local.endOf('week').toUTC().toISO()! }
          : {};
  const { items, total, capped, next } = store.listQueue({
    statuses: q.filter.status,
    derivedStates: q.filter.derivedState,
    pendingOnly: q.filter.pendingOnly,
    ...bounds,
    words: q.search.toLowerCase().split(/\s+/).filter(Boolean),
    sort: q.sort,
    limit: q.limit,
    ...(q.after !== undefined ? { after: q.after } : {}),
  });
  return { claims: items, total, capped, next };
}

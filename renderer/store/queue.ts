// Queue slice: the leased batch as the reviewer filters, sorts and searches it, and pulling a new
// batch with its progress. Ordering and filtering are done by the workstation core (queue.list), a
// page at a time: the first page, then the next by its keyset cursor as the list nears its end.
import { QUEUE_PAGE_SIZE, type DecisionKind, type PullProgress, type QueueItem, type QUEUE_SORTS } from '../../shared/contracts';
import type { ClaimStatus, DerivedState } from '../../shared/domain';
import { coalesce } from './coalesce';
import { describeError, invoke } from './services';
import type { SliceContext } from './slice';

export type QueueSort = (typeof QUEUE_SORTS)[number];
export type DueFilter = 'overdue' | 'today' | 'this-week';

export interface QueueFilter {
  status?: ClaimStatus[];
  derivedState?: DerivedState[];
  due?: DueFilter;
  pendingOnly?: boolean;
}

export interface QueueSlice {
  /** The rows listed so far: the first page and those loaded after it. */
  items: QueueItem[];
  /** The cursor of the page after `items` (null: they are the whole queue as filtered). */
  next: string | null;
  total: number;
  /** The count stopped at its cap: there are more than `total`. */
  capped: boolean;
  filter: QueueFilter;
  sort: QueueSort;
  search: string;
  status: 'idle' | 'loading' | 'ready' | 'error';
  error: string | null;
  pulling: boolean;
  progress: PullProgress | null;
  pullError: string | null;
  /** Lists the queue again: one request in flight, one trailing, however many ask meanwhile. */
  refresh(): Promise<void>;
  /** Loads the page after the rows listed (the list scrolled near its end, or moving past the last row). */
  loadMore(): Promise<void>;
  /** The id after `id` in the list as shown, loading the next page first when `id` is its last row. */
  following(id: string | null): Promise<string | null>;
  /** Patches one row from claim.changed (null: it left the queue) without listing again. */
  patchItem(id: string, item: QueueItem | null): void;
  setFilter(change: Partial<QueueFilter>): void;
  setSort(sort: QueueSort): void;
  setSearch(text: string): void;
  /** Pulls the next batch; `offline`: as an offline checkout (holds until a stated end). */
  pullBatch(offline?: boolean): Promise<void>;
  release(): Promise<void>;
  onProgress(progress: PullProgress): void;
  /** The id `delta` places after (or before) `id` in the list as shown; null at either end. */
  neighbour(id: string | null, delta: 1 | -1): string | null;
  /** The claim that opens after a decision on `id` (prefetched while `id` is read). */
  nextToReview(id: string): string | null;
  /** A decision's answer: its row shows the local decision at once (its claim.changed may come later). */
  markDecided(id: string, kind: DecisionKind): void;
}

const SEARCH_DEBOUNCE_MS = 200;

export function createQueueSlice({ patch, get }: SliceContext): QueueSlice {
  let searchTimer: ReturnType<typeof setTimeout> | undefined;

  // Bumped by every re-list: a page asked for before it is dropped (its cursor belongs to an older list).
  let generation = 0;
  let more: Promise<void> | null = null;
  /** The filter, sort or search changed: the next re-list starts again at the first page. */
  let fromTop = false;
  const relist = () => {
    generation++;
    fromTop = true;
    return refresh();
  };
  const query = () => {
    const { filter, sort, search } = get().queue;
    return { filter, sort, search };
  };

  const refresh = coalesce(async () => {
    const mine = ++generation;
    patch('queue', { status: 'loading' });
    try {
      // As many rows as are listed now (the reviewer may have scrolled past the first page), at least a page.
      const limit = fromTop ? QUEUE_PAGE_SIZE : Math.max(QUEUE_PAGE_SIZE, Math.min(get().queue.items.length, 2_000));
      fromTop = false;
      const out = await invoke('queue.list', { ...query(), limit });
      if (mine !== generation) return;
      patch('queue', { items: out.claims, next: out.next, total: out.total, capped: out.capped, status: 'ready', error: null });
    } catch (error) {
      patch('queue', { status: 'error', error: describeError(error) });
    }
  });

  const loadMore = (): Promise<void> => {
    const after = get().queue.next;
    if (!after || get().queue.status !== 'ready') return Promise.resolve();
    more ??= (async () => {
      const mine = generation;
      try {
        const out = await invoke('queue.list', { ...query(), limit: QUEUE_PAGE_SIZE, after });
        if (mine !== generation || get().queue.next !== after) return;
        const have = new Set(get().queue.items.map((i) => i.id));
        patch('queue', (q) => ({ items: [...q.items, ...out.claims.filter((i) => !have.has(i.id))], next: out.next }));
      } catch (error) {
        get().ui.notify('error', describeError(error));
      } finally {
        more = null;
      }
    })();
    return more;
  };

  /** Whether a row still belongs in the list as filtered (sort and search stay as listed until the next list). */
  const fits = (item: QueueItem): boolean => {
    const f = get().queue.filter;
    if (f.status?.length && !f.status.includes(item.status)) return false;
    if (f.derivedState?.length && (item.derivedState === null || !f.derivedState.includes(item.derivedState))) return false;
    if (f.pendingOnly && item.pending === 0) return false;
    return true;
  };

  return {
    items: [],
    next: null,
    total: 0,
    capped: false,
    filter: {},
    sort: 'urgency',
    search: '',
    status: 'idle',
    error: null,
    pulling: false,
    progress: null,
    pullError: null,

    refresh,
    loadMore,

    async following(id) {
      const items = get().queue.items;
      if (id && items.at(-1)?.id === id && get().queue.next) await loadMore();
      return get().queue.neighbour(id, 1);
    },

    patchItem(id, item) {
      const items = get().queue.items;
      const at = items.findIndex((i) => i.id === id);
      if (at === -1) return;
      const next = [...items];
      if (item && fits(item)) next[at] = item;
      else next.splice(at, 1);
      patch('queue', (q) => ({ items: next, total: next.length < items.length && !q.capped ? q.total - 1 : q.total }));
    },

    setFilter(change) {
      const filter = { ...get().queue.filter, ...change };
      for (const k of Object.keys(filter) as (keyof QueueFilter)[]) {
        const v = filter[k];
        if (v === undefined || v === false || (Array.isArray(v) && v.length === 0)) delete filter[k];
      }
      patch('queue', { filter });
      void relist();
    },

    setSort(sort) {
      patch('queue', { sort });
      void relist();
    },

    setSearch(search) {
      patch('queue', { search });
      clearTimeout(searchTimer);
      searchTimer = setTimeout(() => void relist(), SEARCH_DEBOUNCE_MS);
    },

    async pullBatch(offline = false) {
      if (get().queue.pulling) return;
      const size = get().settings.value?.batchSize ?? 25;
      patch('queue', {
        pulling: true,
        pullError: null,
        progress: { phase: 'leasing', claimsDone: 0, claimsTotal: 0, documentsDone: 0, documentsTotal: 0, bytesDone: 0 },
      });
      try {
        const out = await invoke('queue.pull', { size, ...(offline ? { offline: true } : {}) });
        patch('queue', { pulling: false });
        get().ui.notify('success', { key: 'queue.pulled', values: { claims: out.claims, documents: out.documents } });
        await Promise.all([refresh(), get().sync.load(), get().conflicts.load()]);
        const current = get().claim.currentId;
        const first = get().queue.items[0];
        if (first && (!current || !get().queue.items.some((i) => i.id === current))) void get().claim.open(first.id);
        // the claim opened during the pull prefetches its successor now that every document is in
        else if (current) get().claim.prefetch(get().queue.nextToReview(current));
      } catch (error) {
        patch('queue', { pulling: false, pullError: describeError(error) });
        get().ui.notify('error', describeError(error));
      }
    },

    async release() {
      try {
        await invoke('queue.release', {});
        get().claim.close();
        await Promise.all([refresh(), get().sync.load()]);
      } catch (error) {
        get().ui.notify('error', describeError(error));
      }
    },

    onProgress(progress) {
      const before = get().queue.progress?.firstReady;
      patch('queue', { progress });
      // While the pull still downloads, the first claim opens the moment its row and documents are stored.
      const ready = progress.firstReady;
      if (ready && ready !== before && get().queue.pulling && !get().claim.currentId) void get().claim.open(ready);
    },

    nextToReview(id) {
      // Mirrors the workstation's choice after a decision: the most urgent claim still waiting for a
      // reviewer (an open reviewer deadline, from shared/domain) that has no local decision yet.
      const waiting = (i: QueueItem) => i.id !== id && i.localDecision === null && !i.conflict && i.mostUrgent !== null;
      return get().queue.items.find(waiting)?.id ?? null;
    },

    markDecided(id, kind) {
      const item = get().queue.items.find((i) => i.id === id);
      if (item && item.localDecision === null) get().queue.patchItem(id, { ...item, localDecision: kind });
    },

    neighbour(id, delta) {
      const items = get().queue.items;
      if (items.length === 0) return null;
      const at = id ? items.findIndex((i) => i.id === id) : -1;
      if (at === -1) return delta === 1 ? items[0]!.id : null;
      return items[at + delta]?.id ?? null;
    },
  };
}

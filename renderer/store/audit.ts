// Audit slice: the QA lead's sampled decisions and the open audit (shown in the review screen's claim
// and PoE viewer), statistics and CSV exports, and a reviewer's audits of their own decisions. Every
// action goes through the workstation API; nothing about audits is decided here.
import type { AuditListItem, AuditView, MethodInput } from '../../shared/contracts';
import { WorkstationError } from '../../shared/contracts';
import { describeError, invoke } from './services';
import type { SliceContext } from './slice';
import { downloadText } from '../files/download';
import type { AuditSlice } from './audit-types';

export type { AuditSlice, FindingChange, SampleInput, StatsQuery } from './audit-types';

/** When a reviewer's own audits are first read after sign-in (the My audits screen reads them at once). */
const MINE_PRELOAD_DELAY_MS = 10_000;

/** The next sampled decision still to audit after `from` in the list's order, wrapping to the top; null when none is left. */
export function nextToAudit(items: readonly AuditListItem[], from: string | null): string | null {
  const at = items.findIndex((i) => i.claimId === from);
  return [...items.slice(at + 1), ...items.slice(0, at + 1)].find((i) => (i.state === 'open' || i.state === 'draft') && i.claimId !== from)?.claimId ?? null;
}

export function createAuditSlice({ patch, get }: SliceContext): AuditSlice {
  const show = (view: AuditView, resetViewer: boolean) => {
    if (get().audit.currentId !== view.item.claimId) return;
    patch('audit', { view, status: 'ready', error: null });
    // The review screen's claim components and PoE viewer show the claim as the reviewer had it.
    patch('claim', { currentId: view.claim.id, view: { claim: view.claim, server: view.claim, pending: [] }, status: 'ready', error: null });
    if (resetViewer) get().viewer.showDocuments(view.claim.documents);
  };

  let recording: Promise<void> = Promise.resolve();
  const apply = async <M extends 'audit.draft' | 'audit.correct' | 'audit.discard'>(method: M, input: MethodInput<M>) => {
    patch('audit', { saving: true });
    try {
      const view = (await invoke(method, input)) as AuditView;
      const revealed = get().audit.view?.decision === null && view.decision !== null;
      show(view, revealed);
    } catch (error) {
      get().ui.notify('error', describeError(error));
    } finally {
      patch('audit', { saving: false });
    }
  };

  return {
    items: [],
    pending: 0,
    refused: 0,
    blind: true,
    pulling: false,
    lastPull: null,
    currentId: null,
    view: null,
    status: 'idle',
    error: null,
    saving: false,
    reviewers: [],
    defaults: null,
    stats: null,
    statsQuery: {},
    statsStatus: 'idle',
    statsError: null,
    mine: null,
    mineStats: null,
    mineStatus: 'idle',
    mineError: null,
    exporting: null,

    async enter(role) {
      patch('audit', { items: [], currentId: null, view: null, status: 'idle', stats: null, mine: null, mineStats: null, lastPull: null });
      if (role === 'qa_lead') {
        await get().audit.refresh();
        void get().audit.loadReviewers();
        const first = get().audit.items.find((i) => i.state !== 'audited') ?? get().audit.items[0];
        if (first && !get().audit.currentId) void get().audit.open(first.claimId);
      }
      // Kept for offline reading, but after the first claim: it asks the service for statistics.
      if (role === 'reviewer')
        setTimeout(() => get().session.user?.role === 'reviewer' && !get().audit.mine && void get().audit.loadMine(), MINE_PRELOAD_DELAY_MS);
    },

    async refresh() {
      try {
        const out = await invoke('audit.list', { blind: get().audit.blind });
        patch('audit', { items: out.items, pending: out.pending, refused: out.refused });
      } catch (error) {
        if (!(error instanceof WorkstationError && error.problem.status === 403)) get().ui.notify('error', describeError(error));
      }
    },

    async loadReviewers() {
      try {
        const out = await invoke('audit.reviewers', {});
        patch('audit', { reviewers: out.reviewers, defaults: out.defaults });
      } catch {
        // offline: the sample form offers no reviewer list until the service is back
      }
    },

    async setReviewer(reviewerId, change) {
      try {
        const profile = await invoke('audit.setReviewer', { reviewerId, ...change });
        patch('audit', (a) => ({ reviewers: a.reviewers.map((r) => (r.reviewer.id === reviewerId ? profile : r)) }));
        get().ui.notify('success', { key: 'audit:rates.saved' as never, values: { reviewer: profile.reviewer.name } });
      } catch (error) {
        get().ui.notify('error', describeError(error));
      }
    },

    async pull(spec) {
      patch('audit', { pulling: true });
      try {
        const lastPull = await invoke('audit.pull', spec);
        patch('audit', { lastPull });
        get().ui.notify('success', {
          key: 'audit:pull.pulled' as never,
          values: { drawn: lastPull.drawn, population: lastPull.population, items: lastPull.items, documents: lastPull.documents },
        });
        await get().audit.refresh();
        const next = get().audit.items.find((i) => i.state === 'open' || i.state === 'draft');
        if (next && (!get().audit.currentId || get().audit.view?.item.state === 'audited')) await get().audit.open(next.claimId);
        return true;
      } catch (error) {
        get().ui.notify('error', describeError(error));
        return false;
      } finally {
        patch('audit', { pulling: false });
      }
    },

    setBlind(blind) {
      patch('audit', { blind });
      void get().audit.refresh();
    },

    async open(claimId) {
      const previous = get().audit.currentId;
      patch('audit', { currentId: claimId, status: get().audit.view?.item.claimId === claimId ? 'ready' : 'loading', error: null });
      try {
        const view = await invoke('audit.get', { claimId, blind: get().audit.blind });
        show(view, previous !== claimId || get().viewer.documents.length !== view.claim.documents.length);
        void get().audit.refresh();
      } catch (error) {
        if (get().audit.currentId === claimId) patch('audit', { status: 'error', error: describeError(error), view: null });
      }
    },

    record(changes) {
      const run = async () => {
        const id = get().audit.currentId;
        const view = get().audit.view;
        if (!id || view?.item.claimId !== id) return;
        const findings = typeof changes === 'function' ? changes(view) : changes;
        if (findings.length > 0) await apply('audit.draft', { claimId: id, findings });
      };
      recording = recording.then(run, run);
      return recording;
    },
    recordProduct(productId, verdict) {
      const run = async () => {
        const id = get().audit.currentId;
        if (!id || get().audit.view?.item.claimId !== id) return;
        await apply('audit.draft', { claimId: id, findings: [], products: [{ productId, verdict }] });
      };
      recording = recording.then(run, run);
      return recording;
    },

    async submit() {
      const id = get().audit.currentId;
      if (!id) return;
      patch('audit', { saving: true });
      try {
        const out = await invoke('audit.submit', { claimId: id });
        show(out.view, false);
        get().ui.notify('success', { key: 'audit:records.submittedNotice' as never });
        await get().audit.refresh();
        // On to the next decision still to audit (after this one in the list, else from the top).
        const next = nextToAudit(get().audit.items, id);
        if (next && get().audit.currentId === id) await get().audit.open(next);
      } catch (error) {
        get().ui.notify('error', describeError(error));
      } finally {
        patch('audit', { saving: false });
      }
    },

    async correct() {
      const id = get().audit.currentId;
      if (id) await apply('audit.correct', { claimId: id });
    },

    async discard() {
      const id = get().audit.currentId;
      if (id) await apply('audit.discard', { claimId: id });
    },

    async loadStats(query) {
      const q = query ?? get().audit.statsQuery;
      patch('audit', { statsQuery: q, statsStatus: 'loading', statsError: null });
      try {
        const stats = await invoke('audit.stats', q);
        patch('audit', { stats, statsStatus: 'ready' });
      } catch (error) {
        patch('audit', { statsStatus: 'error', statsError: describeError(error) });
      }
    },

    async exportCsv(kind, query) {
      patch('audit', { exporting: kind });
      try {
        const out = await invoke('audit.export', { kind, ...(query ?? get().audit.statsQuery) });
        if (out.savedTo === undefined) {
          downloadText(out.fileName, out.csv, 'text/csv;charset=utf-8');
          get().ui.notify('success', { key: 'audit:export.downloaded' as never, values: { file: out.fileName } });
        } else if (out.savedTo === null) get().ui.notify('info', { key: 'audit:export.cancelled' as never });
        else get().ui.notify('success', { key: 'audit:export.saved' as never, values: { file: out.savedTo } });
      } catch (error) {
        get().ui.notify('error', describeError(error));
      } finally {
        patch('audit', { exporting: null });
      }
    },

    async loadMine() {
      patch('audit', { mineStatus: 'loading', mineError: null });
      try {
        const [mine, stats] = await Promise.all([invoke('audit.mine', {}), invoke('audit.stats', {}).catch(() => null)]);
        patch('audit', { mine, mineStats: stats?.stats ?? null, mineStatus: 'ready' });
      } catch (error) {
        patch('audit', { mineStatus: 'error', mineError: describeError(error) });
      }
    },

    onChanged(claimIds) {
      if (get().session.user?.role !== 'qa_lead') return;
      void get().audit.refresh();
      const id = get().audit.currentId;
      if (id && claimIds.includes(id) && !get().audit.saving) {
        invoke('audit.get', { claimId: id, blind: get().audit.blind }).then(
          (view) => show(view, false),
          () => undefined,
        );
      }
    },
  };
}

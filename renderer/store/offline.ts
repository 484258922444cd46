// Offline-work slice: the undo offer for the latest action (inside its undo window), the one open
// confirmation (guardrails before approve, release and sign-out), and the notice that the lease ended.
import type { Claim, MutationKind, OutboxEntry, SyncStatus } from '../../shared/contracts';
import { newerPoe, poeDate } from '../../shared/domain';
import { useAssist } from '../assist/assist-store';
import { i18n } from '../i18n';
import { reviewerCalendar } from '../review/calendar';
import { ownPoe } from '../review/poe-date';
import type { SliceContext } from './slice';

export interface UndoOffer {
  entryId: string;
  claimId: string;
  kind: MutationKind;
  /** Epoch ms when the action leaves its undo window and may be pushed. */
  pushableAt: number;
}

export interface Confirmation {
  title: string;
  lines: string[];
  confirm: string;
  danger?: boolean;
}

export interface OfflineSlice {
  undo: UndoOffer | null;
  confirmation: Confirmation | null;
  /** When the lease this workstation held ended without the reviewer releasing it (ISO), else null. */
  leaseEndedAt: string | null;
  offerUndo(entry: OutboxEntry): void;
  clearUndo(): void;
  ask(c: Confirmation): Promise<boolean>;
  answer(ok: boolean): void;
  /** Guardrails before a decision; true when it may go ahead. */
  /** Approvals: confirms ticked reasons and competing claims, except approved ones the reviewer already chose to supersede. */
  guardDecision(kind: string, claim: Claim, superseding?: readonly string[]): Promise<boolean>;
  /** Guardrails before releasing the batch / signing out with unsynced work. */
  guardRelease(): Promise<boolean>;
  guardSignOut(): Promise<boolean>;
  observe(status: SyncStatus): void;
  dismissLeaseEnded(): void;
}

const t = (key: string, values: Record<string, unknown> = {}): string =>
  String((i18n.t as (k: string, o: object) => string)(key, { ns: 'offline', ...values }));

export function createOfflineSlice({ patch, get }: SliceContext): OfflineSlice {
  let answer: ((ok: boolean) => void) | null = null;
  let lastLease: SyncStatus['lease'] = null;
  let releasing = false;
  return {
    undo: null,
    confirmation: null,
    leaseEndedAt: null,

    offerUndo(entry) {
      const windowMs = get().sync.status?.undoWindowMs ?? 0;
      if (windowMs <= 0) return;
      patch('offline', {
        undo: { entryId: entry.id, claimId: entry.claimId, kind: entry.kind as MutationKind, pushableAt: Date.parse(entry.createdAt) + windowMs },
      });
    },
    clearUndo() {
      patch('offline', { undo: null });
    },

    ask(c) {
      answer?.(false);
      patch('offline', { confirmation: c });
      return new Promise<boolean>((resolve) => {
        answer = resolve;
      });
    },
    answer(ok) {
      const r = answer;
      answer = null;
      patch('offline', { confirmation: null });
      r?.(ok);
    },

    async guardDecision(kind, claim, superseding = []) {
      if (kind !== 'approve') return true;
      const names = new Map(claim.products.map((p) => [p.id, p.name]));
      const ticked = claim.checklist.filter((c) => c.checked);
      if (ticked.length > 0) {
        const lines = ticked.map((c) => `${String(i18n.t(`reason.${c.code}` as never))}${c.productId ? ` — ${names.get(c.productId) ?? c.productId}` : ''}`);
        const ok = await get().offline.ask({
          title: t('confirm.approveTicked.title'),
          lines: [t('confirm.approveTicked.body'), ...lines],
          confirm: t('confirm.approveTicked.confirm'),
        });
        if (!ok) return false;
      }
      // the PoE dates as shared/domain counts them: acknowledgement once PoE assist read it, else upload
      const mine = ownPoe(claim, useAssist.getState().results[claim.id]);
      const zone = reviewerCalendar(get().settings.value, get().session.calendar).timeZone;
      const competing = claim.competing.filter(
        (c) => (c.status === 'approved' && !superseding.includes(c.id)) || (c.status !== 'approved' && newerPoe(c, mine, zone)),
      );
      if (competing.length === 0) return true;
      const lines = competing.map((c) =>
        c.status === 'approved'
          ? t('confirm.approveCompeting.approved', { partner: c.partner.name, claim: c.id })
          : t('confirm.approveCompeting.newerPoe', { partner: c.partner.name, claim: c.id, when: poeDateWords(c) }),
      );
      return get().offline.ask({ title: t('confirm.approveCompeting.title'), lines, confirm: t('confirm.approveCompeting.confirm') });
    },

    async guardRelease() {
      const pending = get().sync.status?.pending ?? 0;
      const lines = [t('confirm.release.body'), ...(pending > 0 ? [t('confirm.release.pending', { count: pending })] : [])];
      const ok = await get().offline.ask({ title: t('confirm.release.title'), lines, confirm: t('confirm.release.confirm'), danger: true });
      releasing = ok;
      return ok;
    },

    async guardSignOut() {
      const s = get().sync.status;
      const pending = s?.pending ?? 0;
      const conflicts = s?.conflicts ?? 0;
      releasing = true;
      if (pending === 0 && conflicts === 0) return true;
      const lines = [
        ...(pending > 0 ? [t('confirm.signOut.pending', { count: pending })] : []),
        ...(conflicts > 0 ? [t('confirm.signOut.conflicts', { count: conflicts })] : []),
      ];
      releasing = await get().offline.ask({ title: t('confirm.signOut.title'), lines, confirm: t('confirm.signOut.confirm'), danger: true });
      return releasing;
    },

    observe(status) {
      const before = lastLease;
      lastLease = status.lease;
      if (before && !status.lease && !releasing) patch('offline', { leaseEndedAt: before.expiresAt });
      if (status.lease) {
        releasing = false;
        if (get().offline.leaseEndedAt) patch('offline', { leaseEndedAt: null });
      }
      if (!status.lease && before) releasing = false;
    },
    dismissLeaseEnded() {
      patch('offline', { leaseEndedAt: null });
    },
  };
}

/** "acknowledged 2026-03-04" or "uploaded …": which PoE date counted (shared/domain's poeDate). */
function poeDateWords(c: Claim['competing'][number]): string {
  const d = poeDate(c);
  if (!d) return '—';
  return d.source === 'acknowledged'
    ? i18n.t('competing.acknowledged', { when: d.at })
    : i18n.t('competing.uploaded', { when: new Date(d.at).toLocaleString(i18n.language) });
}

// Actions the service refused, each beside the service's current claim: what the reviewer did (and
// on which version), what happened since, and the explicit choice to re-apply on the new version or
// discard (or, where it can never apply, copy it to a comment). Several can be resolved together.
// Nothing is dropped without the reviewer saying so.
import { useTranslation } from 'react-i18next';
import { PROBLEM_TYPES, type OutboxEntry } from '../../../shared/contracts';
import { useFormat } from '../../i18n/format';
import { describeHistory } from '../../review/describe-history';
import { useStore } from '../../store';
import type { ConflictItem } from '../../store/conflicts';
import { StatusBadge } from '../common/Badges';
import '../../styles/offline.css';

/** A translate function typed loosely: these keys are built from kinds, codes and statuses (typed keys over every namespace are too deep for tsc). */
type TFn = (key: string, options?: Record<string, unknown>) => string;
const DID = new Set(['approved', 'rejected', 'info-requested', 'comment', 'checklist']);

/** One sentence in the reviewer's language saying what really happened on the service. */
function truthOf(to: TFn, t: TFn, f: ReturnType<typeof useFormat>, item: ConflictItem, me: string | undefined): string | null {
  const { entry, server } = item;
  if (!server) return null;
  const others = server.history.filter((h) => h.seq > entry.baseVersion && h.actor.id !== me && h.kind !== 'review-started');
  const last = [...others].reverse().find((h) => DID.has(h.kind)) ?? others.at(-1);
  if (last) {
    const action = to(`conflict.did.${DID.has(last.kind) ? last.kind : 'other'}`);
    return to('conflict.decidedBy', { name: last.actor.name, action, when: f.dateTime(last.at) });
  }
  if (server.lease && server.lease.reviewerId !== me) return to('conflict.heldBy');
  if (item.canReapply === false) return to('conflict.cannotApply', { status: t(`status.${server.status}`) });
  if (entry.problem?.type === PROBLEM_TYPES.notLeased) return to('conflict.leaseLapsed');
  return to('conflict.notAllowed');
}

/** The reviewer's action as text to paste into a comment. */
const asComment = (t: TFn, entry: OutboxEntry): string => [t(`mutation.${entry.kind}`), ...payloadLines(t, entry)].join('\n');

function payloadLines(t: TFn, entry: OutboxEntry): string[] {
  const p = entry.payload as Record<string, unknown>;
  const lines: string[] = [];
  if (typeof p.reason === 'string') lines.push(t('conflicts.reason', { reason: t(`rejection.${p.reason}`) }));
  if (typeof p.code === 'string') lines.push(`${t(`reason.${p.code}`)}${p.checked === false ? ` — ${t('conflicts.cleared')}` : ''}`);
  if (Array.isArray(p.reasons)) lines.push(p.reasons.map((r: { code: string }) => t(`reason.${r.code}`)).join(', '));
  if (typeof p.outcome === 'string') lines.push(t(`dispute.${p.outcome}`));
  if (typeof p.message === 'string' && p.message) lines.push(`“${p.message}”`);
  if (typeof p.text === 'string') lines.push(`“${p.text}”`);
  return lines;
}

function ConflictCard({ item }: { item: ConflictItem }) {
  const { t } = useTranslation();
  const tl = t as unknown as TFn;
  const { t: to } = useTranslation('offline');
  const f = useFormat();
  const me = useStore((s) => s.session.user?.id);
  const notify = useStore((s) => s.ui.notify);
  const confirming = useStore((s) => s.conflicts.confirmingDiscard === item.entry.id);
  const resolving = useStore((s) => s.conflicts.resolving === item.entry.id);
  const askDiscard = useStore((s) => s.conflicts.askDiscard);
  const resolve = useStore((s) => s.conflicts.resolve);
  const pull = useStore((s) => s.queue.pullBatch);
  const pulling = useStore((s) => s.queue.pulling);
  const { entry, server } = item;
  const canReapply = item.canReapply !== false;
  const truth = truthOf(to as unknown as TFn, tl, f, item, me);
  const leaseLost = entry.problem?.type === PROBLEM_TYPES.notLeased && canReapply && !truth?.length;
  const since = server ? server.history.filter((h) => h.seq > entry.baseVersion) : [];
  const titleId = `conflict-${entry.id}`;
  return (
    <article className="conflict-card" aria-labelledby={titleId}>
      <div className="conflict-side mine">
        <h3 id={titleId} className="section-title">
          {t('conflicts.yourAction')}
        </h3>
        <p className="row-line">
          <span className="strong">{tl(`mutation.${entry.kind}`)}</span>
          <span className="muted">{t('conflicts.onClaim', { claim: entry.claimId })}</span>
          <span className={`badge state-${entry.state}`}>{t(`conflicts.state.${entry.state}`)}</span>
        </p>
        <p className="small muted">{t('conflicts.basedOn', { version: entry.baseVersion, when: f.dateTime(entry.createdAt) })}</p>
        {payloadLines(tl, entry).map((l, i) => (
          <p key={i} className="quote small">
            {l}
          </p>
        ))}
        {truth ? (
          <p className="form-error small conflict-truth" data-testid="conflict-truth">
            {truth}
          </p>
        ) : null}
        {leaseLost ? (
          <div className="hint small row-line">
            <span>{t('conflicts.leaseLost')}</span>
            <span className="spacer" />
            <button type="button" className="secondary-button" onClick={() => void pull()} disabled={pulling}>
              {t('conflicts.pullAgain')}
            </button>
          </div>
        ) : null}
      </div>
      <div className="conflict-side theirs">
        <h4 className="section-title">{t('conflicts.serviceNow')}</h4>
        {server ? (
          <>
            <p className="row-line">
              <StatusBadge status={server.status} derived={server.derivedState} />
              <span className="small muted">{t('conflicts.version', { version: server.version })}</span>
            </p>
            <p className="small">{t('conflicts.since', { count: since.length })}</p>
            <ol className="history compact">
              {since.map((h) => {
                const d = describeHistory(t, h, server.products);
                return (
                  <li key={h.seq} className="small">
                    <span className="strong">{d.summary}</span>{' '}
                    <span className="muted">
                      — {h.actor.name} ({t(`role.${h.actor.role}`)}), {f.dateTime(h.at)}
                    </span>
                  </li>
                );
              })}
            </ol>
          </>
        ) : (
          <p className="small muted">{t('conflicts.noServerClaim')}</p>
        )}
      </div>
      <div className="conflict-actions">
        {canReapply ? (
          <button type="button" className="primary-button" disabled={resolving} onClick={() => void resolve(entry.id, 'reapply')}>
            {t('conflicts.reapply', { version: server?.version ?? entry.baseVersion })}
          </button>
        ) : (
          <button
            type="button"
            className="secondary-button"
            onClick={() =>
              void navigator.clipboard.writeText(asComment(tl, entry)).then(
                () => notify('info', to('conflict.copied')),
                () => notify('error', asComment(tl, entry)),
              )
            }
          >
            {to('conflict.copy')}
          </button>
        )}
        {confirming ? (
          <>
            <button type="button" className="danger-button" disabled={resolving} onClick={() => void resolve(entry.id, 'discard')}>
              {t('conflicts.confirmDiscard')}
            </button>
            <button type="button" className="secondary-button" onClick={() => askDiscard(null)}>
              {t('conflicts.keep')}
            </button>
          </>
        ) : (
          <button type="button" className="secondary-button" disabled={resolving} onClick={() => askDiscard(entry.id)}>
            {t('conflicts.discard')}
          </button>
        )}
      </div>
    </article>
  );
}

export function ConflictsView() {
  const { t } = useTranslation();
  const { t: to } = useTranslation('offline');
  const resolveAll = useStore((s) => s.conflicts.resolveAll);
  const busy = useStore((s) => s.conflicts.resolving !== null);
  const items = useStore((s) => s.conflicts.items);
  const status = useStore((s) => s.conflicts.status);
  const error = useStore((s) => s.conflicts.error);
  return (
    <section className="page-view" aria-labelledby="conflicts-title">
      <header className="page-header">
        <h2 id="conflicts-title">{t('conflicts.title')}</h2>
        <p className="muted">{t('conflicts.intro')}</p>
      </header>
      {error ? <p className="form-error">{error}</p> : null}
      {items.length === 0 ? (
        <p className="empty-state">{status === 'loading' ? t('common.loading') : t('conflicts.none')}</p>
      ) : (
        <div className="conflict-list">
          {items.length > 1 ? (
            <div className="conflict-bulk">
              <button
                type="button"
                className="secondary-button"
                disabled={busy || !items.some((i) => i.canReapply !== false)}
                onClick={() => void resolveAll('reapply')}
              >
                {to('conflict.reapplyAll')}
              </button>
              <button type="button" className="danger-button" disabled={busy} onClick={() => void resolveAll('discard')}>
                {to('conflict.discardAll')}
              </button>
            </div>
          ) : null}
          {items.map((item) => (
            <ConflictCard key={item.entry.id} item={item} />
          ))}
        </div>
      )}
    </section>
  );
}

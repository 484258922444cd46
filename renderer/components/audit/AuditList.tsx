// The sampled decisions on this workstation: what to audit next, what waits to sync, what the service
// refused, and what is done (with overturned decisions marked). The decision stays hidden in blind mode.
import { memo, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditListItem } from '../../../shared/contracts';
import { useFormat } from '../../i18n/format';
import { useStore } from '../../store';

const AuditRow = memo(function AuditRow({ item }: { item: AuditListItem }) {
  const { t } = useTranslation('audit');
  const f = useFormat();
  const selected = useStore((s) => s.audit.currentId === item.claimId);
  const open = useStore((s) => s.audit.open);
  return (
    <button
      type="button"
      className={`queue-row audit-row${selected ? ' selected' : ''}`}
      aria-current={selected ? 'true' : undefined}
      onClick={() => void open(item.claimId)}
      data-claim-id={item.claimId}
    >
      <span className="row-line">
        <span className="claim-id">{item.claimId}</span>
        <span className="spacer" />
        <span className={`badge audit-state state-${item.state}`}>{t(`state.${item.state}`)}</span>
      </span>
      <span className="row-line">
        <span className="strong truncate">{item.partnerName}</span>
      </span>
      <span className="row-line muted truncate">{item.customerName}</span>
      <span className="row-line small">
        {item.decisionKind ? (
          <span className={`badge decision-kind kind-${item.decisionKind}`}>{t(`kind.${item.decisionKind}`)}</span>
        ) : (
          <span className="badge decision-kind hidden-kind">{t('list.hidden')}</span>
        )}
        {item.overturned ? <span className="marker conflict">{t('list.overturned')}</span> : null}
        <span className="spacer" />
      </span>
      <span className="row-line small muted truncate">{t('list.by', { reviewer: item.reviewer.name, when: f.date(item.decidedAt) })}</span>
    </button>
  );
});

/** Arrow keys move between the rows, as in the review queue. */
function moveFocus(e: KeyboardEvent<HTMLUListElement>): void {
  if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
  const buttons = [...e.currentTarget.querySelectorAll<HTMLButtonElement>('button.audit-row')];
  const next = buttons[buttons.indexOf(document.activeElement as HTMLButtonElement) + (e.key === 'ArrowDown' ? 1 : -1)];
  if (next) {
    e.preventDefault();
    next.focus();
  }
}

export function AuditList() {
  const { t } = useTranslation('audit');
  const items = useStore((s) => s.audit.items);
  const pending = useStore((s) => s.audit.pending);
  const refused = useStore((s) => s.audit.refused);
  return (
    <section className="audit-list-section" aria-labelledby="audit-list-title">
      <div className="panel-header">
        <h2 id="audit-list-title" className="section-title">
          {t('list.title')}
        </h2>
        <span className="small muted">{items.length}</span>
      </div>
      {pending > 0 || refused > 0 ? (
        <p className="row-line small audit-counts">
          {pending > 0 ? (
            <span className="marker pending" data-testid="audit-pending">
              {t('list.pending', { count: pending })}
            </span>
          ) : null}
          {refused > 0 ? <span className="marker conflict">{t('list.refused', { count: refused })}</span> : null}
        </p>
      ) : null}
      {items.length === 0 ? (
        <p className="empty-state">{t('list.empty')}</p>
      ) : (
        <ul className="queue-list audit-list" aria-label={t('list.label')} onKeyDown={moveFocus}>
          {items.map((i) => (
            <li key={i.claimId}>
              <AuditRow item={i} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

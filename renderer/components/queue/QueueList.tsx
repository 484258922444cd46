// The claims of the batch as a list; the open one is marked. Arrow keys move between rows.
import type { KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from '../../store';
import { QueueRow } from './QueueRow';

export function QueueList() {
  const { t } = useTranslation();
  const items = useStore((s) => s.queue.items);
  const status = useStore((s) => s.queue.status);
  const error = useStore((s) => s.queue.error);

  const onKeyDown = (e: KeyboardEvent<HTMLUListElement>) => {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    const buttons = [...e.currentTarget.querySelectorAll<HTMLButtonElement>('button.queue-row')];
    const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
    const next = buttons[at + (e.key === 'ArrowDown' ? 1 : -1)];
    if (next) {
      e.preventDefault();
      next.focus();
    }
  };

  if (error) return <p className="form-error">{error}</p>;
  if (items.length === 0)
    return <p className="empty-state">{status === 'loading' ? t('common.loading') : t('queue.empty')}</p>;
  return (
    <ul className="queue-list" aria-label={t('queue.listLabel')} onKeyDown={onKeyDown}>
      {items.map((item) => (
        <li key={item.id}>
          <QueueRow item={item} />
        </li>
      ))}
    </ul>
  );
}

// The claim's checklist, comments, history and competing claims, one tab each (arrow keys move).
import type { KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from '../../store';
import type { ClaimTab } from '../../store/ui';
import { ChecklistPanel } from '../review/ChecklistPanel';
import { CommentsThread } from '../review/CommentsThread';
import { CompetingClaims } from './CompetingClaims';
import { HistoryList } from './HistoryList';

const TABS: ClaimTab[] = ['checklist', 'comments', 'history', 'competing'];

export function ClaimTabs() {
  const { t } = useTranslation();
  const tab = useStore((s) => s.ui.claimTab);
  const setTab = useStore((s) => s.ui.setClaimTab);
  const counts = useStore((s) => {
    const c = s.claim.view?.claim;
    return `${c?.comments.length ?? 0}|${c?.history.length ?? 0}|${c?.competing.length ?? 0}`;
  });
  const [comments, history, competing] = counts.split('|').map(Number);
  const label: Record<ClaimTab, string> = {
    checklist: t('claim.tabs.checklist'),
    comments: t('claim.tabs.comments', { count: comments }),
    history: t('claim.tabs.history', { count: history }),
    competing: t('claim.tabs.competing', { count: competing }),
  };

  const onKeyDown = (e: KeyboardEvent) => {
    const delta = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
    if (!delta) return;
    e.preventDefault();
    const next = TABS[(TABS.indexOf(tab) + delta + TABS.length) % TABS.length]!;
    setTab(next);
    document.getElementById(`claim-tab-${next}`)?.focus();
  };

  return (
    <div className="claim-tabs">
      <div className="tab-strip" role="tablist" aria-label={t('claim.tabsLabel')} onKeyDown={onKeyDown}>
        {TABS.map((id) => (
          <button
            key={id}
            id={`claim-tab-${id}`}
            type="button"
            role="tab"
            aria-selected={tab === id}
            aria-controls={`claim-tabpanel-${id}`}
            tabIndex={tab === id ? 0 : -1}
            className={`tab${tab === id ? ' active' : ''}${id === 'competing' && competing ? ' attention' : ''}`}
            onClick={() => setTab(id)}
          >
            {label[id]}
          </button>
        ))}
      </div>
      <div id={`claim-tabpanel-${tab}`} role="tabpanel" aria-labelledby={`claim-tab-${tab}`} className="tab-panel">
        {tab === 'checklist' ? <ChecklistPanel /> : null}
        {tab === 'comments' ? <CommentsThread /> : null}
        {tab === 'history' ? <HistoryList /> : null}
        {tab === 'competing' ? <CompetingClaims /> : null}
      </div>
    </div>
  );
}

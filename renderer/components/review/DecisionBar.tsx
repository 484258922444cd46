// The decisions at the bottom of the claim: approve, request information, reject, resolve an open
// dispute (uphold or overturn), or comment only. Each is enabled only where shared/domain allows it.
import { useTranslation } from 'react-i18next';
import type { ShortcutAction } from '../../../shared/contracts';
import type { ActionCheck } from '../../../shared/domain';
import { useShortcut } from '../../shortcuts/useShortcut';
import { useStore } from '../../store';
import { NOT_LEASED } from '../../review/permissions';
import { usePermissions } from '../claim/usePermissions';
import { Kbd } from '../common/Kbd';
import { DecisionComposer } from './DecisionComposer';

function DecideButton({
  check,
  shortcut,
  className,
  onClick,
  children,
}: {
  check: ActionCheck;
  shortcut: ShortcutAction | null;
  className: string;
  onClick: () => void;
  children: React.ReactNode;
}) {
  const combo = useShortcut(shortcut);
  return (
    <button
      type="button"
      className={`decide-button ${className}`}
      disabled={!check.ok}
      onClick={onClick}
      aria-keyshortcuts={combo || undefined}
      title={check.ok ? undefined : check.reason}
    >
      {children}
      <Kbd combo={combo} />
    </button>
  );
}

export function DecisionBar() {
  const { t } = useTranslation();
  const composer = useStore((s) => s.review.composer !== null);
  const disputeOpen = useStore((s) => Boolean(s.claim.view?.claim.dispute && !s.claim.view.claim.dispute.resolvedAt));
  const status = useStore((s) => s.claim.view?.claim.status);
  const open = useStore((s) => s.review.openComposer);
  const setTab = useStore((s) => s.ui.setClaimTab);
  const focus = useStore((s) => s.ui.focus);
  const perms = usePermissions();
  if (composer) return <DecisionComposer />;
  const decisions = [perms.approve, perms['request-info'], perms.reject, perms['resolve-dispute']];
  const blocked = decisions.every((c) => !c.ok) ? (perms.approve.ok ? null : perms.approve.reason) : null;
  return (
    <div className="decision-bar" role="group" aria-label={t('decide.label')}>
      <div className="decision-buttons">
        <DecideButton check={perms.approve} shortcut="approve" className="approve" onClick={() => open('approve')}>
          {t('decide.approve')}
        </DecideButton>
        <DecideButton check={perms['request-info']} shortcut="request-info" className="request-info" onClick={() => open('request-info')}>
          {t('decide.requestInfo')}
        </DecideButton>
        <DecideButton check={perms.reject} shortcut="reject" className="reject" onClick={() => open('reject')}>
          {t('decide.reject')}
        </DecideButton>
        {disputeOpen ? (
          <>
            <DecideButton check={perms['resolve-dispute']} shortcut={null} className="uphold" onClick={() => open('resolve-dispute', { outcome: 'uphold' })}>
              {t('decide.uphold')}
            </DecideButton>
            <DecideButton
              check={perms['resolve-dispute']}
              shortcut={null}
              className="overturn"
              onClick={() => open('resolve-dispute', { outcome: 'overturn' })}
            >
              {t('decide.overturn')}
            </DecideButton>
          </>
        ) : null}
        <DecideButton
          check={perms.comment}
          shortcut="comment"
          className="comment"
          onClick={() => {
            setTab('comments');
            focus('comment-box');
          }}
        >
          {t('decide.commentOnly')}
        </DecideButton>
      </div>
      {blocked && blocked !== NOT_LEASED && status ? (
        <p className="hint small" title={blocked}>
          {t('decide.noDecision', { status: t(`status.${status}`) })}
        </p>
      ) : null}
    </div>
  );
}

// What each shortcut does: one store action per SHORTCUT_ACTION. Actions the open claim does not
// allow (per shared/domain) explain themselves instead of acting. The audit screen gives the review
// keys their audit meanings (audit-dispatch.ts); the PoE viewer's keys work on both.
import type { ShortcutAction } from '../../shared/contracts';
import { useStore } from '../store';
import { allowedNow, notifyNotAllowed } from '../store/review';
import type { AppState } from '../store/slice';
import { runAuditShortcut } from './audit-dispatch';
import { reasonOfShortcut } from './keymap';

/** Runs a shortcut's action; returns false when it does not apply on the current screen. */
export function runShortcut(action: ShortcutAction): boolean {
  const s = useStore.getState();
  if (action === 'help') {
    s.ui.setHelp(!s.ui.helpOpen);
    return true;
  }
  if (action === 'sync') {
    void s.sync.run();
    return true;
  }
  if (action === 'undo') {
    void s.review.undo();
    return true;
  }
  if (s.ui.view === 'audit') return runViewerShortcut(s, action) || runAuditShortcut(s, action);
  if (s.ui.view !== 'review') return false;
  if (runViewerShortcut(s, action)) return true;
  const code = reasonOfShortcut(action);
  if (code) {
    s.ui.setClaimTab('checklist');
    void s.review.toggleReason(code, null);
    return true;
  }
  switch (action) {
    case 'next-claim':
      void s.claim.openNext();
      return true;
    case 'previous-claim':
      void s.claim.openPrevious();
      return true;
    case 'approve':
      s.review.openComposer('approve');
      return true;
    case 'request-info':
      s.review.openComposer('request-info');
      return true;
    case 'reject':
      s.review.openComposer('reject');
      return true;
    case 'comment': {
      if (!allowedNow(s, 'comment').ok) {
        notifyNotAllowed(s, 'comment');
        return true;
      }
      s.ui.setClaimTab('comments');
      s.ui.focus('comment-box');
      return true;
    }
    default:
      return false;
  }
}

/** The PoE viewer's keys, the same on the review and the audit screen. */
function runViewerShortcut(s: AppState, action: ShortcutAction): boolean {
  switch (action) {
    case 'next-page':
      s.viewer.nextPage();
      return true;
    case 'previous-page':
      s.viewer.previousPage();
      return true;
    case 'zoom-in':
      s.viewer.zoomIn();
      return true;
    case 'zoom-out':
      s.viewer.zoomOut();
      return true;
    case 'fit-width':
      s.viewer.setZoom('fit-width');
      return true;
    case 'search':
      s.ui.focus('viewer-search');
      return true;
    default:
      return false;
  }
}

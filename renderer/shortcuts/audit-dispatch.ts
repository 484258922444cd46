// What the review shortcuts do on the QA lead's audit screen: J/K move between sampled decisions, A/R/X
// record the QA lead's own answer on the decision, 1–5 their own answer on a checklist reason, G/D agree
// or disagree on the focused finding (else the first without a verdict), Ctrl+Enter submits. Verdicts
// stay closed in a blind audit until every own answer is in, as in the form; the core enforces it too.
import { answersFor, type DecisionAnswer } from '../../shared/domain';
import type { AuditView, ShortcutAction } from '../../shared/contracts';
import type { AppState } from '../store/slice';
import { reasonOfShortcut } from './keymap';

type Notify = AppState['ui']['notify'];
const info = (notify: Notify, key: string) => notify('info', { key: key as never });

/** The QA lead's own answer on the decision that a review key stands for (a dispute: approve = overturn, reject = uphold). */
function decisionAnswer(view: AuditView, action: 'approve' | 'request-info' | 'reject'): DecisionAnswer | null {
  const dispute = view.decision ? view.decision.kind === 'resolve-dispute' : view.claim.dispute !== null && view.claim.dispute.resolvedAt === null;
  const wanted: DecisionAnswer | null = dispute ? (action === 'approve' ? 'overturn' : action === 'reject' ? 'uphold' : null) : action;
  const open = answersFor(dispute ? 'resolve-dispute' : 'approve');
  return wanted && open.includes(wanted) ? wanted : null;
}

/** The finding a verdict key applies to: the one holding focus when it has no verdict yet, else the first without one. */
function verdictTarget(view: AuditView): string | null {
  const findings = view.draft?.findings ?? [];
  const focused = document.activeElement?.closest<HTMLElement>('fieldset.finding[data-target]')?.dataset.target;
  const open = (target: string | undefined) => findings.find((f) => f.target === target && f.verdict === null);
  return (open(focused) ?? findings.find((f) => f.verdict === null))?.target ?? null;
}

function move(s: AppState, step: 1 | -1): void {
  const items = s.audit.items;
  const at = items.findIndex((i) => i.claimId === s.audit.currentId);
  const next = items[at === -1 ? 0 : at + step];
  if (next) void s.audit.open(next.claimId);
}

/** Runs an audit-screen shortcut; false when the key means nothing here. */
export function runAuditShortcut(s: AppState, action: ShortcutAction): boolean {
  if (action === 'next-claim' || action === 'previous-claim') {
    move(s, action === 'next-claim' ? 1 : -1);
    return true;
  }
  const view = s.audit.view;
  if (!view?.draft) return false;
  const code = reasonOfShortcut(action);
  if (code) {
    // Toggled from the draft as it stands when this key's turn comes (a key pressed twice quickly counts twice).
    void s.audit.record((v) => [{ target: code, answer: v.draft?.findings.find((f) => f.target === code)?.answer !== true }]);
    return true;
  }
  switch (action) {
    case 'approve':
    case 'request-info':
    case 'reject': {
      const answer = decisionAnswer(view, action);
      if (answer) void s.audit.record([{ target: 'decision', answer }]);
      else info(s.ui.notify, 'audit:keys.noSuchAnswer');
      return true;
    }
    case 'audit-agree':
    case 'audit-disagree': {
      if (view.decision === null) {
        info(s.ui.notify, 'audit:keys.answerFirst');
        return true;
      }
      const verdict = action === 'audit-agree' ? 'agree' : 'disagree';
      if (!verdictTarget(view)) info(s.ui.notify, 'audit:keys.allJudged');
      else
        void s.audit.record((v) => {
          const target = verdictTarget(v);
          return target ? [{ target: target as never, verdict }] : [];
        });
      return true;
    }
    case 'audit-submit': {
      const complete = view.draft.findings.every((f) => f.answer !== null && f.verdict !== null);
      if (complete) void s.audit.submit();
      else info(s.ui.notify, 'audit:findings.incomplete');
      return true;
    }
    default:
      return false;
  }
}

// The shortcuts overlay ("?"): every action with its current keys, grouped as a reviewer uses them
// (and, for QA leads, the audit verdict keys with what the review keys mean on the audit screen).
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { ShortcutAction } from '../../../shared/contracts';
import { effectiveShortcuts } from '../../shortcuts/keymap';
import { useStore } from '../../store';
import { Kbd } from './Kbd';

const GROUPS: { id: 'navigate' | 'document' | 'checklist' | 'decide' | 'audit' | 'other'; actions: ShortcutAction[] }[] = [
  { id: 'navigate', actions: ['next-claim', 'previous-claim'] },
  { id: 'document', actions: ['next-page', 'previous-page', 'zoom-in', 'zoom-out', 'fit-width', 'search'] },
  { id: 'checklist', actions: ['toggle-reason-1', 'toggle-reason-2', 'toggle-reason-3', 'toggle-reason-4', 'toggle-reason-5'] },
  { id: 'decide', actions: ['approve', 'request-info', 'reject', 'comment'] },
  { id: 'audit', actions: ['audit-agree', 'audit-disagree', 'audit-submit'] },
  { id: 'other', actions: ['sync', 'undo', 'help'] },
];

export function ShortcutsHelp() {
  const { t } = useTranslation();
  const open = useStore((s) => s.ui.helpOpen);
  const setHelp = useStore((s) => s.ui.setHelp);
  const custom = useStore((s) => s.settings.value?.shortcuts);
  const ref = useRef<HTMLDialogElement>(null);
  const bindings = effectiveShortcuts(custom);
  // The audit keys are for QA leads; reviewers never see the audit screen.
  const auditor = useStore((s) => s.session.user?.role === 'qa_lead');
  const groups = GROUPS.filter((g) => g.id !== 'audit' || auditor);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  return (
    <dialog ref={ref} className="shortcuts-help" aria-labelledby="shortcuts-title" onClose={() => setHelp(false)}>
      <div className="row-line">
        <h2 id="shortcuts-title">{t('help.title')}</h2>
        <span className="spacer" />
        <button type="button" className="secondary-button" onClick={() => setHelp(false)} autoFocus>
          {t('common.close')}
        </button>
      </div>
      <div className="help-groups">
        {groups.map((g) => (
          <section key={g.id} aria-labelledby={`help-${g.id}`}>
            <h3 id={`help-${g.id}`} className="section-title">
              {t(`help.group.${g.id}`)}
            </h3>
            <dl className="help-list">
              {g.actions.map((a) => (
                <div key={a} className="help-row">
                  <dt>{t(`shortcut.${a}`)}</dt>
                  <dd>
                    <Kbd combo={bindings[a]} />
                    <span className="visually-hidden">{bindings[a]}</span>
                  </dd>
                </div>
              ))}
            </dl>
            {g.id === 'audit' ? <p className="small muted">{t('help.auditKeys')}</p> : null}
          </section>
        ))}
      </div>
      <p className="small muted">{t('help.footer')}</p>
    </dialog>
  );
}

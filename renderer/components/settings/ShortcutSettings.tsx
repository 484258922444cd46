// Rebinding keyboard shortcuts: press "Change", then the new keys (Esc cancels). Only the reviewer's
// differences from the defaults are stored in the profile; clashes are pointed out.
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { SHORTCUT_ACTIONS, type ShortcutAction } from '../../../shared/contracts';
import { DEFAULT_SHORTCUTS, clashes, comboOf, effectiveShortcuts } from '../../shortcuts/keymap';
import { useStore } from '../../store';
import { Kbd } from '../common/Kbd';

export function ShortcutSettings() {
  const { t } = useTranslation();
  const custom = useStore((s) => s.settings.value?.shortcuts);
  const recording = useStore((s) => s.ui.recording);
  const setRecording = useStore((s) => s.ui.setRecording);
  const update = useStore((s) => s.settings.update);
  const bindings = effectiveShortcuts(custom);
  const clashing = clashes(bindings);

  const save = (action: ShortcutAction, combo: string | null) => {
    const next = { ...custom };
    if (combo === null || combo === DEFAULT_SHORTCUTS[action]) delete next[action];
    else next[action] = combo;
    void update({ shortcuts: next });
  };

  useEffect(() => {
    if (!recording) return;
    const onKeyDown = (e: KeyboardEvent) => {
      e.preventDefault();
      e.stopPropagation();
      if (e.key === 'Escape') {
        setRecording(null);
        return;
      }
      const combo = comboOf(e);
      if (!combo) return;
      setRecording(null);
      save(recording, combo);
    };
    window.addEventListener('keydown', onKeyDown, true);
    return () => window.removeEventListener('keydown', onKeyDown, true);
  });

  return (
    <section className="settings-card shortcuts-card" aria-labelledby="settings-shortcuts">
      <div className="row-line">
        <h3 id="settings-shortcuts" className="section-title">
          {t('settings.shortcuts')}
        </h3>
        <span className="spacer" />
        <button
          type="button"
          className="link-button small"
          onClick={() => void update({ shortcuts: {} })}
          disabled={!custom || Object.keys(custom).length === 0}
        >
          {t('settings.resetAll')}
        </button>
      </div>
      <table className="data-table shortcuts-table">
        <thead>
          <tr>
            <th scope="col">{t('settings.action')}</th>
            <th scope="col">{t('settings.keys')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('settings.change')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {SHORTCUT_ACTIONS.map((a) => (
            <tr key={a} className={clashing.has(a) ? 'clash' : undefined}>
              <td>{t(`shortcut.${a}`)}</td>
              <td>
                {recording === a ? <span className="recording">{t('settings.pressKeys')}</span> : <Kbd combo={bindings[a]} />}
                {clashing.has(a) ? <span className="marker conflict">{t('settings.clash')}</span> : null}
              </td>
              <td className="actions">
                <button
                  type="button"
                  className="link-button small"
                  onClick={() => setRecording(recording === a ? null : a)}
                  aria-label={t('settings.changeFor', { action: t(`shortcut.${a}`) })}
                >
                  {recording === a ? t('common.cancel') : t('settings.change')}
                </button>
                {custom?.[a] ? (
                  <button
                    type="button"
                    className="link-button small"
                    onClick={() => save(a, null)}
                    aria-label={t('settings.resetFor', { action: t(`shortcut.${a}`) })}
                  >
                    {t('settings.reset')}
                  </button>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

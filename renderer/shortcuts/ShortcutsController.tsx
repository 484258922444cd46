// Listens for the reviewer's shortcuts on the whole window and runs them, except while typing in a
// field, while a dialog is open, while a shortcut is being recorded in Settings, or before sign-in.
// Cmd+Z works as Ctrl+Z on macOS.
import { useEffect } from 'react';
import { useStore } from '../store';
import { runShortcut } from './dispatch';
import { expectCommentTyping, takeTypeAhead } from './type-ahead';
import { actionFor, comboOf, effectiveShortcuts } from './keymap';

const TEXT_INPUTS = new Set(['text', 'search', 'password', 'number', 'email', 'url', 'tel', 'date', 'time']);

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  return target instanceof HTMLInputElement && TEXT_INPUTS.has(target.type);
}

export function ShortcutsController() {
  const custom = useStore((s) => s.settings.value?.shortcuts);
  const signedIn = useStore((s) => s.session.phase === 'signed-in');

  useEffect(() => {
    if (!signedIn) return;
    const bindings = effectiveShortcuts(custom);
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.isComposing || (e.repeat && !['PageDown', 'PageUp'].includes(e.key))) return;
      if (useStore.getState().ui.recording || isTyping(e.target)) return;
      if (takeTypeAhead(e)) {
        e.preventDefault();
        return;
      }
      if (document.querySelector('dialog[open]')) return;
      const combo = comboOf(e);
      const action = combo && actionFor(combo === 'meta+z' ? 'ctrl+z' : combo, bindings);
      if (action && runShortcut(action)) {
        e.preventDefault();
        if (action === 'comment' && useStore.getState().ui.claimTab === 'comments') expectCommentTyping();
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [custom, signedIn]);

  return null;
}

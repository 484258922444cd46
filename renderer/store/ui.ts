// UI slice: which screen and claim tab are shown, the shortcuts help, the shortcut being recorded,
// short notices (toasts), and moving keyboard focus to a named field after it renders.
import type { ParseKeys } from 'i18next';
import type { ShortcutAction } from '../../shared/contracts';
import type { SliceContext } from './slice';

export type View = 'review' | 'conflicts' | 'settings' | 'audit' | 'audit-stats' | 'my-audits';
export type ClaimTab = 'checklist' | 'comments' | 'history' | 'competing';
export type FocusTarget = 'viewer-search' | 'comment-box' | 'decision-message' | 'queue-search' | 'claim-list';

export interface Notice {
  id: number;
  kind: 'success' | 'error' | 'info';
  text?: string;
  key?: ParseKeys;
  values?: Record<string, string | number>;
}

export interface UiSlice {
  view: View;
  claimTab: ClaimTab;
  helpOpen: boolean;
  recording: ShortcutAction | null;
  notices: Notice[];
  setView(view: View): void;
  setClaimTab(tab: ClaimTab): void;
  setHelp(open: boolean): void;
  setRecording(action: ShortcutAction | null): void;
  notify(kind: Notice['kind'], message: string | { key: ParseKeys; values?: Record<string, string | number> }): void;
  dismiss(id: number): void;
  focus(target: FocusTarget): void;
}

const NOTICE_MS = 5_000;

export function createUiSlice({ patch, get }: SliceContext): UiSlice {
  let seq = 0;
  return {
    view: 'review',
    claimTab: 'checklist',
    helpOpen: false,
    recording: null,
    notices: [],

    setView(view) {
      patch('ui', { view });
      if (view === 'conflicts') void get().conflicts.load();
    },
    setClaimTab(claimTab) {
      patch('ui', { claimTab });
    },
    setHelp(helpOpen) {
      patch('ui', { helpOpen });
    },
    setRecording(recording) {
      patch('ui', { recording });
    },

    notify(kind, message) {
      const id = ++seq;
      const notice: Notice = typeof message === 'string' ? { id, kind, text: message } : { id, kind, key: message.key, values: message.values };
      patch('ui', (u) => ({ notices: [...u.notices.slice(-1), notice] }));
      setTimeout(() => get().ui.dismiss(id), kind === 'error' ? NOTICE_MS * 2 : NOTICE_MS);
    },
    dismiss(id) {
      patch('ui', (u) => ({ notices: u.notices.filter((n) => n.id !== id) }));
    },

    focus(target) {
      // After React has rendered the field (it may just have been opened), move focus to it.
      // The caret goes to the end, after anything typed ahead (see shortcuts/type-ahead.ts).
      requestAnimationFrame(() =>
        requestAnimationFrame(() => {
          const el = document.getElementById(target);
          el?.focus();
          if (el instanceof HTMLTextAreaElement || (el instanceof HTMLInputElement && el.type === 'text'))
            el.setSelectionRange(el.value.length, el.value.length);
        }),
      );
    },
  };
}

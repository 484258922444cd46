// The key combo currently bound to an action (the reviewer's override or the default); '' for none.
import type { ShortcutAction } from '../../shared/contracts';
import { useStore } from '../store';
import { DEFAULT_SHORTCUTS } from './keymap';

export function useShortcut(action: ShortcutAction | null): string {
  return useStore((s) => (action ? (s.settings.value?.shortcuts[action] ?? DEFAULT_SHORTCUTS[action]) : ''));
}

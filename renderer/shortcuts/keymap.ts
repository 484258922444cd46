// Keyboard shortcuts: the default binding of each SHORTCUT_ACTION, the reviewer's overrides from
// Settings, and turning a key event into a comparable combo string ("ctrl+z", "j", "PageDown").
import { SHORTCUT_ACTIONS, type ShortcutAction } from '../../shared/contracts';
import { CHECKLIST_REASONS, type ChecklistReason } from '../../shared/domain';

export const DEFAULT_SHORTCUTS: Record<ShortcutAction, string> = {
  'next-claim': 'j',
  'previous-claim': 'k',
  'next-page': 'PageDown',
  'previous-page': 'PageUp',
  'zoom-in': '+',
  'zoom-out': '-',
  'fit-width': 'w',
  'toggle-reason-1': '1',
  'toggle-reason-2': '2',
  'toggle-reason-3': '3',
  'toggle-reason-4': '4',
  'toggle-reason-5': '5',
  approve: 'a',
  'request-info': 'r',
  reject: 'x',
  comment: 'c',
  search: '/',
  sync: 's',
  undo: 'ctrl+z',
  help: '?',
  'audit-agree': 'g',
  'audit-disagree': 'd',
  'audit-submit': 'ctrl+Enter',
};

const MODIFIER_KEYS = new Set(['Control', 'Alt', 'Shift', 'Meta', 'AltGraph', 'CapsLock', 'Dead', 'Unidentified']);

/** macOS, where Cmd is the primary modifier. */
export const isMacPlatform = (): boolean => typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

/**
 * The combo a key event stands for, or null for a lone modifier. On macOS Cmd reads as "ctrl" (the
 * primary modifier: Cmd+Z undoes, as Ctrl+Z does elsewhere) and the Control key as "control".
 */
export function comboOf(e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'altKey' | 'shiftKey' | 'metaKey'>, mac = isMacPlatform()): string | null {
  if (MODIFIER_KEYS.has(e.key)) return null;
  let key = e.key === ' ' ? 'Space' : e.key;
  const printable = key.length === 1;
  const letter = printable && key.toLowerCase() !== key.toUpperCase();
  if (letter) key = key.toLowerCase();
  const parts: string[] = [];
  if (mac ? e.metaKey : e.ctrlKey) parts.push('ctrl');
  if (e.altKey) parts.push('alt');
  // Shift is part of a symbol already ("?" is shift+/); keep it for letters and named keys only.
  if (e.shiftKey && (letter || !printable)) parts.push('shift');
  if (mac ? e.ctrlKey : e.metaKey) parts.push(mac ? 'control' : 'meta');
  parts.push(key);
  return parts.join('+');
}

/** The checklist reason a "toggle-reason-N" key stands for (the N-th), else null. */
export function reasonOfShortcut(action: ShortcutAction): ChecklistReason | null {
  const n = /^toggle-reason-(\d)$/.exec(action)?.[1];
  return n ? (CHECKLIST_REASONS[Number(n) - 1] ?? null) : null;
}

export function effectiveShortcuts(custom: Partial<Record<ShortcutAction, string>> | undefined): Record<ShortcutAction, string> {
  return { ...DEFAULT_SHORTCUTS, ...custom };
}

export function actionFor(combo: string, bindings: Record<ShortcutAction, string>): ShortcutAction | null {
  return SHORTCUT_ACTIONS.find((a) => bindings[a] === combo) ?? null;
}

/** Actions bound to the same combo as another action. */
export function clashes(bindings: Record<ShortcutAction, string>): Set<ShortcutAction> {
  const seen = new Map<string, ShortcutAction[]>();
  for (const a of SHORTCUT_ACTIONS) seen.set(bindings[a], [...(seen.get(bindings[a]) ?? []), a]);
  return new Set([...seen.values()].filter((as) => as.length > 1).flat());
}

const KEY_NAMES: Record<string, string> = { PageDown: 'PgDn', PageUp: 'PgUp', ArrowDown: '↓', ArrowUp: '↑', ArrowLeft: '←', ArrowRight: '→', Escape: 'Esc' };

/** Key caps for display: "ctrl+z" → ["Ctrl", "Z"] (["⌘", "Z"] on macOS). */
export function keyCaps(combo: string, mac = isMacPlatform()): string[] {
  const parts = combo.split('+');
  // "+" itself splits into empty parts: put it back.
  const keys = parts.length > 1 && parts[parts.length - 1] === '' ? [...parts.slice(0, -2), '+'] : parts;
  const names: Record<string, string> = mac ? { ...KEY_NAMES, ctrl: '⌘', control: '⌃', alt: '⌥', shift: '⇧' } : KEY_NAMES;
  return keys.map((k) => (k.length === 1 ? k.toUpperCase() : (names[k] ?? k.charAt(0).toUpperCase() + k.slice(1))));
}

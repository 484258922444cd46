// The application menu and the text-field context menu, pure: standard roles (so Cmd on macOS and Ctrl
// elsewhere come from Electron), developer tools only in unpackaged builds, spelling suggestions.
import type { MenuItemConstructorOptions } from 'electron';

export interface MenuActions {
  about(): void;
  saveDiagnostics(): void;
}

export function applicationMenu(o: { isMac: boolean; packaged: boolean; appName: string }, actions: MenuActions): MenuItemConstructorOptions[] {
  const about: MenuItemConstructorOptions = { label: `About ${o.appName}`, click: () => actions.about() };
  const view: MenuItemConstructorOptions[] = [
    { role: 'reload' },
    ...(o.packaged ? [] : [{ role: 'forceReload' } as const, { role: 'toggleDevTools' } as const]),
    { type: 'separator' },
    { role: 'resetZoom' },
    { role: 'zoomIn' },
    { role: 'zoomOut' },
    { type: 'separator' },
    { role: 'togglefullscreen' },
  ];
  return [
    ...(o.isMac
      ? [
          {
            label: o.appName,
            submenu: [about, { type: 'separator' }, { role: 'hide' }, { role: 'hideOthers' }, { role: 'unhide' }, { type: 'separator' }, { role: 'quit' }],
          } as MenuItemConstructorOptions,
        ]
      : []),
    { role: 'fileMenu', submenu: [o.isMac ? { role: 'close' } : { role: 'quit' }] },
    { role: 'editMenu' },
    { label: 'View', submenu: view },
    { role: 'windowMenu' },
    {
      role: 'help',
      submenu: [{ label: 'Save diagnostics…', click: () => actions.saveDiagnostics() }, ...(o.isMac ? [] : [{ type: 'separator' } as const, about])],
    },
  ];
}

export interface ContextParams {
  isEditable: boolean;
  selectionText: string;
  misspelledWord: string;
  dictionarySuggestions: string[];
  editFlags: { canCut: boolean; canCopy: boolean; canPaste: boolean; canSelectAll: boolean };
}

/** Cut, copy, paste in text fields (with spelling suggestions), copy on a selection; nothing elsewhere. */
export function contextMenu(p: ContextParams, replace: (word: string) => void, learn: (word: string) => void): MenuItemConstructorOptions[] {
  const items: MenuItemConstructorOptions[] = [];
  if (p.isEditable && p.misspelledWord) {
    for (const word of p.dictionarySuggestions.slice(0, 5)) items.push({ label: word, click: () => replace(word) });
    if (p.dictionarySuggestions.length === 0) items.push({ label: 'No suggestions', enabled: false });
    items.push({ label: 'Add to dictionary', click: () => learn(p.misspelledWord) }, { type: 'separator' });
  }
  if (p.isEditable) {
    items.push(
      { role: 'cut', enabled: p.editFlags.canCut },
      { role: 'copy', enabled: p.editFlags.canCopy },
      { role: 'paste', enabled: p.editFlags.canPaste },
      { type: 'separator' },
      { role: 'selectAll', enabled: p.editFlags.canSelectAll },
    );
  } else if (p.selectionText.trim() !== '') {
    items.push({ role: 'copy' });
  }
  return items;
}

// The desktop conventions' decisions, pure: where the profile lives (the local, non-roaming folder on
// Windows, one for both front-ends), the menus on each platform, window bounds on the displays there are,
// and when a sync notification is due.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../shared/contracts';
import { defaultProfileDir } from '../../electron/core/paths';
import { applicationMenu } from '../../electron/main/menus';
import { syncedWhileAway } from '../../electron/main/notices';
import { restoreWindow, saveWindow } from '../../electron/main/window-state';
import { comboOf, keyCaps } from '../../renderer/shortcuts/keymap';

const platform = Object.getOwnPropertyDescriptor(process, 'platform')!;
afterEach(() => Object.defineProperty(process, 'platform', platform));

describe('the profile folder', () => {
  it('is in the local (non-roaming) application data on Windows, the same for Electron and the browser host', () => {
    Object.defineProperty(process, 'platform', { value: 'win32' });
    const saved = { ...process.env };
    process.env.LOCALAPPDATA = 'C:\\Users\\rev\\AppData\\Local';
    process.env.APPDATA = 'C:\\Users\\rev\\AppData\\Roaming';
    try {
      const dir = defaultProfileDir();
      expect(dir.startsWith('C:\\Users\\rev\\AppData\\Local')).toBe(true);
      expect(dir).not.toContain('Roaming');
    } finally {
      process.env = saved;
    }
  });
});

describe('the application menu', () => {
  const labels = (items: ReturnType<typeof applicationMenu>): string[] =>
    items.flatMap((i) => [String(i.role ?? i.label ?? ''), ...labels((i.submenu as ReturnType<typeof applicationMenu>) ?? [])]);
  const actions = { about: () => undefined, saveDiagnostics: () => undefined };

  it('has developer tools only in an unpackaged build', () => {
    expect(labels(applicationMenu({ isMac: false, packaged: false, appName: 'X' }, actions))).toContain('toggleDevTools');
    expect(labels(applicationMenu({ isMac: false, packaged: true, appName: 'X' }, actions))).not.toContain('toggleDevTools');
  });

  it('puts About and Quit in the app menu on macOS, and in Help and File elsewhere', () => {
    const mac = applicationMenu({ isMac: true, packaged: true, appName: 'PoE' }, actions);
    expect(mac[0]!.label).toBe('PoE');
    expect(labels([mac[0]!])).toEqual(expect.arrayContaining(['About PoE', 'quit', 'hide']));
    const win = applicationMenu({ isMac: false, packaged: true, appName: 'PoE' }, actions);
    expect(win[0]!.role).toBe('fileMenu');
    expect(labels(win)).toContain('About PoE');
  });
});

describe('window bounds', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'window-state-'));
  const file = path.join(dir, 'w.json');
  const screens = [{ x: 0, y: 0, width: 1920, height: 1080 }];
  afterEach(() => rmSync(file, { force: true }));

  it('come back as saved while a display shows them', () => {
    saveWindow(file, { bounds: { x: 100, y: 80, width: 1200, height: 800 }, maximized: true });
    expect(restoreWindow(file, screens, { width: 1024, height: 680 })).toEqual({ bounds: { x: 100, y: 80, width: 1200, height: 800 }, maximized: true });
  });

  it('are dropped when off every display, too small, or unreadable', () => {
    saveWindow(file, { bounds: { x: 2500, y: 80, width: 1200, height: 800 }, maximized: false });
    expect(restoreWindow(file, screens, { width: 1024, height: 680 })).toBeNull();
    saveWindow(file, { bounds: { x: 10, y: 10, width: 300, height: 200 }, maximized: false });
    expect(restoreWindow(file, screens, { width: 1024, height: 680 })).toBeNull();
    writeFileSync(file, '{not json');
    expect(restoreWindow(file, screens, { width: 1024, height: 680 })).toBeNull();
  });
});

describe('the synced notification', () => {
  const status = (pending: number, connection: SyncStatus['connection'] = 'online'): SyncStatus => ({
    connection,
    pending,
    conflicts: 0,
    lastSyncAt: null,
    lastError: null,
    lease: null,
  });

  it('comes once a batch is through while the window is away, not while the reviewer looks, nor when offline', () => {
    const watch = { peak: 0 };
    expect(syncedWhileAway(watch, status(3), false)).toBeNull();
    expect(syncedWhileAway(watch, status(0, 'syncing'), false)).toBeNull();
    expect(syncedWhileAway(watch, status(0), false)).toEqual({ title: 'All actions synced', body: '3 actions reached the review service.' });
    expect(syncedWhileAway(watch, status(0), false)).toBeNull();
    syncedWhileAway(watch, status(2), true);
    expect(syncedWhileAway(watch, status(0), true)).toBeNull();
    syncedWhileAway(watch, status(1), false);
    expect(syncedWhileAway(watch, status(1, 'offline'), false)).toBeNull();
  });
});

describe('the primary modifier', () => {
  const key = (k: string, mods: Partial<Record<'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey', boolean>>) => ({
    key: k,
    ctrlKey: false,
    metaKey: false,
    altKey: false,
    shiftKey: false,
    ...mods,
  });

  it('is Cmd on macOS and Ctrl elsewhere, so Cmd+Z undoes on a Mac as Ctrl+Z does on Windows', () => {
    expect(comboOf(key('z', { metaKey: true }), true)).toBe('ctrl+z');
    expect(comboOf(key('z', { ctrlKey: true }), true)).toBe('control+z');
    expect(comboOf(key('z', { ctrlKey: true }), false)).toBe('ctrl+z');
    expect(comboOf(key('z', { metaKey: true }), false)).toBe('meta+z');
    expect(keyCaps('ctrl+z', true)).toEqual(['⌘', 'Z']);
    expect(keyCaps('ctrl+z', false)).toEqual(['Ctrl', 'Z']);
  });
});

// The Electron shell's wiring, run for real without the Electron runtime: electron/main/main.ts is
// loaded against a recording stand-in of the 'electron' module (the runtime cannot be installed here),
// and what it did is checked — every BrowserWindow hardened, the sandbox on for all renderers,
// permissions, navigation, redirects, webviews and new windows denied, remote loads cancelled, the
// app:// protocol serving only the renderer with the CSP, and IPC refusing unknown senders and bad input.
// test/electron/ checks the pure decisions; this checks that main.ts actually applies them.
import { EventEmitter } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Envelope } from '../../shared/contracts/ipc-envelope';
import { IPC_CHANNELS } from '../../shared/contracts/ipc-envelope';
import { APP_ENTRY } from '../../electron/main/app-protocol';
import { CONTENT_SECURITY_POLICY } from '../../electron/core/csp';
import { startTestService } from '../support/service';

const fake = await vi.hoisted(async () => {
  const { EventEmitter: Emitter } = await import('node:events');
  const app = Object.assign(new Emitter(), {
    sandboxEnabled: false,
    userData: '',
    quitCalled: false,
    isPackaged: true,
    aboutShown: 0,
    enableSandbox() {
      app.sandboxEnabled = true;
    },
    requestSingleInstanceLock: () => true,
    whenReady: () => Promise.resolve(),
    getPath: (name: string) => (name === 'logs' ? `${app.userData}/logs` : app.userData),
    setPath: () => undefined,
    setAppLogsPath: () => undefined,
    getVersion: () => '1.2.3',
    getName: () => 'PoE Reviewer Workstation',
    showAboutPanel() {
      app.aboutShown++;
    },
    setAboutPanelOptions: () => undefined,
    quit() {
      app.quitCalled = true;
    },
    exit() {
      app.quitCalled = true;
    },
  });
  type WindowRecord = { options: Record<string, unknown>; loaded: string[]; window: InstanceType<typeof BrowserWindow> };
  const windows: WindowRecord[] = [];
  class BrowserWindow extends Emitter {
    readonly webContents = Object.assign(new Emitter(), {
      send: () => undefined,
      replaced: [] as string[],
      replaceMisspelling: (w: string) => {
        this.webContents.replaced.push(w);
      },
      session: { addWordToSpellCheckerDictionary: () => true },
    });
    visible = true;
    private readonly record: WindowRecord;
    constructor(options: Record<string, unknown>) {
      super();
      this.record = { options, loaded: [], window: this };
      windows.push(this.record);
    }
    isDestroyed() {
      return false;
    }
    show() {
      return undefined;
    }
    isVisible() {
      return this.visible;
    }
    isFocused() {
      return this.visible;
    }
    isMaximized() {
      return false;
    }
    maximize() {
      return undefined;
    }
    getNormalBounds() {
      return { x: 40, y: 30, width: 1300, height: 850 };
    }
    async loadURL(url: string) {
      this.record.loaded.push(url);
    }
  }
  const state = {
    permissionRequest: null as null | ((wc: unknown, permission: string, cb: (ok: boolean) => void) => void),
    permissionCheck: null as null | ((...a: unknown[]) => boolean),
    beforeRequest: null as null | ((d: { url: string }, cb: (r: { cancel: boolean }) => void) => void),
    schemes: [] as unknown[],
    protocolHandler: null as null | ((req: Request) => Promise<Response>),
    ipc: new Map<string, (event: unknown, ...args: unknown[]) => unknown>(),
  };
  const session = {
    defaultSession: {
      setPermissionRequestHandler: (h: typeof state.permissionRequest) => {
        state.permissionRequest = h;
      },
      setPermissionCheckHandler: (h: typeof state.permissionCheck) => {
        state.permissionCheck = h;
      },
      webRequest: {
        onBeforeRequest: (h: typeof state.beforeRequest) => {
          state.beforeRequest = h;
        },
      },
    },
  };
  const protocol = {
    registerSchemesAsPrivileged: (s: unknown[]) => state.schemes.push(...s),
    handle: (_scheme: string, h: typeof state.protocolHandler) => {
      state.protocolHandler = h;
    },
  };
  const ipcMain = { handle: (channel: string, h: (event: unknown, ...args: unknown[]) => unknown) => state.ipc.set(channel, h) };
  const dialog = {
    showErrorBox: (_t: string, m: string) => {
      throw new Error(`error box: ${m}`);
    },
    asked: [] as { message: string; buttons: string[] }[],
    answer: 0,
    showMessageBox: async (o: { message: string; buttons: string[] }) => {
      dialog.asked.push(o);
      return { response: dialog.answer };
    },
    showSaveDialog: async () => ({ canceled: true }),
  };
  const crashReporter = {
    options: null as null | Record<string, unknown>,
    start: (o: Record<string, unknown>) => {
      crashReporter.options = o;
    },
  };
  type Item = { role?: string; label?: string; submenu?: Item[]; click?: () => void };
  const Menu = {
    application: null as null | Item[],
    popups: [] as Item[][],
    buildFromTemplate: (items: Item[]) => ({
      items,
      popup: () => {
        Menu.popups.push(items);
      },
    }),
    setApplicationMenu: (m: { items: Item[] }) => {
      Menu.application = m.items;
    },
  };
  class Notification {
    static shown: { title: string; body: string }[] = [];
    static isSupported() {
      return true;
    }
    constructor(private readonly o: { title: string; body: string }) {}
    show() {
      Notification.shown.push(this.o);
    }
  }
  // A reversible stand-in for the OS keychain, so a test can tell protected from plain text.
  const safeStorage = {
    isEncryptionAvailable: () => true,
    encryptString: (s: string) => Buffer.from(`KEYCHAIN(${[...s].reverse().join('')})`),
    decryptString: (b: Buffer) => [...b.toString().slice(9, -1)].reverse().join(''),
  };
  const screen = { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] };
  // Chromium's network stack as main.ts hands it to the core: recorded, then answered by Node's fetch.
  const net = {
    fetched: [] as string[],
    fetch: (input: string, init?: RequestInit) => {
      net.fetched.push(input);
      return fetch(input, init);
    },
  };
  return { app, windows, BrowserWindow, state, session, protocol, ipcMain, dialog, net, crashReporter, Menu, Notification, safeStorage, screen };
});

const updater = vi.hoisted(() => ({
  checked: 0,
  autoUpdater: {
    logger: null as unknown,
    checkForUpdatesAndNotify: async () => {
      updater.checked++;
      return null;
    },
  },
}));
vi.mock('electron-updater', () => ({ autoUpdater: updater.autoUpdater }));

vi.mock('electron', () => ({
  app: fake.app,
  BrowserWindow: fake.BrowserWindow,
  session: fake.session,
  protocol: fake.protocol,
  ipcMain: fake.ipcMain,
  dialog: fake.dialog,
  net: fake.net,
  crashReporter: fake.crashReporter,
  Menu: fake.Menu,
  Notification: fake.Notification,
  safeStorage: fake.safeStorage,
  screen: fake.screen,
}));

let profile: string;

beforeAll(async () => {
  profile = mkdtempSync(path.join(os.tmpdir(), 'electron-shell-'));
  fake.app.userData = profile;
  process.argv.push(`--profile=${path.join(profile, 'profile')}`);
  await import('../../electron/main/main');
  await vi.waitFor(() => expect(fake.windows[0]?.loaded).toEqual([APP_ENTRY]), { timeout: 20_000 });
});
afterAll(async () => {
  fake.app.emit('window-all-closed');
  await vi.waitFor(() => expect(fake.app.quitCalled).toBe(true));
  rmSync(profile, { recursive: true, force: true });
});

/** A page's webContents as main.ts sees it in 'web-contents-created'. */
function contents() {
  const wc = Object.assign(new EventEmitter(), { openHandler: null as null | ((d: { url: string }) => { action: string }) });
  Object.assign(wc, {
    setWindowOpenHandler: (h: (d: { url: string }) => { action: string }) => {
      wc.openHandler = h;
    },
  });
  fake.app.emit('web-contents-created', {}, wc);
  return wc;
}
const prevented = (wc: EventEmitter, event: string, url?: string): boolean => {
  let stopped = false;
  wc.emit(
    event,
    {
      preventDefault: () => {
        stopped = true;
      },
    },
    url,
  );
  return stopped;
};

describe('the Electron shell as main.ts wires it', () => {
  it('turns the sandbox on for every renderer and opens only hardened windows on the app entry', () => {
    expect(fake.app.sandboxEnabled).toBe(true);
    expect(fake.windows.length).toBeGreaterThan(0);
    for (const w of fake.windows) {
      expect(w.options.webPreferences).toMatchObject({
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        nodeIntegrationInWorker: false,
        nodeIntegrationInSubFrames: false,
        webSecurity: true,
        webviewTag: false,
      });
      expect(String((w.options.webPreferences as { preload: string }).preload)).toMatch(/preload\/preload\.cjs$/);
      expect(w.loaded).toEqual([APP_ENTRY]);
    }
  });

  it('denies every permission a page asks for or checks', () => {
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fullscreen', 'hid', 'serial', 'usb']) {
      let answer: boolean | null = null;
      fake.state.permissionRequest!({}, permission, (ok) => {
        answer = ok;
      });
      expect(answer, permission).toBe(false);
      expect(fake.state.permissionCheck!({}, permission, 'app://workstation', {}), permission).toBe(false);
    }
  });

  it('cancels every load that is not the app itself, data or blob', () => {
    const cancelled = (url: string) => {
      let cancel: boolean | null = null;
      fake.state.beforeRequest!({ url }, (r) => {
        cancel = r.cancel;
      });
      return cancel;
    };
    for (const url of ['https://cdn.example/x.js', 'http://127.0.0.1:8787/api/v1/health', 'file:///etc/passwd', 'ws://evil.example/'])
      expect(cancelled(url), url).toBe(true);
    for (const url of ['app://workstation/assets/index.js', 'data:image/png;base64,AA', 'blob:app://workstation/1']) expect(cancelled(url), url).toBe(false);
  });

  it('stops navigation and redirects away from the app, webviews, and every new window', () => {
    const wc = contents();
    expect(prevented(wc, 'will-navigate', 'https://evil.example/')).toBe(true);
    expect(prevented(wc, 'will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(prevented(wc, 'will-navigate', `${APP_ENTRY}#/queue`)).toBe(false);
    expect(prevented(wc, 'will-redirect', 'https://evil.example/')).toBe(true);
    expect(prevented(wc, 'will-attach-webview')).toBe(true);
    for (const url of ['https://evil.example/', APP_ENTRY, 'about:blank']) expect(wc.openHandler!({ url }), url).toEqual({ action: 'deny' });
  });

  it('registers app:// as a secure standard scheme and serves the renderer with the CSP, and nothing outside it', async () => {
    expect(fake.state.schemes).toEqual([expect.objectContaining({ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) })]);
    const page = await fake.state.protocolHandler!(new Request('app://workstation/index.html'));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    for (const url of ['app://workstation/..%2f..%2fpackage.json', 'app://workstation/%2e%2e/%2e%2e/package.json', 'app://other/index.html']) {
      expect((await fake.state.protocolHandler!(new Request(url))).status, url).toBe(404);
    }
  });

  it('answers IPC only from the app page, and refuses unknown methods and bad input there', async () => {
    const invoke = fake.state.ipc.get(IPC_CHANNELS.invoke)!;
    expect(fake.state.ipc.size).toBe(1);
    const from = (url: string | null) => ({ senderFrame: url === null ? null : { url } });
    for (const url of ['https://evil.example/', 'file:///tmp/x.html', 'about:blank', null]) {
      expect((await invoke(from(url), 'settings.get', {})) as Envelope, String(url)).toMatchObject({ ok: false, problem: { status: 403 } });
    }
    expect(await invoke(from(APP_ENTRY), 'settings.get', {})).toMatchObject({ ok: true });
    expect(await invoke(from(APP_ENTRY), 'shell.openExternal', { url: 'https://evil.example' })).toMatchObject({ ok: false, problem: { status: 404 } });
    expect(await invoke(from(APP_ENTRY), 'queue.pull', { size: 'all' })).toMatchObject({ ok: false, problem: { status: 400, field: 'size' } });
    expect(await invoke(from(APP_ENTRY), 'settings.set', { language: '<script>' })).toMatchObject({ ok: false, problem: { status: 400 } });
  });

  it("reaches the review service through Chromium's network stack (net.fetch: system proxy and certificate store)", async () => {
    const invoke = fake.state.ipc.get(IPC_CHANNELS.invoke)!;
    const answer = (await invoke({ senderFrame: { url: APP_ENTRY } }, 'session.login', {
      username: 'rev1',
      password: 'demo',
      serviceUrl: 'http://127.0.0.1:9',
    })) as Envelope;
    expect(answer.ok).toBe(false);
    expect(fake.net.fetched).toEqual(['http://127.0.0.1:9/api/v1/sessions']);
  });
});

describe('the desktop shell around the window', () => {
  const invoke = (method: string, input: unknown) =>
    fake.state.ipc.get(IPC_CHANNELS.invoke)!({ senderFrame: { url: APP_ENTRY } }, method, input) as Promise<Envelope>;
  const labels = (items: { role?: string; label?: string; submenu?: unknown[] }[]): string[] =>
    items.flatMap((i) => [i.role ?? i.label ?? '', ...labels((i.submenu as typeof items | undefined) ?? [])]);

  it('keeps crash dumps local, and writes its log in the OS log folder', () => {
    expect(fake.crashReporter.options).toMatchObject({ uploadToServer: false });
    expect(fake.crashReporter.options).not.toHaveProperty('submitURL');
    expect(readFileSync(path.join(profile, 'logs', 'main.log'), 'utf8')).toMatch(/starting 1\.2\.3 on Electron/);
  });

  it('checks for updates with electron-updater in a packaged build, logging to the app log', async () => {
    await vi.waitFor(() => expect(updater.checked).toBe(1));
    expect(updater.autoUpdater.logger).not.toBeNull();
  });

  it('has an application menu of standard roles, with no developer tools in a packaged build', () => {
    const all = labels(fake.Menu.application!);
    for (const role of ['editMenu', 'windowMenu', 'reload', 'zoomIn', 'togglefullscreen', 'help']) expect(all, role).toContain(role);
    expect(all).not.toContain('toggleDevTools');
    expect(all).toContain('Save diagnostics…');
  });

  it('offers cut, copy, paste and spelling suggestions in text fields, and nothing on plain page areas', () => {
    const win = fake.windows[0]!.window;
    const params = {
      isEditable: true,
      selectionText: '',
      misspelledWord: 'recieve',
      dictionarySuggestions: ['receive', 'relieve'],
      editFlags: { canCut: true, canCopy: true, canPaste: true, canSelectAll: true },
    };
    win.webContents.emit('context-menu', {}, params);
    const menu = fake.Menu.popups.at(-1)!;
    expect(labels(menu)).toEqual(expect.arrayContaining(['receive', 'relieve', 'cut', 'copy', 'paste']));
    menu.find((i) => i.label === 'receive')!.click!();
    expect(win.webContents.replaced).toEqual(['receive']);
    const before = fake.Menu.popups.length;
    win.webContents.emit('context-menu', {}, { ...params, isEditable: false, misspelledWord: '', selectionText: '' });
    expect(fake.Menu.popups.length).toBe(before);
  });

  it('logs a crashed renderer and offers to reload it; the same for a hung window', async () => {
    const win = fake.windows[0]!.window;
    const loads = fake.windows[0]!.loaded.length;
    fake.dialog.answer = 0;
    fake.app.emit('render-process-gone', {}, win.webContents, { reason: 'crashed', exitCode: 139 });
    await vi.waitFor(() => expect(fake.windows[0]!.loaded.length).toBe(loads + 1));
    expect(fake.dialog.asked.at(-1)).toMatchObject({ message: 'The workstation window stopped working.', buttons: ['Reload', 'Quit'] });
    win.emit('unresponsive');
    await vi.waitFor(() =>
      expect(fake.dialog.asked.at(-1)).toMatchObject({ message: 'The workstation window is not responding.', buttons: ['Reload', 'Wait'] }),
    );
    fake.app.emit('child-process-gone', {}, { type: 'GPU', reason: 'crashed', exitCode: 9 });
    await vi.waitFor(() =>
      expect(readFileSync(path.join(profile, 'logs', 'main.log'), 'utf8')).toMatch(
        /renderer process gone: crashed[\s\S]*not responding[\s\S]*child process gone: GPU: crashed/,
      ),
    );
  });

  it('remembers the window bounds on close', () => {
    fake.windows[0]!.window.emit('close');
    expect(JSON.parse(readFileSync(path.join(profile, 'window-state.json'), 'utf8'))).toEqual({
      bounds: { x: 40, y: 30, width: 1300, height: 850 },
      maximized: false,
    });
  });

  it('keeps the service token in the OS keychain, notifies when a batch synced while hidden, and saves diagnostics', async () => {
    const svc = await startTestService({ demoClaims: 3 });
    try {
      expect(await invoke('session.login', { username: 'rev1', password: 'demo', serviceUrl: svc.url })).toMatchObject({ ok: true });
      const db = new Database(path.join(profile, 'profile', 'workstation.sqlite'), { readonly: true });
      const stored = JSON.parse((db.prepare("SELECT value FROM kv WHERE key = 'session'").get() as { value: string }).value) as {
        token: string | null;
        protectedToken?: string;
      };
      db.close();
      expect(stored.token).toBeNull();
      expect(Buffer.from(stored.protectedToken!.slice(5), 'base64').toString()).toMatch(/^KEYCHAIN\(/);

      const pulled = (await invoke('queue.pull', { size: 1 })) as Envelope<{ claims: number }>;
      expect(pulled).toMatchObject({ ok: true });
      const list = (await invoke('queue.list', {})) as Envelope<{ claims: { id: string }[] }>;
      const claimId = (list as { value: { claims: { id: string }[] } }).value.claims[0]!.id;
      fake.windows[0]!.window.visible = false;
      expect(await invoke('review.comment', { claimId, text: 'Checked.' })).toMatchObject({ ok: true });
      await invoke('sync.run', {});
      await vi.waitFor(() => expect(fake.Notification.shown).toContainEqual({ title: 'All actions synced', body: '1 action reached the review service.' }), {
        timeout: 20_000,
      });

      const diag = (await invoke('app.diagnostics', {})) as Envelope<{ json: string }>;
      const report = JSON.parse((diag as { value: { json: string } }).value.json) as { app: { host: string; version: string }; log: { lastLines: string[] } };
      expect(report.app).toMatchObject({ host: 'electron', version: '1.2.3' });
      expect(report.log.lastLines.join('\n')).toContain('signed in as');
    } finally {
      fake.windows[0]!.window.visible = true;
      await invoke('session.logout', {});
      await svc.stop();
    }
  });
});

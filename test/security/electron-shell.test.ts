// The Electron shell's wiring, run for real without the Electron runtime: electron/main/main.ts is
// loaded against a recording stand-in of the 'electron' module (the runtime cannot be installed here),
// and what it did is checked — every BrowserWindow hardened, the sandbox on for all renderers,
// permissions, navigation, redirects, webviews and new windows denied, remote loads cancelled, the
// app:// protocol serving only the renderer with the CSP, and IPC refusing unknown senders and bad input.
// test/electron/ checks the pure decisions; this checks that main.ts actually applies them.
import { EventEmitter } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Envelope } from '../../shared/contracts/ipc-envelope';
import { IPC_CHANNELS } from '../../shared/contracts/ipc-envelope';
import { APP_ENTRY } from '../../electron/main/app-protocol';
import { CONTENT_SECURITY_POLICY } from '../../electron/core/csp';

const fake = await vi.hoisted(async () => {
  const { EventEmitter: Emitter } = await import('node:events');
  const app = Object.assign(new Emitter(), {
    sandboxEnabled: false,
    userData: '',
    quitCalled: false,
    enableSandbox() { app.sandboxEnabled = true; },
    requestSingleInstanceLock: () => true,
    whenReady: () => Promise.resolve(),
    getPath: () => app.userData,
    quit() { app.quitCalled = true; },
    exit() { app.quitCalled = true; },
  });
  const windows: { options: Record<string, unknown>; loaded: string[] }[] = [];
  class BrowserWindow extends Emitter {
    readonly webContents = { send: () => undefined };
    private readonly record: { options: Record<string, unknown>; loaded: string[] };
    constructor(options: Record<string, unknown>) {
      super();
      this.record = { options, loaded: [] };
      windows.push(this.record);
    }
    isDestroyed() { return false; }
    show() { return undefined; }
    async loadURL(url: string) { this.record.loaded.push(url); }
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
      setPermissionRequestHandler: (h: typeof state.permissionRequest) => { state.permissionRequest = h; },
      setPermissionCheckHandler: (h: typeof state.permissionCheck) => { state.permissionCheck = h; },
      webRequest: { onBeforeRequest: (h: typeof state.beforeRequest) => { state.beforeRequest = h; } },
    },
  };
  const protocol = {
    registerSchemesAsPrivileged: (s: unknown[]) => state.schemes.push(...s),
    handle: (_scheme: string, h: typeof state.protocolHandler) => { state.protocolHandler = h; },
  };
  const ipcMain = { handle: (channel: string, h: (event: unknown, ...args: unknown[]) => unknown) => state.ipc.set(channel, h) };
  const dialog = { showErrorBox: (_t: string, m: string) => { throw new Error(`error box: ${m}`); } };
  // Chromium's network stack as main.ts hands it to the core: recorded, then answered by Node's fetch.
  const net = { fetched: [] as string[], fetch: (input: string, init?: RequestInit) => { net.fetched.push(input); return fetch(input, init); } };
  return { app, windows, BrowserWindow, state, session, protocol, ipcMain, dialog, net };
});

vi.mock('electron', () => ({ app: fake.app, BrowserWindow: fake.BrowserWindow, session: fake.session, protocol: fake.protocol, ipcMain: fake.ipcMain, dialog: fake.dialog, net: fake.net }));

let profile: string;

beforeAll(async () => {
  profile = mkdtempSync(path.join(os.tmpdir(), 'electron-shell-'));
  fake.app.userData = profile;
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
  Object.assign(wc, { setWindowOpenHandler: (h: (d: { url: string }) => { action: string }) => { wc.openHandler = h; } });
  fake.app.emit('web-contents-created', {}, wc);
  return wc;
}
const prevented = (wc: EventEmitter, event: string, url?: string): boolean => {
  let stopped = false;
  wc.emit(event, { preventDefault: () => { stopped = true; } }, url);
  return stopped;
};

describe('the Electron shell as main.ts wires it', () => {
  it('turns the sandbox on for every renderer and opens only hardened windows on the app entry', () => {
    expect(fake.app.sandboxEnabled).toBe(true);
    expect(fake.windows.length).toBeGreaterThan(0);
    for (const w of fake.windows) {
      expect(w.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, nodeIntegrationInWorker: false, nodeIntegrationInSubFrames: false, webSecurity: true, webviewTag: false });
      expect(String((w.options.webPreferences as { preload: string }).preload)).toMatch(/preload\/preload\.cjs$/);
      expect(w.loaded).toEqual([APP_ENTRY]);
    }
  });

  it('denies every permission a page asks for or checks', () => {
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fullscreen', 'hid', 'serial', 'usb']) {
      let answer: boolean | null = null;
      fake.state.permissionRequest!({}, permission, (ok) => { answer = ok; });
      expect(answer, permission).toBe(false);
      expect(fake.state.permissionCheck!({}, permission, 'app://workstation', {}), permission).toBe(false);
    }
  });

  it('cancels every load that is not the app itself, data or blob', () => {
    const cancelled = (url: string) => {
      let cancel: boolean | null = null;
      fake.state.beforeRequest!({ url }, (r) => { cancel = r.cancel; });
      return cancel;
    };
    for (const url of ['https://cdn.example/x.js', 'http://127.0.0.1:8787/api/v1/health', 'file:///etc/passwd', 'ws://evil.example/']) expect(cancelled(url), url).toBe(true);
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
    const answer = (await invoke({ senderFrame: { url: APP_ENTRY } }, 'session.login', { username: 'rev1', password: 'demo', serviceUrl: 'http://127.0.0.1:9' })) as Envelope;
    expect(answer.ok).toBe(false);
    expect(fake.net.fetched).toEqual(['http://127.0.0.1:9/api/v1/sessions']);
  });
});

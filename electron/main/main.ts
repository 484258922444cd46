// The Electron shell: single instance, a hardened window on the app:// origin, the profile in
// userData, the core's handler table on IPC (sender checked first) and its events sent to the page.
// It wires; the decisions live in the pure modules beside it.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, protocol, session } from 'electron';
import { createCore, type WorkstationCore } from '../core/core';
import { IPC_CHANNELS } from '../core/envelope';
import { createHandlers } from '../core/handlers';
import { DatabaseFromFutureError } from '../core/store/database';
import { APP_ENTRY, APP_SCHEME, APP_SCHEME_PRIVILEGES, isAllowedNavigation, isAllowedRequest, mimeType, resolveAppFile } from './app-protocol';
import { shellArgs } from './args';
import { SECURITY_HEADERS } from './csp';
import { withExportSaving } from './export-saving';
import { handleInvoke } from './ipc';
import { windowOptions } from './window-options';

const here = path.dirname(fileURLToPath(import.meta.url));
// Built layout: dist/electron/main/main.js, dist/electron/preload/preload.cjs, dist/renderer/.
const PRELOAD = path.join(here, '../preload/preload.cjs');
const RENDERER_DIR = path.join(here, '../../renderer');

protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: APP_SCHEME_PRIVILEGES }]);
app.enableSandbox();

let window: BrowserWindow | null = null;
let core: WorkstationCore | null = null;

function harden(): void {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !isAllowedRequest(details.url) }));
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event, url) => {
      if (!isAllowedNavigation(url)) event.preventDefault();
    });
    contents.on('will-redirect', (event, url) => {
      if (!isAllowedNavigation(url)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });
  protocol.handle(APP_SCHEME, async (request) => {
    const file = resolveAppFile(request.url, RENDERER_DIR);
    if (!file) return new Response('Not found', { status: 404 });
    try {
      return new Response(await readFile(file), { status: 200, headers: { 'content-type': mimeType(file), ...SECURITY_HEADERS } });
    } catch {
      return new Response('Not found', { status: 404 });
    }
  });
}

async function start(): Promise<void> {
  await app.whenReady();
  harden();
  const args = shellArgs(process.argv);
  try {
    core = await createCore({ profileDir: args.profile ?? app.getPath('userData'), serviceUrl: args.service, assistInBackground: true });
  } catch (error) {
    const message = error instanceof DatabaseFromFutureError ? error.message : `The workstation could not open its data: ${String(error)}`;
    dialog.showErrorBox('PoE Reviewer Workstation', message);
    app.exit(3);
    return;
  }
  const handlers = withExportSaving(
    createHandlers(core),
    { showSaveDialog: (options) => (window ? dialog.showSaveDialog(window, options) : dialog.showSaveDialog(options)) },
    (file, text) => writeFile(file, text, 'utf8'),
  );
  ipcMain.handle(IPC_CHANNELS.invoke, (event, method: unknown, input: unknown) => handleInvoke(handlers, event.senderFrame?.url, method, input));

  window = new BrowserWindow(windowOptions(PRELOAD));
  const target = window;
  core.subscribe((e) => {
    if (!target.isDestroyed()) target.webContents.send(IPC_CHANNELS.event, e);
  });
  target.once('ready-to-show', () => target.show());
  await target.loadURL(APP_ENTRY);
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (window) {
      if (window.isMinimized()) window.restore();
      window.focus();
    }
  });
  app.on('window-all-closed', () => {
    const closing = core?.close() ?? Promise.resolve();
    core = null;
    void closing.finally(() => app.quit());
  });
  start().catch((error: unknown) => {
    dialog.showErrorBox('PoE Reviewer Workstation', String(error));
    app.exit(1);
  });
}

// The Electron shell: single instance, a hardened window on the app:// origin, the profile in the local
// (non-roaming) data folder shared with the browser host, the core's handler table on IPC (sender checked
// first) and its events sent to the page; logs, crash handling, menus, notifications and the token in the
// OS keychain. It wires; the decisions live in the pure modules beside it.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, crashReporter, dialog, ipcMain, Menu, net, Notification, protocol, safeStorage, screen, session, shell } from 'electron';
import { createCore, type WorkstationCore } from '../core/core';
import { IPC_CHANNELS } from '../../shared/contracts/ipc-envelope';
import { createHandlers } from '../core/handlers';
import { createFileLogger } from '../core/log-file';
import { defaultProfileDir } from '../core/paths';
import { DatabaseFromFutureError } from '../core/store/database';
import { ProfileDamagedError } from '../core/store/profile-health';
import { withSystemReader } from '../core/system-reader';
import { APP_ENTRY, APP_SCHEME, APP_SCHEME_PRIVILEGES, isAllowedNavigation, isAllowedRequest, mimeType, resolveAppFile } from './app-protocol';
import { shellArgs } from './args';
import { installCrashHandling } from './crash-handling';
import { SECURITY_HEADERS } from '../core/csp';
import { withExportSaving } from './export-saving';
import { handleInvoke } from './ipc';
import { applicationMenu, contextMenu } from './menus';
import { syncedWhileAway, type SyncWatch } from './notices';
import { windowOptions } from './window-options';
import { checkForUpdates } from './updates';
import { restoreWindow, saveWindow } from './window-state';

const here = path.dirname(fileURLToPath(import.meta.url));
// Built layout: dist/electron/main/main.js, dist/electron/preload/preload.cjs, dist/renderer/.
const PRELOAD = path.join(here, '../preload/preload.cjs');
const RENDERER_DIR = path.join(here, '../../renderer');

protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: APP_SCHEME_PRIVILEGES }]);
app.enableSandbox();
// Chromium's caches and the logs stay out of the roaming profile on Windows (the workstation's data already does).
if (process.platform === 'win32' && process.env.LOCALAPPDATA) {
  app.setPath('sessionData', path.join(process.env.LOCALAPPDATA, 'poe-reviewer-workstation', 'Chromium'));
  app.setPath('logs', path.join(process.env.LOCALAPPDATA, 'poe-reviewer-workstation', 'Log'));
} else {
  app.setAppLogsPath(); // ~/Library/Logs/<app> on macOS, <userData>/logs on Linux
}
// Crash dumps stay on this computer (in app.getPath('crashDumps')) for support to collect; nothing is uploaded.
crashReporter.start({ uploadToServer: false, compress: true });

const log = createFileLogger(app.getPath('logs'), 'main');
let window: BrowserWindow | null = null;
let core: WorkstationCore | null = null;
const crashes = installCrashHandling(app, process, log, {
  ask: async (message, detail, buttons) => (await dialog.showMessageBox({ type: 'error', message, detail, buttons, defaultId: 0, cancelId: 1 })).response,
  reload: () => {
    if (window && !window.isDestroyed()) void window.loadURL(APP_ENTRY);
  },
  quit: () => app.quit(),
});

/** The service token at rest: encrypted with the OS keychain when it is available. */
const protector = {
  encrypt: (plain: string) => (safeStorage.isEncryptionAvailable() ? `safe:${safeStorage.encryptString(plain).toString('base64')}` : plain),
  decrypt: (stored: string) => (stored.startsWith('safe:') ? safeStorage.decryptString(Buffer.from(stored.slice(5), 'base64')) : stored),
};

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
  log.info(`starting ${app.getVersion()} on Electron ${process.versions.electron ?? '?'} (${process.platform} ${process.arch})`);
  try {
    core = await createCore({
      // The same local (non-roaming) folder the browser host uses: one profile whichever front-end opens it.
      profileDir: args.profile ?? defaultProfileDir(),
      serviceUrl: args.service,
      // net.fetch: Chromium's network stack, so the system proxy (PAC too) and certificate store apply.
      fetch: (input, init) => net.fetch(input, init),
      logger: log,
      host: { host: 'electron', version: app.getVersion() },
      protector,
      assistInBackground: true,
    });
  } catch (error) {
    const message =
      error instanceof DatabaseFromFutureError || error instanceof ProfileDamagedError
        ? error.message
        : `The workstation could not open its data: ${String(error)}`;
    log.error(message);
    dialog.showErrorBox('PoE Reviewer Workstation', message);
    app.exit(3);
    return;
  }
  const handlers = withExportSaving(
    withSystemReader(createHandlers(core), core, path.join(app.getPath('temp'), 'poe-workstation-opened'), (file) => shell.openPath(file)),
    { showSaveDialog: (options) => (window ? dialog.showSaveDialog(window, options) : dialog.showSaveDialog(options)) },
    (file, text) => writeFile(file, text, 'utf8'),
  );
  ipcMain.handle(IPC_CHANNELS.invoke, (event, method: unknown, input: unknown) => handleInvoke(handlers, event.senderFrame?.url, method, input));

  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      applicationMenu(
        { isMac: process.platform === 'darwin', packaged: app.isPackaged, appName: app.getName() },
        { about: () => app.showAboutPanel(), saveDiagnostics: () => void saveDiagnostics(handlers) },
      ),
    ),
  );
  app.setAboutPanelOptions({
    applicationName: 'PoE Reviewer Workstation',
    applicationVersion: app.getVersion(),
    credits: 'Licences of the open-source components: Settings → Support → About.',
  });
  const watch: SyncWatch = { peak: 0 };
  core.subscribe((e) => {
    if (window && !window.isDestroyed()) window.webContents.send(IPC_CHANNELS.event, e);
    if (e.type !== 'sync.status') return;
    const notice = syncedWhileAway(watch, e.status, Boolean(window && !window.isDestroyed() && window.isVisible() && window.isFocused()));
    if (notice && Notification.isSupported()) new Notification(notice).show();
  });
  await openWindow();
  void checkForUpdates(app.isPackaged, log);
}

const WINDOW_FILE = () => path.join(app.getPath('userData'), 'window-state.json');

async function openWindow(): Promise<void> {
  const options = windowOptions(PRELOAD);
  const saved = restoreWindow(
    WINDOW_FILE(),
    screen.getAllDisplays().map((d) => d.workArea),
    { width: options.minWidth ?? 0, height: options.minHeight ?? 0 },
  );
  window = new BrowserWindow({ ...options, ...(saved?.bounds ?? {}) });
  const target = window;
  crashes.watchWindow(target);
  target.webContents.on('context-menu', (_event, params) => {
    const items = contextMenu(
      params,
      (word) => target.webContents.replaceMisspelling(word),
      (word) => target.webContents.session.addWordToSpellCheckerDictionary(word),
    );
    if (items.length > 0) Menu.buildFromTemplate(items).popup({ window: target });
  });
  target.on('close', () => saveWindow(WINDOW_FILE(), { bounds: target.getNormalBounds(), maximized: target.isMaximized() }));
  target.on('closed', () => {
    if (window === target) window = null;
  });
  target.once('ready-to-show', () => {
    if (saved?.maximized) target.maximize();
    target.show();
  });
  await target.loadURL(APP_ENTRY);
}

/** Help → Save diagnostics: the same file as Settings → Support, saved where the user picks. */
async function saveDiagnostics(handlers: ReturnType<typeof createHandlers>): Promise<void> {
  const out = await handlers['app.diagnostics']({});
  const choice = await dialog.showSaveDialog({ defaultPath: out.fileName, filters: [{ name: 'JSON', extensions: ['json'] }] });
  if (!choice.canceled && choice.filePath) await writeFile(choice.filePath, out.json, 'utf8');
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
  const shutDown = () => {
    const closing = core?.close() ?? Promise.resolve();
    core = null;
    void closing.finally(() => app.quit());
  };
  // macOS keeps an app running with no window (the Dock icon opens one again); elsewhere closing quits.
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') shutDown();
  });
  app.on('activate', () => {
    if (!window && core) void openWindow();
  });
  app.on('before-quit', (event) => {
    if (!core) return;
    event.preventDefault();
    shutDown();
  });
  start().catch((error: unknown) => {
    log.error('the workstation could not start', error);
    dialog.showErrorBox('PoE Reviewer Workstation', String(error));
    app.exit(1);
  });
}

// What the shell does when something breaks: a renderer that crashed or hangs, a helper process that died,
// an exception nobody caught. Each is logged and shown with a way to reload; nothing is decided elsewhere.
// Electron's objects are injected, so the tests drive every path with stand-ins.
import type { Logger } from '../core/logger';

export interface CrashUi {
  /** Shows a message with buttons; resolves with the index of the one chosen. */
  ask(message: string, detail: string, buttons: string[]): Promise<number>;
  reload(): void;
  quit(): void;
}

interface Emitter {
  on(event: string, listener: (...args: never[]) => void): unknown;
}

export const CRASH_TEXT = {
  rendererGone: 'The workstation window stopped working.',
  unresponsive: 'The workstation window is not responding.',
  mainError: 'The workstation ran into an unexpected error.',
  detail: 'Your saved work is kept on this computer. Details are in the log (Help → Save diagnostics).',
  reload: 'Reload',
  wait: 'Wait',
  quit: 'Quit',
} as const;

export function installCrashHandling(app: Emitter, proc: Emitter, log: Logger, ui: CrashUi): { watchWindow(window: Emitter): void } {
  const offerReload = async (message: string, detail: string, other: 'quit' | 'wait') => {
    const choice = await ui
      .ask(message, `${detail}\n\n${CRASH_TEXT.detail}`, [CRASH_TEXT.reload, other === 'quit' ? CRASH_TEXT.quit : CRASH_TEXT.wait])
      .catch(() => 1);
    if (choice === 0) ui.reload();
    else if (other === 'quit') ui.quit();
  };
  app.on('render-process-gone', ((_event: unknown, _contents: unknown, details: { reason: string; exitCode: number }) => {
    log.error(`renderer process gone: ${details.reason} (exit code ${details.exitCode})`);
    if (details.reason !== 'clean-exit') void offerReload(CRASH_TEXT.rendererGone, `Reason: ${details.reason}.`, 'quit');
  }) as never);
  app.on('child-process-gone', ((_event: unknown, details: { type: string; reason: string; exitCode: number; name?: string }) => {
    log.error(`child process gone: ${details.type}${details.name ? ` (${details.name})` : ''}: ${details.reason} (exit code ${details.exitCode})`);
  }) as never);
  proc.on('uncaughtException', ((error: Error) => {
    log.error('uncaught exception in the main process', error);
    void offerReload(CRASH_TEXT.mainError, error.message, 'quit');
  }) as never);
  proc.on('unhandledRejection', ((reason: unknown) => {
    log.error('unhandled rejection in the main process', reason);
  }) as never);
  return {
    watchWindow(window) {
      window.on('unresponsive', (() => {
        log.warn('the window is not responding');
        void offerReload(CRASH_TEXT.unresponsive, 'You can wait for it or reload it.', 'wait');
      }) as never);
      window.on('responsive', (() => log.info('the window responds again')) as never);
    },
  };
}

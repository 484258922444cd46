// Updates of the packaged app: electron-updater against the generic feed the package was built with
// (publish.url in electron-builder.yml, from POE_UPDATE_URL at build time). Off in development builds;
// a feed that is missing or unreachable is logged, never shown as an error.
import type { Logger } from '../core/logger';

export async function checkForUpdates(packaged: boolean, log: Logger): Promise<void> {
  if (!packaged) return;
  try {
    const { autoUpdater } = await import('electron-updater');
    autoUpdater.logger = log;
    await autoUpdater.checkForUpdatesAndNotify();
  } catch (error) {
    log.warn(`update check skipped: ${error instanceof Error ? error.message : String(error)}`);
  }
}

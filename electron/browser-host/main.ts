// Entry of the browser host: `tsx electron/browser-host/main.ts --headless --port <p> --service <url>
// --profile <dir>`. Opens the core on the profile, serves it on 127.0.0.1 and prints
// "workstation ready at <url>" (the URL carries the launch key). Wiring only.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { closeOnSignals, exitWithParent } from '../../common/parent-watch';
import { OptionsError, USAGE, parseOptions, type WorkstationOptions } from '../core/cli-options';
import { createCore } from '../core/core';
import { createHandlers } from '../core/handlers';
import { createFileLogger, defaultLogDir, type FileLogger } from '../core/log-file';
import type { Logger } from '../core/logger';
import { defaultProfileDir } from '../core/paths';
import { DatabaseFromFutureError } from '../core/store/database';
import { ProfileDamagedError } from '../core/store/profile-health';
import { ProfileInUseError } from '../core/store/profile-lock';
import { proxyAwareFetch } from './proxy-fetch';
import { startBrowserHost, type BrowserHost } from './server';

export const RENDERER_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/renderer');

export interface RunningWorkstation {
  host: BrowserHost;
  profileDir: string;
  close(): Promise<void>;
}

/** The browser host's log file: in the OS log folder, or POE_LOG_DIR. */
export const browserHostLogger = (): FileLogger => createFileLogger(process.env.POE_LOG_DIR ?? defaultLogDir(), 'browser-host');

export async function runBrowserHost(o: WorkstationOptions, rendererDir = RENDERER_DIR, logger: Logger = browserHostLogger()): Promise<RunningWorkstation> {
  const profileDir = path.resolve(o.profile ?? defaultProfileDir());
  const core = await createCore({
    profileDir,
    serviceUrl: o.service,
    logger,
    fetch: proxyAwareFetch(),
    sync: {
      ...(o.pushBatch ? { pushBatchSize: o.pushBatch } : {}),
      ...(o.syncInterval ? { intervalMs: o.syncInterval } : {}),
      ...(o.undoWindow !== null ? { undoWindowMs: o.undoWindow } : {}),
    },
    assistInBackground: true,
  });
  try {
    const host = await startBrowserHost({
      handlers: createHandlers(core),
      subscribe: (l) => core.subscribe(l),
      initialEvents: () => [{ type: 'sync.status', status: core.status() }],
      port: o.port,
      rendererDir,
      logger,
    });
    return {
      host,
      profileDir,
      close: async () => {
        await host.close();
        await core.close();
      },
    };
  } catch (error) {
    await core.close();
    throw error;
  }
}

/** The command line: parse, start, print "workstation ready at <url>", stop on SIGINT/SIGTERM. */
export async function main(): Promise<void> {
  exitWithParent();
  const argv = process.argv.slice(2);
  let options: WorkstationOptions;
  try {
    options = parseOptions(argv);
    if (options.help) {
      process.stdout.write(`Usage: browser-host [options]\n${USAGE}\n`);
      return;
    }
  } catch (error) {
    if (error instanceof OptionsError) {
      process.stderr.write(`workstation: ${error.message}\n${USAGE}\n`);
      process.exit(2);
    }
    throw error;
  }
  const log = browserHostLogger();
  let running: RunningWorkstation;
  try {
    running = await runBrowserHost(options, RENDERER_DIR, log);
  } catch (error) {
    if (error instanceof DatabaseFromFutureError || error instanceof ProfileInUseError || error instanceof ProfileDamagedError) {
      process.stderr.write(`workstation: ${error.message}\n`);
      process.exit(3);
    }
    throw error;
  }
  process.on('unhandledRejection', (reason) => log.error('unhandled rejection in the browser host', reason));
  process.on('uncaughtException', (error) => {
    log.error('uncaught exception in the browser host; stopping', error);
    process.stderr.write(`workstation: ${error.stack ?? String(error)}\n(logged to ${log.file})\n`);
    process.exit(70);
  });
  process.stdout.write(`workstation ready at ${running.host.url}\n`);
  closeOnSignals(() => running.close());
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();

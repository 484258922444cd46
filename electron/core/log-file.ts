// The workstation's log file, written with electron-log's Node flavour by both hosts: Electron's main
// process (in app.getPath('logs')) and the browser host (in the OS log folder). Rotates at a size limit
// (one .old file kept) and reads back its last lines for Save diagnostics.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import electronLog from 'electron-log/node';
import envPaths from 'env-paths';
import type { Logger } from './logger';
import { APP_NAME } from './paths';

export const LOG_MAX_BYTES = 5 * 1024 * 1024;

export interface FileLogger extends Logger {
  readonly file: string;
  /** The last `count` lines of the log (the current file, after the rotated one when it is short). */
  lastLines(count: number): string[];
}

/** The OS log folder: ~/Library/Logs on macOS, %LOCALAPPDATA% on Windows, XDG state on Linux. */
export const defaultLogDir = (): string => envPaths(APP_NAME, { suffix: '' }).log;

let created = 0;

export function createFileLogger(dir: string, name: string, options: { level?: 'error' | 'warn' | 'info' | 'debug'; console?: boolean } = {}): FileLogger {
  const file = path.join(dir, `${name}.log`);
  const log = electronLog.create({ logId: `${name}-${++created}` });
  log.transports.file.resolvePathFn = () => file;
  log.transports.file.maxSize = LOG_MAX_BYTES;
  log.transports.file.level = options.level ?? 'info';
  log.transports.console.level = options.console ? 'warn' : false;
  const read = (f: string) =>
    existsSync(f)
      ? readFileSync(f, 'utf8')
          .split('\n')
          .filter((l) => l !== '')
      : [];
  return {
    file,
    error: (m, ...d) => log.error(m, ...d),
    warn: (m, ...d) => log.warn(m, ...d),
    info: (m, ...d) => log.info(m, ...d),
    debug: (m, ...d) => log.debug(m, ...d),
    lastLines(count) {
      const current = read(file);
      const older = current.length < count ? read(path.join(dir, `${name}.old.log`)) : [];
      return [...older, ...current].slice(-count);
    },
  };
}

// The logger the core and the hosts write to: an interface with the four levels, so Electron's main
// process passes electron-log, the browser host a file logger, and tests a recorder. No I/O here.
export interface Logger {
  error(message: string, ...details: unknown[]): void;
  warn(message: string, ...details: unknown[]): void;
  info(message: string, ...details: unknown[]): void;
  debug(message: string, ...details: unknown[]): void;
}

/** Writes nothing (the default when a host gives no logger). */
export const silentLogger: Logger = { error: () => undefined, warn: () => undefined, info: () => undefined, debug: () => undefined };

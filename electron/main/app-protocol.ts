// The app:// origin the Electron window loads the renderer from, and the decisions around it, pure:
// which file a request maps to (never outside dist/renderer), which frames may call the workstation
// API, where the window may navigate and which URLs it may load at all.
import path from 'node:path';

export const APP_SCHEME = 'app';
export const APP_HOST = 'workstation';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY = `${APP_ORIGIN}/index.html`;

/** Privileges of app://: a standard, secure origin with fetch (pdf.js fetches its worker and fonts). */
export const APP_SCHEME_PRIVILEGES = { standard: true, secure: true, supportFetchAPI: true, stream: true, codeCache: true } as const;

const MIME: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
  '.bcmap': 'application/octet-stream',
  '.pfb': 'application/octet-stream',
};

export const mimeType = (file: string): string => MIME[path.extname(file).toLowerCase()] ?? 'application/octet-stream';

/** The file under `rootDir` an app:// URL names, or null (another host, a path outside the root, a folder). */
export function resolveAppFile(requestUrl: string, rootDir: string): string | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0')) return null;
  const relative = pathname === '/' ? 'index.html' : pathname.replace(/^\/+/, '');
  const root = path.resolve(rootDir);
  const file = path.resolve(root, relative);
  if (file !== root && !file.startsWith(root + path.sep)) return null;
  return file === root ? null : file;
}

/** Only frames showing our own app:// page may call the workstation API. */
export function isTrustedSender(frameUrl: string | null | undefined): boolean {
  if (!frameUrl) return false;
  try {
    const url = new URL(frameUrl);
    return url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST;
  } catch {
    return false;
  }
}

/** The window never navigates away from the app entry (in-page hash changes do not navigate). */
export function isAllowedNavigation(target: string): boolean {
  try {
    const url = new URL(target);
    return `${url.origin === 'null' ? `${url.protocol}//${url.host}` : url.origin}${url.pathname}` === APP_ENTRY;
  } catch {
    return false;
  }
}

/** What the page may load at all: its own origin, inline data and blobs (pdf.js), devtools. Nothing remote. */
export function isAllowedRequest(target: string): boolean {
  try {
    const { protocol, host } = new URL(target);
    if (protocol === `${APP_SCHEME}:`) return host === APP_HOST;
    return protocol === 'data:' || protocol === 'blob:' || protocol === 'devtools:';
  } catch {
    return false;
  }
}

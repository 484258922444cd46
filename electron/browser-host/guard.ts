// The browser host's gatekeeping decisions, pure: which Host and Origin headers are ours (no DNS
// rebinding, no cross-site callers), and the launch key (launch.ts checks it). No I/O here.
import { randomBytes } from 'node:crypto';

/** A fresh launch key: 32 random bytes, base64url. */
export const newLaunchKey = (): string => randomBytes(32).toString('base64url');

export const allowedHosts = (port: number): string[] => [`127.0.0.1:${port}`, `localhost:${port}`];

export function hostAllowed(host: string | undefined, port: number): boolean {
  return host !== undefined && allowedHosts(port).includes(host.toLowerCase());
}

/** No Origin (same-origin GET, curl) is fine; otherwise it must be the page's own origin. */
export function originAllowed(origin: string | undefined, host: string | undefined): boolean {
  if (origin === undefined) return true;
  return host !== undefined && origin.toLowerCase() === `http://${host.toLowerCase()}`;
}

/** The token of an `Authorization: Bearer <token>` header. */
export function bearer(header: string | undefined): string | null {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return m ? m[1]! : null;
}

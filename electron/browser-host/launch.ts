// How a browser proves it is the one this launch opened, without the launch key ever being on a command
// line or in a URL a server logs: one-time codes (handed to Chromium in a 0600 redirect file, as Jupyter
// does, and POSTed back) or the key in a header, each exchanged for an HttpOnly, SameSite=Strict session
// cookie. Every comparison is constant-time.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';

/** Cookies are shared by every port of a host: each launch's cookie is named for its port. */
export const sessionCookieName = (port: number): string => `poe_workstation_session_${port}`;

const token = (): string => randomBytes(32).toString('base64url');

/** Constant-time equality of two strings (false for different lengths without comparing). */
export function sameSecret(given: string | null | undefined, expected: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The value of cookie `name` in a Cookie header. */
export function cookieValue(header: string | undefined, name: string): string | null {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
}

export class LaunchGate {
  private readonly codes: string[] = [];
  private readonly sessions: string[] = [];

  constructor(
    readonly key: string,
    private readonly cookieName: () => string,
  ) {}

  /** A code that opens one browser session, once. */
  newCode(): string {
    const code = token();
    this.codes.push(code);
    return code;
  }

  private take(list: string[], given: string | null | undefined): boolean {
    let found = -1;
    // Compare with every entry, so the time does not tell which one (or whether any) matched.
    list.forEach((entry, i) => {
      if (sameSecret(given, entry)) found = i;
    });
    if (found >= 0) list.splice(found, 1);
    return found >= 0;
  }

  /** A new session for a valid unused code (the code is spent), or null. */
  redeemCode(code: string | null | undefined): string | null {
    if (!this.take(this.codes, code)) return null;
    return this.openSession();
  }

  /** The Set-Cookie value that hands `session` to the browser. */
  cookie(session: string): string {
    return `${this.cookieName()}=${session}; HttpOnly; SameSite=Strict; Path=/`;
  }

  /** A new session for a caller that holds the launch key. */
  openSession(): string {
    const session = token();
    this.sessions.push(session);
    return session;
  }

  /** The caller holds the key (Authorization: Bearer) or a session cookie of this launch. */
  allows(bearer: string | null, cookieHeader: string | undefined): boolean {
    if (sameSecret(bearer, this.key)) return true;
    const session = cookieValue(cookieHeader, this.cookieName());
    let ok = false;
    for (const s of this.sessions) if (sameSecret(session, s)) ok = true;
    return ok;
  }
}

const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * Writes the redirect file a browser is started on: a page readable by this user only that POSTs a
 * one-time code to the host, which answers with the session cookie and sends the page on to the app.
 */
export function writeLaunchFile(dir: string, origin: string, code: string): string {
  const file = path.join(dir, `launch-${randomBytes(6).toString('hex')}.html`);
  const html = `<!doctype html>
<html><head><meta charset="utf-8"><title>PoE Reviewer Workstation</title></head>
<body><form method="post" action="${escapeHtml(origin)}/launch"><input type="hidden" name="code" value="${escapeHtml(code)}"><noscript><button>Open the workstation</button></noscript></form>
<script>document.forms[0].submit()</script></body></html>
`;
  writeFileSync(file, html, { mode: 0o600 });
  return file;
}

// Tells a network configuration problem (a certificate this computer does not trust, a proxy that refuses
// or cannot be reached) apart from being offline, for whichever fetch the host gave the core (Node's or
// Chromium's net.fetch), finds the certificate's subject and issuer, and reads Retry-After.
import { isIP } from 'node:net';
import tls from 'node:tls';

export type ConfigurationKind = 'certificate' | 'tls' | 'proxy';

export interface CertificateNames {
  subject: string;
  issuer: string;
}

/** Node's (OpenSSL's) codes for a certificate it would not accept. */
const CERTIFICATE_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_REVOKED',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'CERT_SIGNATURE_FAILURE',
  'INVALID_CA',
  'HOSTNAME_MISMATCH',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

/** Code and message of each error along a cause chain. */
function chain(error: unknown): { code: string | null; message: string }[] {
  const out: { code: string | null; message: string }[] = [];
  let e: unknown = error;
  for (let depth = 0; e && typeof e === 'object' && depth < 6; depth++) {
    const { code, message, cause } = e as { code?: unknown; message?: unknown; cause?: unknown };
    out.push({ code: typeof code === 'string' ? code : null, message: typeof message === 'string' ? message : '' });
    e = cause;
  }
  return out;
}

/** What kind of configuration problem a failed fetch shows, with the code that says so; null when it is not one. */
export function classifyNetworkFailure(error: unknown): { kind: ConfigurationKind; code: string; message?: string } | null {
  const errors = chain(error);
  for (const { code, message } of errors) {
    if (code === null) continue;
    if (CERTIFICATE_CODES.has(code)) return { kind: 'certificate', code };
    if (code.startsWith('ERR_SSL_') || code === 'EPROTO') return { kind: 'tls', code };
    if (code.startsWith('PROXY_')) return { kind: 'proxy', code, message };
  }
  for (const { message } of errors) {
    // Chromium's network stack (Electron's net.fetch) names its errors net::ERR_….
    const net = /net::(ERR_[A-Z_]+)/.exec(message)?.[1];
    if (net) {
      if (/^ERR_(CERT_|BAD_SSL_CLIENT_AUTH_CERT)/.test(net)) return { kind: 'certificate', code: net };
      if (/^ERR_SSL_/.test(net)) return { kind: 'tls', code: net };
      if (/^ERR_(PROXY_|TUNNEL_|MANDATORY_PROXY|SOCKS_)/.test(net)) return { kind: 'proxy', code: net };
    }
    // undici's proxy agent: "Proxy response (407) !== 200 when HTTP Tunneling".
    if (/^proxy response \((\d+)\)/i.test(message)) return { kind: 'proxy', code: `PROXY_${/\((\d+)\)/.exec(message)![1]}` };
  }
  return null;
}

const names = (entries: Record<string, unknown> | undefined): string =>
  Object.entries(entries ?? {})
    .filter(([, v]) => typeof v === 'string' || Array.isArray(v))
    .map(([k, v]) => `${k}=${Array.isArray(v) ? v.join('+') : String(v)}`)
    .join(', ');

/** The subject and issuer of the certificate an https server presents (without trusting it), or null. */
export function peerCertificate(url: string, timeoutMs = 3_000): Promise<CertificateNames | null> {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return Promise.resolve(null);
  }
  if (target.protocol !== 'https:') return Promise.resolve(null);
  const host = target.hostname.replace(/^\[|\]$/g, '');
  return new Promise((resolve) => {
    const socket = tls.connect({ host, port: Number(target.port || 443), servername: isIP(host) ? undefined : host, rejectUnauthorized: false });
    const done = (value: CertificateNames | null) => {
      socket.destroy();
      resolve(value);
    };
    socket.setTimeout(timeoutMs, () => done(null));
    socket.once('error', () => done(null));
    socket.once('secureConnect', () => {
      const cert = socket.getPeerCertificate();
      done(
        cert && cert.subject
          ? { subject: names(cert.subject as unknown as Record<string, unknown>), issuer: names(cert.issuer as unknown as Record<string, unknown>) }
          : null,
      );
    });
  });
}

const MAX_RETRY_AFTER_MS = 6 * 3600_000;

/** The wait a Retry-After header asks for (seconds or an HTTP date), capped at six hours; null when absent or unreadable. */
export function retryAfterMs(header: string | null, now = Date.now()): number | null {
  if (header === null || header.trim() === '') return null;
  const value = header.trim();
  const ms = /^\d+$/.test(value) ? Number(value) * 1000 : Date.parse(value) - now;
  if (!Number.isFinite(ms)) return null;
  return Math.min(MAX_RETRY_AFTER_MS, Math.max(0, ms));
}

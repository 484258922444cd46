// The browser host's fetch of the review service: Node's (undici's) fetch through the proxy that HTTPS_PROXY
// / HTTP_PROXY name, except for NO_PROXY hosts (the Electron app uses Chromium's net.fetch instead, which
// follows the system proxy). A proxy that cannot be reached is reported as a proxy problem, not "offline".
import { EnvHttpProxyAgent, fetch as undiciFetch } from 'undici';
import type { FetchLike } from '../core/service-client';

export interface ProxySettings {
  httpProxy?: string;
  httpsProxy?: string;
  noProxy?: string;
}

const pick = (env: NodeJS.ProcessEnv, name: string): string | undefined => env[name] ?? env[name.toLowerCase()] ?? undefined;

/** The proxy settings of an environment (upper or lower case names, as curl reads them). */
export function proxySettings(env: NodeJS.ProcessEnv = process.env): ProxySettings {
  return { httpProxy: pick(env, 'HTTP_PROXY'), httpsProxy: pick(env, 'HTTPS_PROXY'), noProxy: pick(env, 'NO_PROXY') };
}

const NOT_CONNECTED = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNRESET', 'UND_ERR_CONNECT_TIMEOUT']);

/** A fetch that honours the proxy settings; without any it is Node's fetch as it is. */
export function proxyAwareFetch(settings: ProxySettings = proxySettings()): FetchLike {
  const proxy = settings.httpsProxy ?? settings.httpProxy;
  if (!proxy) return (input, init) => fetch(input, init);
  const dispatcher = new EnvHttpProxyAgent({ httpProxy: settings.httpProxy ?? proxy, httpsProxy: proxy, noProxy: settings.noProxy ?? '' });
  const proxyHosts = new Set(
    [settings.httpProxy, settings.httpsProxy].flatMap((p) => {
      try {
        const u = new URL(p ?? '');
        return [`${u.hostname}:${u.port || (u.protocol === 'https:' ? '443' : '80')}`];
      } catch {
        return [];
      }
    }),
  );
  return async (input, init) => {
    try {
      return (await undiciFetch(input, { ...(init as object), dispatcher })) as unknown as Response;
    } catch (error) {
      // A connection refused or unresolved at the proxy's own address: the proxy is the problem.
      const cause = (error as { cause?: { code?: string; address?: string; port?: number; hostname?: string } }).cause;
      const at = cause ? `${cause.hostname ?? cause.address}:${cause.port}` : '';
      if (cause?.code && NOT_CONNECTED.has(cause.code) && proxyHosts.has(at)) {
        throw Object.assign(new Error(`the proxy ${at} cannot be reached (${cause.code})`), { code: 'PROXY_UNREACHABLE', cause: error });
      }
      throw error;
    }
  };
}

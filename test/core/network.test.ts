// The service client on a company network: a certificate this computer does not trust (TLS inspection,
// a self-signed service) and a proxy that refuses or is down are configuration problems naming the
// certificate, never "offline"; HTTPS_PROXY/NO_PROXY are honoured by the browser host's fetch; Retry-After
// on 429/503 is read. Real servers on loopback: a TLS server, an HTTP proxy and the review service.
import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import net, { type AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { proxyAwareFetch, proxySettings } from '../../electron/browser-host/proxy-fetch';
import { classifyNetworkFailure, retryAfterMs } from '../../electron/core/network-problems';
import { createServiceClient, NetworkConfigurationError, OfflineError, ServiceError } from '../../electron/core/service-client';
import { REPO_ROOT, startTestService, type TestService } from '../support/service';

const tlsDir = path.join(REPO_ROOT, 'test/fixtures/tls');
const listen = async (server: net.Server): Promise<number> => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
};
const close = (server: net.Server) => new Promise<void>((resolve) => server.close(() => resolve()));

/** A loopback HTTP proxy that tunnels CONNECT and counts what it carried; `refuse` answers 407 instead. */
function startProxy(refuse = false) {
  const tunnels: string[] = [];
  const sockets = new Set<net.Socket>();
  const server = http.createServer((_req, res) => res.writeHead(405).end());
  server.on('connect', (req: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    tunnels.push(req.url ?? '');
    sockets.add(client);
    if (refuse) {
      client.end('HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic\r\n\r\n');
      return;
    }
    const [host, port] = (req.url ?? '').split(':');
    const upstream = net.connect(Number(port), host, () => {
      sockets.add(upstream);
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  // Tunnels are kept alive: cut them so the proxy can close.
  const stop = () => {
    for (const s of sockets) s.destroy();
    return close(server);
  };
  return { server, tunnels, stop };
}

let service: TestService;
let tlsServer: https.Server;
let tlsUrl: string;
let statusServer: http.Server;
let statusUrl: string;

beforeAll(async () => {
  service = await startTestService({ demoClaims: 0 });
  tlsServer = https.createServer(
    { key: readFileSync(path.join(tlsDir, 'self-signed.key')), cert: readFileSync(path.join(tlsDir, 'self-signed.crt')) },
    (_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok","version":"x","now":"2026-01-01T00:00:00.000Z"}'),
  );
  tlsUrl = `https://127.0.0.1:${await listen(tlsServer)}`;
  // Answers 429 or 503 with the Retry-After the path names: /api/v1/claims/<status>-<retry-after>.
  statusServer = http.createServer((req, res) => {
    const [status, after] = decodeURIComponent(req.url!.split('/').pop()!).split('-');
    res
      .writeHead(Number(status), { 'retry-after': after!, 'content-type': 'application/problem+json' })
      .end(JSON.stringify({ type: 'urn:poe:problem:rate-limited', title: 'Slow down', status: Number(status), detail: 'too many requests' }));
  });
  statusUrl = `http://127.0.0.1:${await listen(statusServer)}`;
});
afterAll(async () => {
  await service.stop();
  await close(tlsServer);
  await close(statusServer);
});

describe('a certificate this computer does not trust', () => {
  for (const [name, fetchFn] of [
    ['Node fetch', undefined],
    ['the browser host fetch', proxyAwareFetch({})],
  ] as const) {
    it(`is a certificate problem naming subject and issuer, not offline (${name})`, async () => {
      const client = createServiceClient(tlsUrl, { fetch: fetchFn, timeoutMs: 5_000 });
      const error = await client.call('health').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(NetworkConfigurationError);
      expect(error).not.toBeInstanceOf(OfflineError);
      const e = error as NetworkConfigurationError;
      expect(e.kind).toBe('certificate');
      expect(e.code).toMatch(/SELF_SIGNED/);
      expect(e.certificate).toEqual({
        subject: 'O=PoE Test Inspection, CN=service.poe-review.invalid',
        issuer: 'O=PoE Test Inspection, CN=service.poe-review.invalid',
      });
      expect(e.problem).toMatchObject({ status: 502, type: 'urn:poe:problem:network-configuration' });
      expect(e.problem.detail).toContain('CN=service.poe-review.invalid');
      expect(e.problem.detail).toContain('not being offline');
    });
  }

  it("reads Chromium's certificate and proxy errors (Electron's net.fetch) the same way", () => {
    expect(classifyNetworkFailure(new Error('net::ERR_CERT_AUTHORITY_INVALID'))).toEqual({ kind: 'certificate', code: 'ERR_CERT_AUTHORITY_INVALID' });
    expect(classifyNetworkFailure(new Error('net::ERR_PROXY_CONNECTION_FAILED'))).toEqual({ kind: 'proxy', code: 'ERR_PROXY_CONNECTION_FAILED' });
    expect(classifyNetworkFailure(new Error('net::ERR_TUNNEL_CONNECTION_FAILED'))).toEqual({ kind: 'proxy', code: 'ERR_TUNNEL_CONNECTION_FAILED' });
    expect(classifyNetworkFailure(new Error('net::ERR_INTERNET_DISCONNECTED'))).toBeNull();
    expect(classifyNetworkFailure(Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } }))).toBeNull();
  });
});

describe('the proxy settings of the browser host', () => {
  it('reads HTTPS_PROXY, HTTP_PROXY and NO_PROXY in either case', () => {
    expect(proxySettings({ https_proxy: 'http://p:3128', NO_PROXY: 'localhost' })).toEqual({
      httpProxy: undefined,
      httpsProxy: 'http://p:3128',
      noProxy: 'localhost',
    });
  });

  it('sends requests through the proxy, except for NO_PROXY hosts', async () => {
    const { server, tunnels, stop } = startProxy();
    const proxy = `http://127.0.0.1:${await listen(server)}`;
    try {
      const through = createServiceClient(service.url, { fetch: proxyAwareFetch({ httpsProxy: proxy, httpProxy: proxy }) });
      expect((await through.call('health')).status).toBe('ok');
      expect(tunnels).toEqual([new URL(service.url).host]);
      const bypass = createServiceClient(service.url, { fetch: proxyAwareFetch({ httpsProxy: proxy, httpProxy: proxy, noProxy: '127.0.0.1' }) });
      expect((await bypass.call('health')).status).toBe('ok');
      expect(tunnels).toHaveLength(1);
    } finally {
      await stop();
    }
  });

  it('reports a proxy that refuses (407) or is down as a proxy problem, not offline', async () => {
    const { server, stop } = startProxy(true);
    const refusing = `http://127.0.0.1:${await listen(server)}`;
    try {
      const error = await createServiceClient(service.url, { fetch: proxyAwareFetch({ httpProxy: refusing }) })
        .call('health')
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(NetworkConfigurationError);
      expect(error).toMatchObject({ kind: 'proxy', code: 'PROXY_407' });
    } finally {
      await stop();
    }
    const down = http.createServer();
    const downUrl = `http://127.0.0.1:${await listen(down)}`;
    await close(down);
    const error = await createServiceClient(service.url, { fetch: proxyAwareFetch({ httpProxy: downUrl }) })
      .call('health')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkConfigurationError);
    expect(error).toMatchObject({ kind: 'proxy', code: 'PROXY_UNREACHABLE' });
    expect((error as Error).message).toContain(new URL(downUrl).host);
  });
});

describe('Retry-After', () => {
  it('is read from a 429 (seconds) and a 503 (HTTP date)', async () => {
    const client = createServiceClient(statusUrl);
    const limited = (await client.call('claimGet', { params: { id: '429-120' } }).catch((e: unknown) => e)) as ServiceError;
    expect(limited).toBeInstanceOf(ServiceError);
    expect(limited.retryAfterMs).toBe(120_000);
    const when = new Date(Date.now() + 90_000).toUTCString();
    const down = (await client.call('claimGet', { params: { id: `503-${when}` } }).catch((e: unknown) => e)) as OfflineError;
    expect(down).toBeInstanceOf(OfflineError);
    expect(down.retryAfterMs).toBeGreaterThan(80_000);
    expect(down.retryAfterMs).toBeLessThanOrEqual(90_000);
  });

  it('ignores nonsense and caps absurd waits', () => {
    expect(retryAfterMs(null)).toBeNull();
    expect(retryAfterMs('soon')).toBeNull();
    expect(retryAfterMs('99999999')).toBe(6 * 3600_000);
    expect(retryAfterMs(new Date(0).toUTCString(), 1000)).toBe(0);
  });
});

// The service as an operator runs it: a request log on by default with request ids and no password or
// token in it ever, a 500 that is really logged under the id it names, security headers and no-store on
// every answer, a readiness route that fails when the database is gone, and a shutdown that ends in time.
import { rmSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ServiceClock } from '../../server/clock';
import { buildHttp } from '../../server/http/app';
import { READY_PATH } from '../../server/http/observability';
import { DEFAULT_CLAIM_LIMITS } from '../../server/app/claim-limits';
import { DEFAULT_OFFLINE_LEASE_MAX_MINUTES } from '../../server/app/leases';
import { DATABASE_FILE, openSqliteStore } from '../../server/store/sqlite-store';
import { DEFAULT_CALENDAR } from '../../shared/domain';
import { removeDir, signIn, startTestService, tempDir, type TestService } from '../support/service';

const PASSWORD = 'Tr0ub4dor&3-never-logged';
const lines: string[] = [];
const stream = { write: (line: string) => void lines.push(line) };
let svc: TestService;

beforeAll(async () => {
  svc = await startTestService({ demoClaims: 0, log: { level: 'info', stream } });
});
afterAll(async () => {
  await svc.stop();
});

describe('the request log', () => {
  it('is on by default at info: JSON lines with a request id per request, echoed as x-request-id', async () => {
    const res = await fetch(`${svc.url}/api/v1/health`);
    const id = res.headers.get('x-request-id');
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    const entries = lines.map((l) => JSON.parse(l) as { reqId?: string; msg: string; level: number });
    expect(entries.filter((e) => e.reqId === id).map((e) => e.msg)).toEqual(['incoming request', 'request completed']);
    expect(entries.every((e) => e.level >= 30)).toBe(true);
  });

  it('never holds a password, a bearer token or a session token, whatever the request', async () => {
    const wrong = await fetch(`${svc.url}/api/v1/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: `s=${PASSWORD}`, 'proxy-authorization': `Basic ${PASSWORD}` },
      body: JSON.stringify({ username: 'rev1', password: PASSWORD }),
    });
    expect(wrong.status).toBe(401);
    const bad = await fetch(`${svc.url}/api/v1/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: `{"username":"rev1","password":"${PASSWORD}"`,
    });
    expect(bad.status).toBe(400);
    const rev = await signIn(svc.url, 'rev1');
    await rev.call('me');
    await fetch(`${svc.url}/api/v1/me`, { headers: { authorization: `Bearer ${PASSWORD}` } });
    const all = lines.join('\n');
    expect(all).toContain('/api/v1/sessions');
    expect(all).toContain('/api/v1/me');
    expect(all).not.toContain(PASSWORD);
    expect(all).not.toContain(rev.token);
  });
});

describe('every answer', () => {
  it('carries the security headers, and claim data is never stored by a cache', async () => {
    const rev = await signIn(svc.url, 'rev1');
    for (const res of [await fetch(`${svc.url}/api/v1/health`), await rev.raw('claimList', { query: {} }), await fetch(`${svc.url}/api/v1/nope`)]) {
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
      expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    }
  });
});

describe('readiness', () => {
  it('is ready while the database answers, and not when its file is gone', async () => {
    const dataDir = tempDir();
    const other = await startTestService({ demoClaims: 0, dataDir });
    try {
      const ready = await fetch(`${other.url}${READY_PATH}`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toEqual({ status: 'ready' });
      for (const suffix of ['', '-wal', '-shm']) rmSync(path.join(dataDir, DATABASE_FILE + suffix), { force: true });
      const gone = await fetch(`${other.url}${READY_PATH}`);
      expect(gone.status).toBe(503);
      expect(await gone.json()).toMatchObject({ status: 503, detail: expect.stringContaining('is gone') });
    } finally {
      await other.stop();
      removeDir(dataDir);
    }
  });

  it('fails when the database cannot be read, and a request that fails is logged under the id its 500 names', async () => {
    const dataDir = tempDir();
    const own: string[] = [];
    const store = await openSqliteStore(dataDir);
    const http = await buildHttp(
      {
        store,
        clock: new ServiceClock(),
        calendar: DEFAULT_CALENDAR,
        leaseMinutes: 30,
        offlineLeaseMaxMinutes: DEFAULT_OFFLINE_LEASE_MAX_MINUTES,
        maxUploadBytes: 1024,
        claimLimits: DEFAULT_CLAIM_LIMITS,
      },
      { version: 'test', testClock: false, log: { level: 'info', stream: { write: (l) => void own.push(l) } } },
    );
    try {
      await store.close();
      const ready = await http.inject({ method: 'GET', url: READY_PATH });
      expect(ready.statusCode).toBe(503);
      expect(ready.json()).toMatchObject({ detail: expect.stringContaining('cannot be read') });
      const failed = await http.inject({ method: 'POST', url: '/api/v1/sessions', payload: { username: 'rev1', password: PASSWORD } });
      expect(failed.statusCode).toBe(500);
      const id = failed.headers['x-request-id'] as string;
      expect(failed.json().detail).toContain(id);
      const logged = own
        .map((l) => JSON.parse(l) as { reqId?: string; level: number; msg: string; err?: { message: string } })
        .find((e) => e.reqId === id && e.level === 50);
      expect(logged?.msg).toBe('unexpected error');
      expect(logged?.err?.message).toBeTruthy();
      expect(own.join('\n')).not.toContain(PASSWORD);
    } finally {
      await http.close();
      removeDir(dataDir);
    }
  });
});

describe('shutdown', () => {
  it('lets requests in flight finish only up to its time limit, then cuts them and closes', async () => {
    let arrived: () => void = () => undefined;
    const inFlight = new Promise<void>((resolve) => {
      arrived = resolve;
    });
    const log = {
      write: (l: string) => {
        if (l.includes('incoming request')) arrived();
      },
    };
    const slow = await startTestService({ demoClaims: 0, shutdownTimeoutMs: 300, log: { level: 'info', stream: log } });
    // A request whose body never ends: without the limit, close() would wait for it for ever.
    const socket = net.connect(slow.port, '127.0.0.1');
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    socket.write('POST /api/v1/sessions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"user');
    const cut = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    await inFlight;
    const started = Date.now();
    await slow.stop();
    await cut;
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});

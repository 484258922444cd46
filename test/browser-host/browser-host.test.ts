// The browser host as a browser (or an attacker) meets it on 127.0.0.1: the launch key guards the API
// and the event stream, Host and Origin must be its own, every RPC input is validated against the
// method table with the field named, the page carries its CSP, and events arrive as server-sent events.
import http from 'node:http';
import { existsSync, mkdtempSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { PROBLEM_TYPES, WORKSTATION_METHODS, workstationApi, type MethodInput, type Problem, type WorkstationMethod } from '../../shared/contracts';
import { runBrowserHost, type RunningWorkstation } from '../../electron/browser-host/main';
import { parseOptions } from '../../electron/core/cli-options';
import { CONTENT_SECURITY_POLICY } from '../../electron/core/csp';

let dir: string;
let ws: RunningWorkstation;
let origin: string;
let key: string;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'browser-host-'));
  const renderer = path.join(dir, 'renderer');
  mkdirSync(renderer);
  writeFileSync(path.join(renderer, 'index.html'), '<!doctype html><title>workstation</title><script type="module" src="./app.js"></script>');
  writeFileSync(path.join(renderer, 'app.js'), 'console.log("app")');
  ws = await runBrowserHost(parseOptions(['--headless', '--port', '0', '--service', 'http://127.0.0.1:9', '--profile', path.join(dir, 'profile')]), renderer);
  origin = ws.host.origin;
  key = ws.host.key;
});
afterAll(async () => {
  await ws?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A raw HTTP request, so Host and Origin can be anything. */
function request(
  p: string,
  o: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: ws.host.port, path: p, method: o.method ?? 'GET', headers: o.headers }, (res) => {
      let body = '';
      res
        .setEncoding('utf8')
        .on('data', (c: string) => {
          body += c;
        })
        .on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end(o.body);
  });
}
const rpc = (method: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${origin}/rpc/${method}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

describe('the launch key', () => {
  it('is printed in the URL fragment: 32 random bytes, base64url', () => {
    expect(ws.host.url).toBe(`${origin}/#key=${key}`);
    expect(Buffer.from(key, 'base64url')).toHaveLength(32);
    expect(origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('is required by every RPC: 401 without it or with a wrong one', async () => {
    const none = await fetch(`${origin}/rpc/settings.get`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(none.status).toBe(401);
    expect(none.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(((await none.json()) as Problem).type).toBe(PROBLEM_TYPES.unauthorized);
    expect((await rpc('settings.get', {}, { authorization: `Bearer ${key.slice(0, -2)}xx` })).status).toBe(401);
    expect((await rpc('no.such-method', {}, { authorization: 'Bearer nope' })).status).toBe(401);
    const ok = await rpc('settings.get', {});
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ language: 'en', serviceUrl: 'http://127.0.0.1:9' });
  });

  it('is required by the event stream in a header or as a session cookie, never in the query', async () => {
    expect((await fetch(`${origin}/events`)).status).toBe(401);
    expect((await fetch(`${origin}/events?key=${key}`)).status).toBe(401);
    const byHeader = await fetch(`${origin}/events`, { headers: { authorization: `Bearer ${key}` } });
    expect(byHeader.status).toBe(200);
    await byHeader.body?.cancel();
  });

  it('is traded for an HttpOnly, SameSite=Strict session cookie that RPC and events accept', async () => {
    expect((await fetch(`${origin}/session`, { method: 'POST' })).status).toBe(401);
    const traded = await fetch(`${origin}/session`, { method: 'POST', headers: { authorization: `Bearer ${key}` } });
    expect(traded.status).toBe(204);
    const cookie = traded.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^poe_workstation_session_\d+=[\w-]{43}; HttpOnly; SameSite=Strict; Path=\/$/);
    expect(cookie).not.toContain(key);
    const pair = cookie.split(';')[0]!;
    expect((await fetch(`${origin}/session`, { headers: { cookie: pair } })).status).toBe(204);
    expect(
      (await fetch(`${origin}/rpc/settings.get`, { method: 'POST', headers: { cookie: pair, 'content-type': 'application/json' }, body: '{}' })).status,
    ).toBe(200);
    const events = await fetch(`${origin}/events`, { headers: { cookie: pair } });
    expect(events.status).toBe(200);
    await events.body?.cancel();
    expect(
      (
        await fetch(`${origin}/rpc/settings.get`, {
          method: 'POST',
          headers: { cookie: `${pair.slice(0, -2)}xx`, 'content-type': 'application/json' },
          body: '{}',
        })
      ).status,
    ).toBe(401);
  });

  it('opens one browser session per redirect file: its code works once, and the file is gone after', async () => {
    const file = ws.host.launchFile(dir);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const html = readFileSync(file, 'utf8');
    expect(html).not.toContain(key);
    const code = /name="code" value="([^"]+)"/.exec(html)![1]!;
    const post = () =>
      request('/launch', {
        method: 'POST',
        headers: { host: `127.0.0.1:${ws.host.port}`, origin: 'null', 'content-type': 'application/x-www-form-urlencoded' },
        body: `code=${code}`,
      });
    const first = await post();
    expect(first.status).toBe(303);
    expect(first.headers.location).toBe('/');
    expect(String(first.headers['set-cookie'])).toMatch(/HttpOnly; SameSite=Strict/);
    expect(existsSync(file)).toBe(false);
    expect((await post()).status).toBe(401);
  });

  it('is not needed for the page itself, which carries the CSP', async () => {
    const page = await fetch(`${origin}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>workstation</title>');
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    expect((await fetch(`${origin}/app.js`)).status).toBe(200);
    expect((await fetch(`${origin}/../package.json`)).status).toBe(404);
  });
});

describe('Host and Origin', () => {
  it('refuses a Host header other than 127.0.0.1 or localhost on its port (DNS rebinding): 403', async () => {
    const port = ws.host.port;
    for (const host of ['evil.example', `evil.example:${port}`, `127.0.0.1:${port + 1}`, `10.0.0.1:${port}`]) {
      const res = await request('/rpc/settings.get', {
        method: 'POST',
        headers: { host, authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: '{}',
      });
      expect(res.status, host).toBe(403);
    }
    expect((await request('/', { headers: { host: 'evil.example' } })).status).toBe(403);
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`]) {
      const res = await request('/rpc/settings.get', {
        method: 'POST',
        headers: { host, authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: '{}',
      });
      expect(res.status, host).toBe(200);
    }
  });

  it('refuses a request from another origin: 403', async () => {
    expect((await rpc('settings.get', {}, { origin: 'http://evil.example' })).status).toBe(403);
    expect((await rpc('settings.get', {}, { origin: `http://localhost:${ws.host.port}` })).status).toBe(403);
    expect((await rpc('settings.get', {}, { origin })).status).toBe(200);
  });
});

describe('RPC', () => {
  it('answers 404 for a method that is not in the table', async () => {
    const res = await rpc('queue.delete-everything', {});
    expect(res.status).toBe(404);
    expect(((await res.json()) as Problem).type).toBe(PROBLEM_TYPES.notFound);
  });

  it('answers malformed JSON with a 400 problem', async () => {
    const res = await fetch(`${origin}/rpc/settings.get`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: '{"oops',
    });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
  });

  // A valid input of every method: the cases below break one field at a time.
  const uuid = '0192f5a0-0000-7000-8000-000000000001';
  const VALID: { [M in WorkstationMethod]: MethodInput<M> } = {
    'session.login': { username: 'rev1', password: 'demo', serviceUrl: 'http://127.0.0.1:9' },
    'session.logout': {},
    'session.current': {},
    'queue.pull': { size: 10 },
    'queue.list': { filter: { status: ['in-review'], due: 'overdue', pendingOnly: true }, sort: 'partner', search: 'contoso', limit: 50 },
    'queue.release': {},
    'claim.get': { id: 'CLM-1' },
    'claim.lease': { id: 'CLM-1' },
    'assist.get': { claimId: 'CLM-1' },
    'assist.run': { claimId: 'CLM-1' },
    'document.get': { sha256: 'a'.repeat(64) },
    'document.openExternal': { sha256: 'a'.repeat(64) },
    'review.checklist': { claimId: 'CLM-1', code: 'missing-product', productId: 'p1', checked: true, note: 'n' },
    'review.comment': { claimId: 'CLM-1', text: 'hello' },
    'review.decide': { claimId: 'CLM-1', decision: { kind: 'approve', message: null } },
    'review.undo': { entryId: uuid },
    'sync.run': {},
    'sync.status': {},
    'conflicts.list': {},
    'conflicts.resolve': { entryId: uuid, choice: 'discard' },
    'settings.get': {},
    'settings.set': { language: 'zh-TW', timeZone: 'Asia/Taipei', shortcuts: { approve: 'a' }, batchSize: 20, serviceUrl: 'http://127.0.0.1:9' },
    'outbox.export': {},
    'outbox.import': { json: '{"format":"poe-workstation-outbox"}' },
    'app.diagnostics': {},
    'app.about': {},
    'audit.pull': {
      seed: 7,
      mode: 'stratified',
      from: '2026-03-02T00:00:00.000Z',
      to: '2026-03-09T00:00:00.000Z',
      reviewerIds: ['u-rev1'],
      kinds: ['reject'],
      reasons: ['missing-product'],
      size: 10,
      minPerReviewer: 2,
      rate: 0.1,
      rejectionRate: 0.2,
    },
    'audit.list': { blind: true },
    'audit.get': { claimId: 'CLM-1', blind: true },
    'audit.draft': { claimId: 'CLM-1', findings: [{ target: 'missing-product', answer: true, verdict: null, note: 'n' }] },
    'audit.submit': { claimId: 'CLM-1' },
    'audit.correct': { claimId: 'CLM-1' },
    'audit.discard': { claimId: 'CLM-1' },
    'audit.stats': { from: '2026-03-02T00:00:00.000Z', to: '2026-03-09T00:00:00.000Z', reviewerId: 'u-rev1' },
    'audit.export': { kind: 'audits', from: '2026-03-02T00:00:00.000Z', to: '2026-03-09T00:00:00.000Z', reviewerId: 'u-rev1' },
    'audit.mine': {},
    'audit.reviewers': {},
    'audit.setReviewer': { reviewerId: 'u-rev1', experience: 'experienced', customRate: 0.05 },
  };
  const WRONG_VALUES: unknown[] = [12345, 'not valid', true, null, [], { unexpected: 1 }, -1, 'x'.repeat(20_001)];

  /** For each top-level field of a method's input: the first value its schema refuses. */
  const cases = WORKSTATION_METHODS.flatMap((method) => {
    const schema = workstationApi[method].input as unknown as z.ZodObject;
    return Object.keys(schema.shape).map((field) => {
      const bad = WRONG_VALUES.find((v) => !schema.safeParse({ ...(VALID[method] as object), [field]: v }).success);
      return { method, field, bad };
    });
  });

  it('has a valid example for every method, and a refused value for every field', () => {
    for (const method of WORKSTATION_METHODS) expect(workstationApi[method].input.safeParse(VALID[method]).success, method).toBe(true);
    expect(cases.filter((c) => c.bad === undefined)).toEqual([]);
    expect(new Set(cases.map((c) => c.method)).size).toBeGreaterThan(5);
  });

  it.each(cases)('$method: a bad $field is answered 400 naming the field', async ({ method, field, bad }) => {
    const res = await rpc(method, { ...(VALID[method] as object), [field]: bad });
    expect(res.status).toBe(400);
    const problem = (await res.json()) as Problem;
    expect(problem.type).toBe(PROBLEM_TYPES.validation);
    expect(problem.field === field || problem.field?.startsWith(`${field}.`), `${problem.field} names ${field}`).toBe(true);
    expect(problem.detail).toContain(problem.field!);
  });

  it.each(WORKSTATION_METHODS)('%s: an input that is not an object is answered 400 naming the input', async (method) => {
    const res = await rpc(method, ['not', 'an', 'object']);
    expect(res.status).toBe(400);
    expect(((await res.json()) as Problem).field).toBe('input');
  });
});

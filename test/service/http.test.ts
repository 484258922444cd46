// The HTTP contract of the service: sign-in and sessions, problem documents for every kind of bad
// request (never a 5xx), the OpenAPI document generated from the shared route table.
import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serviceApi } from '../../shared/contracts';
import { CHECKLIST_REASONS, REJECTION_REASONS } from '../../shared/domain';
import { client, signIn, startTestService, type TestService } from '../support/service';

let svc: TestService;
beforeAll(async () => {
  svc = await startTestService({ demoClaims: 0 });
});
afterAll(async () => {
  await svc.stop();
});

const post = (path: string, body: string, headers: Record<string, string> = {}) => fetch(`${svc.url}${path}`, { method: 'POST', headers, body });

describe('sessions', () => {
  it('signs in with the right password and answers a wrong username or password with the same 401', async () => {
    const ok = await client(svc.url).call('login', { body: { username: 'rev1', password: 'demo' } });
    expect(ok.user).toEqual({ id: 'u-rev1', name: 'Mei-Ling Chen', role: 'reviewer' });
    expect(Date.parse(ok.expiresAt) - Date.now()).toBeGreaterThan(7.9 * 3_600_000);
    const wrongPassword = await client(svc.url).raw('login', { body: { username: 'rev1', password: 'nope' } });
    const wrongUser = await client(svc.url).raw('login', { body: { username: 'nobody', password: 'demo' } });
    expect(wrongPassword.status).toBe(401);
    expect(wrongUser.status).toBe(401);
    expect(await wrongPassword.json()).toEqual(await wrongUser.json());
  });

  it('revokes the token on logout', async () => {
    const rev = await signIn(svc.url, 'rev1');
    expect(await rev.call('me')).toMatchObject({ id: 'u-rev1', role: 'reviewer' });
    await rev.call('logout');
    const after = await rev.raw('me');
    expect(after.status).toBe(401);
    expect((await after.json()).detail).toMatch(/not valid/);
  });

  it('refuses calls without a token, or with a made-up one, with 401', async () => {
    expect((await client(svc.url).raw('me')).status).toBe(401);
    expect((await client(svc.url, 'made-up').raw('claimList', { query: {} })).status).toBe(401);
  });
});

describe('bad requests', () => {
  it('answers malformed JSON with a 400 problem naming the body', async () => {
    const res = await post('/api/v1/sessions', '{"username": "rev1", ', { 'content-type': 'application/json' });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(await res.json()).toMatchObject({ status: 400, field: 'body', type: 'urn:poe:problem:validation' });
  });

  it('answers a wrong content type with 415 and a missing body with 400', async () => {
    const text = await post('/api/v1/sessions', 'username=rev1', { 'content-type': 'text/plain' });
    expect(text.status).toBe(415);
    const form = await post('/api/v1/sessions', 'username=rev1', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(form.status).toBe(415);
    const bytes = await post('/api/v1/sessions', 'xx', { 'content-type': 'application/octet-stream' });
    expect(bytes.status).toBe(415);
    const none = await post('/api/v1/sessions', '');
    expect(none.status).toBe(400);
    expect((await none.json()).field).toBe('body.username');
  });

  it('names the offending field of a schema violation', async () => {
    const rev = await signIn(svc.url, 'rev1');
    const res = await rev.raw('leaseCreate', { body: { size: 0 } });
    expect(res.status).toBe(400);
    const p = await res.json();
    expect(p.field).toBe('body.size');
    expect(p.detail).toMatch(/^body\.size: /);
    const q = await rev.raw('changes', { query: { after: -1 } as never });
    expect((await q.json()).field).toBe('query.after');
    const sha = await rev.raw('documentGet', { params: { sha256: 'not-a-hash' } });
    expect((await sha.json()).field).toBe('params.sha256');
  });

  it('answers an unknown route with a 404 problem, and a route of the wrong role with 403', async () => {
    const res = await fetch(`${svc.url}/api/v1/nothing-here`);
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ status: 404, type: 'urn:poe:problem:not-found' });
    const partner = await signIn(svc.url, 'partner1');
    expect((await partner.raw('changes', { query: {} })).status).toBe(403);
  });

  it('answers a huge JSON body with 413, not a crash', async () => {
    const res = await post('/api/v1/sessions', JSON.stringify({ username: 'x'.repeat(9 * 1024 * 1024), password: 'y' }), {
      'content-type': 'application/json',
    });
    expect(res.status).toBe(413);
    expect((await res.json()).status).toBe(413);
  });
});

describe('the OpenAPI document', () => {
  it('lists every route of the shared table, with the checklist and rejection reason codes as enums', async () => {
    const doc = await (await fetch(`${svc.url}/api/v1/openapi.json`)).json();
    expect(doc.openapi).toMatch(/^3\.1/);
    const validation = await new Validator().validate(doc);
    expect(validation.errors ?? []).toEqual([]);
    expect(validation.valid).toBe(true);
    for (const [name, def] of Object.entries(serviceApi)) {
      const op = doc.paths[def.path.replace(/:(\w+)/g, '{$1}')]?.[def.method.toLowerCase()];
      expect(op, `${name} ${def.method} ${def.path}`).toBeDefined();
      expect(op.operationId).toBe(name);
    }
    expect(doc.components.schemas.ChecklistReason.enum).toEqual([...CHECKLIST_REASONS]);
    expect(doc.components.schemas.RejectionReason.enum).toEqual([...REJECTION_REASONS]);
    const text = JSON.stringify(doc.paths['/api/v1/mutations'].post.requestBody);
    for (const code of [...CHECKLIST_REASONS, 'insufficient-poe']) expect(text).toContain(code);
  });
});

describe('the test clock', () => {
  it('moves the service clock when enabled, and does not exist otherwise', async () => {
    const before = Date.parse((await client(svc.url).call('calendar')).now);
    const { now } = await client(svc.url).call('testClock', { body: { advance: 'P2DT3H' } });
    expect(Date.parse(now) - before).toBeGreaterThanOrEqual((2 * 24 + 3) * 3_600_000);
    expect((await client(svc.url).raw('testClock', { body: { advance: 'yesterday' } })).status).toBe(400);
    const plain = await startTestService({ demo: false, testClock: false });
    try {
      const res = await client(plain.url).raw('testClock', { body: { advance: 'P1D' } });
      expect(res.status).toBe(404);
      expect((await client(plain.url).call('health')).status).toBe('ok');
    } finally {
      await plain.stop();
    }
  });
});

// Signing in: online against the service, then offline with the same username and password (a scrypt
// verifier in the profile, never the password); the session and settings survive a restart.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { WorkstationError } from '../../shared/contracts';
import { openCore, reviewerBehindLink, serviceWithClaims } from './harness';
import { startLink } from './link';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});
const problemOf = async (p: Promise<unknown>) => ((await p.catch((e: unknown) => e)) as WorkstationError).problem;

describe('signing in', () => {
  it("remembers who signed in last and the service's business calendar, across a sign-out", async () => {
    const calendar = { timeZone: 'Asia/Taipei', holidays: ['2026-10-09', '2026-12-25'] };
    const svc = await serviceWithClaims(0, { calendar });
    cleanups.push(() => svc.close());
    const ws = await openCore(svc.service.url);
    cleanups.push(() => ws.close());

    expect(await ws.call('session.current', {})).toMatchObject({ user: null, lastUsername: null, calendar: null });
    await ws.call('session.login', { username: 'rev2', password: 'demo' });
    await ws.call('session.logout', {});
    expect(await ws.call('session.current', {})).toMatchObject({ user: null, lastUsername: 'rev2', calendar });
  });

  it('works offline after one online sign-in, refuses a wrong password, and syncs again once online', async () => {
    const svc = await serviceWithClaims(1);
    cleanups.push(() => svc.close());
    const link = await startLink(svc.service.url);
    cleanups.push(() => link.close());
    const ws = await openCore(link.url);
    cleanups.push(() => ws.close());

    expect((await problemOf(ws.call('session.login', { username: 'rev1', password: 'wrong' }))).status).toBe(401);
    const online = await ws.call('session.login', { username: 'rev1', password: 'demo' });
    expect(online).toMatchObject({ offline: false, user: { id: 'u-rev1', role: 'reviewer' } });
    await ws.call('queue.pull', { size: 1 });
    await ws.call('session.logout', {});
    expect((await ws.call('session.current', {})).user).toBeNull();
    expect((await problemOf(ws.call('queue.list', {}))).status).toBe(401);

    link.cut = true;
    const offline = await ws.call('session.login', { username: 'rev1', password: 'demo' });
    expect(offline).toMatchObject({ offline: true, user: { id: 'u-rev1' } });
    expect((await ws.call('queue.list', {})).total).toBe(1);
    expect((await problemOf(ws.call('session.login', { username: 'rev1', password: 'not-demo' }))).status).toBe(401);
    expect((await problemOf(ws.call('session.login', { username: 'rev2', password: 'demo' }))).status).toBe(503);

    const verifier = ws.core.store.db.prepare('SELECT verifier FROM credentials WHERE username = ?').get('rev1') as { verifier: string };
    expect(verifier.verifier).toMatch(/^scrypt\$/);
    expect(verifier.verifier.split('$')).not.toContain('demo');

    // The token was revoked by the logout: back online, the workstation signs in again by itself.
    await ws.call('session.login', { username: 'rev1', password: 'demo' });
    link.cut = false;
    await ws.call('review.comment', { claimId: svc.claimIds[0]!, text: 'Back online.' });
    expect(await ws.call('sync.run', {})).toMatchObject({ connection: 'online', pending: 0, lastError: null });
  });

  it('keeps the session and the settings across a restart, and refuses bad settings naming the field', async () => {
    const svc = await serviceWithClaims(0);
    cleanups.push(() => svc.close());
    const profileDir = mkdtempSync(path.join(os.tmpdir(), 'session-'));
    cleanups.push(() => rmSync(profileDir, { recursive: true, force: true }));
    const first = await openCore(svc.service.url, { profileDir });
    expect(await first.call('settings.get', {})).toEqual({ language: 'en', timeZone: null, shortcuts: {}, batchSize: 25, serviceUrl: svc.service.url });
    await first.call('session.login', { username: 'rev2', password: 'demo' });
    await first.call('settings.set', { language: 'zh-TW', timeZone: 'Asia/Taipei', shortcuts: { approve: 'a' }, batchSize: 40 });
    expect(await problemOf(first.call('settings.set', { batchSize: 0 }))).toMatchObject({ status: 400, field: 'batchSize' });
    await first.close();

    const second = await openCore(svc.service.url, { profileDir });
    cleanups.push(() => second.close());
    expect((await second.call('session.current', {})).user?.id).toBe('u-rev2');
    expect(await second.call('settings.get', {})).toMatchObject({ language: 'zh-TW', timeZone: 'Asia/Taipei', shortcuts: { approve: 'a' }, batchSize: 40 });
  });

  it('will not sign in another reviewer while actions of the last one wait to be synced', async () => {
    const setup = await reviewerBehindLink();
    cleanups.push(() => setup.close());
    const { svc, link, ws } = setup;
    // Every push is lost on the way; sign-in requests still get through.
    link.onResponse = (method, urlPath) => !(method === 'POST' && urlPath === '/api/v1/mutations');
    await ws.call('review.decide', { claimId: svc.claimIds[0]!, decision: { kind: 'approve', message: null } });
    const p = await problemOf(ws.call('session.login', { username: 'rev2', password: 'demo' }));
    expect(p.status).toBe(409);
    expect(p.detail).toMatch(/u-rev1/);
    expect(ws.core.store.outboxCounts().pending).toBe(1);
  });
});

// The service as a process: data survives a kill and a restart, clean shutdown on SIGTERM, the
// command line refuses bad options with exit code 2, and a database from a newer version is refused.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { startService } from '../../server/service';
import { client, removeDir, runServiceCli, signIn, spawnService, startTestService, tempDir, type ChildService } from '../support/service';
import { mutation, submittedClaim } from './fixtures';

const dirs: string[] = [];
const children: ChildService[] = [];
afterEach(async () => {
  for (const c of children.splice(0)) await c.kill('SIGKILL');
  for (const d of dirs.splice(0)) removeDir(d);
});
const newDir = () => {
  const d = tempDir();
  dirs.push(d);
  return d;
};
const writeJson = (value: unknown): string => {
  const file = path.join(newDir(), 'calendar.json');
  fs.writeFileSync(file, JSON.stringify(value));
  return file;
};
const spawnOn = async (dataDir: string, extra: string[] = []) => {
  const c = await spawnService(['--port', '0', '--data', dataDir, '--demo', '--demo-claims', '0', ...extra]);
  children.push(c);
  return c;
};

describe('the service process', () => {
  it('prints where it listens, keeps everything across a kill and a restart, and stops cleanly on SIGTERM', async () => {
    const dataDir = newDir();
    const first = await spawnOn(dataDir);
    expect(first.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const partner = await signIn(first.url, 'partner1');
    const claim = await submittedClaim(partner);
    const rev = await signIn(first.url, 'rev1');
    const { claims } = await rev.call('leaseCreate', { body: { size: 5 } });
    const m = mutation(claims[0]!, 'comment', { text: 'before the crash' });
    await rev.call('mutations', { body: { mutations: [m] } });
    const before = await rev.call('claimGet', { params: { id: claim.id } });
    expect(await first.kill('SIGKILL')).toMatchObject({ signal: 'SIGKILL' });

    const second = await spawnOn(dataDir);
    expect(second.stderr()).toMatch(/already holds data/);
    // The token issued before the restart is still valid, and the lease still held.
    const revAgain = client(second.url, rev.token);
    const after = await revAgain.call('claimGet', { params: { id: claim.id } });
    expect(after).toEqual(before);
    const replay = await revAgain.call('mutations', { body: { mutations: [m] } });
    expect(replay.results[0]!.outcome).toBe('duplicate');
    const { changes } = await revAgain.call('changes', { query: { after: 0 } });
    expect(changes.map((c) => c.kind)).toEqual(['created', 'document-added', 'submitted', 'lease-acquired', 'review-started', 'comment']);
    expect(await second.kill('SIGTERM')).toEqual({ code: 0, signal: null });
  });

  it('refuses bad command-line input with a message naming the option and exit code 2', async () => {
    const cases: [string[], RegExp][] = [
      [['--port', 'abc'], /--port/],
      [['--port', '70000'], /--port/],
      [['--seed', '-3'], /--seed/],
      [['--lease-minutes', '0'], /--lease-minutes/],
      [['--frobnicate'], /frobnicate/],
      [['--smtp', 'mail.example'], /--smtp must be smtp:\/\/host:port/],
      [['--calendar', path.join(newDir(), 'missing.json')], /--calendar/],
      [['--calendar', writeJson({ timeZone: 'Mars/Olympus', holidays: [] })], /--calendar.*unknown time zone "Mars\/Olympus"/],
    ];
    const results = await Promise.all(cases.map(([args]) => runServiceCli(['--data', newDir(), ...args])));
    for (const [i, r] of results.entries()) {
      expect(r.code, cases[i]![0].join(' ')).toBe(2);
      expect(r.stderr).toMatch(cases[i]![1]);
      expect(r.stdout).not.toMatch(/listening/);
    }
  });

  it('takes its business calendar from --calendar and publishes it', async () => {
    const calendar = { timeZone: 'Europe/Berlin', holidays: ['2026-12-24', '2026-12-25'] };
    const svc = await spawnOn(newDir(), ['--calendar', writeJson(calendar)]);
    expect(await client(svc.url).call('calendar')).toMatchObject(calendar);
  });

  it('refuses a database written by a newer version of the service', async () => {
    const dataDir = newDir();
    const svc = await startTestService({ dataDir, demo: false });
    await svc.close();
    const db = new Database(path.join(dataDir, 'service.sqlite'));
    db.pragma('user_version = 999');
    db.close();
    await expect(startService({ port: 0, dataDir })).rejects.toThrow(/schema version 999, newer than this service knows/);
  });
});

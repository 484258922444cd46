// The command line around PostgreSQL: --db is checked, backup/restore refuse it (pg_dump/PITR instead),
// and --trust-proxy makes the sign-in throttle count the client behind a reverse proxy, not the proxy.
import { describe, expect, it } from 'vitest';
import { client, runServiceCli, startTestService } from '../support/service';

describe('the service command line with PostgreSQL', () => {
  it('refuses a --db that is not a postgres URL, and --db together with --data, naming the option', async () => {
    const bad = await runServiceCli(['--db', 'mysql://x@y/z']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--db must be a postgres:\/\/ URL/);
    const both = await runServiceCli(['--db', 'postgres://u@127.0.0.1/db', '--data', 'somewhere']);
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/--db and --data both name a database/);
  });

  it('refuses backup and restore on PostgreSQL and points to pg_dump and point-in-time recovery', async () => {
    for (const command of ['backup', 'restore']) {
      const r = await runServiceCli([command, 'copy.sqlite', '--db', 'postgres://u@127.0.0.1/db']);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/pg_dump\/pg_restore/);
      expect(r.stderr).toMatch(/point-in-time recovery/);
    }
  });

  it('counts failed sign-ins per client behind a trusted proxy, not per proxy', async () => {
    const svc = await startTestService({ demoClaims: 0, trustProxy: '127.0.0.1' });
    try {
      const wrong = (from: string) => client(svc.url).raw('login', { body: { username: 'rev2', password: 'wrong' }, headers: { 'x-forwarded-for': from } });
      for (let i = 0; i < 5; i++) expect((await wrong('203.0.113.7')).status).toBe(401);
      expect((await wrong('203.0.113.7')).status).toBe(429);
      expect((await wrong('198.51.100.9')).status).toBe(401);
    } finally {
      await svc.stop();
    }
  });
});

// Online backup and restore of the review service's database through its command line
// (`npm run service -- backup <file>` / `restore <file>`), while the service runs as a child process
// and partners keep writing: the backup is an intact snapshot, a restore brings the running service
// back to it, and files that are not a service backup are refused without touching the live data.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { submitClaims } from '../support/claims';
import { removeDir, runServiceCli, signIn, spawnService, tempDir, type ChildService } from '../support/service';

describe('backing up and restoring the service database online', () => {
  let dir: string;
  let dataDir: string;
  let service: ChildService;
  let kept: string[];

  beforeAll(async () => {
    dir = tempDir('poe-backup-');
    dataDir = path.join(dir, 'data');
    service = await spawnService(['--port', '0', '--data', dataDir, '--demo', '--demo-claims', '0']);
    kept = await submitClaims(service.url, 3);
  });
  afterAll(async () => {
    await service?.kill('SIGTERM');
    removeDir(dir);
  });

  const claimsIn = (file: string): string[] => {
    const db = new Database(file, { readonly: true });
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      return (db.prepare('SELECT id FROM claims ORDER BY id').all() as { id: string }[]).map((r) => r.id);
    } finally {
      db.close();
    }
  };

  it('takes an intact backup while the service runs and partners keep writing', async () => {
    const partner = await signIn(service.url, 'partner1');
    let writing = true;
    const writes = (async () => {
      let n = 0;
      while (writing) await partner.call('claimComment', { params: { id: kept[n++ % kept.length]! }, body: { text: `during backup ${n}` } });
      return n;
    })();
    const file = path.join(dir, 'backup-1.sqlite');
    const run = await runServiceCli(['backup', file, '--data', dataDir]);
    writing = false;
    expect(await writes).toBeGreaterThan(0);
    expect(run, run.stderr).toMatchObject({ code: 0 });
    expect(run.stdout).toMatch(/backed up 3 claims/);
    expect(claimsIn(file)).toEqual([...kept].sort());
    // A backup never overwrites a file.
    const again = await runServiceCli(['backup', file, '--data', dataDir]);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/already exists/);
  });

  it('restores the running service to the backup: what came after is gone, what was in it is back, and it keeps working', async () => {
    const file = path.join(dir, 'backup-1.sqlite');
    const [later] = await submitClaims(service.url, 1);
    const qa = await signIn(service.url, 'qa1');
    expect((await qa.raw('claimGet', { params: { id: later! } })).status).toBe(200);

    const run = await runServiceCli(['restore', file, '--data', dataDir]);
    expect(run, run.stderr).toMatchObject({ code: 0 });
    expect(run.stdout).toMatch(/restored 3 claims/);

    const reader = await signIn(service.url, 'qa1');
    expect((await reader.raw('claimGet', { params: { id: later! } })).status).toBe(404);
    for (const id of kept) expect((await reader.call('claimGet', { params: { id } })).id).toBe(id);
    const [afterRestore] = await submitClaims(service.url, 1);
    expect((await reader.call('claimGet', { params: { id: afterRestore! } })).status).toBe('submitted');
    expect(claimsIn(path.join(dataDir, 'service.sqlite'))).toEqual([...kept, afterRestore!].sort());
  });

  it('refuses to restore what is not an intact service backup, and leaves the live database as it was', async () => {
    const before = claimsIn(path.join(dataDir, 'service.sqlite'));
    const notSqlite = path.join(dir, 'not-sqlite.sqlite');
    writeFileSync(notSqlite, 'this is not a database'.repeat(200));
    const otherDb = path.join(dir, 'other.sqlite');
    const db = new Database(otherDb);
    db.exec('CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)');
    db.close();
    for (const [file, message] of [
      [notSqlite, /not a SQLite database|cannot be opened/],
      [otherDb, /not a review service database/],
      [path.join(dir, 'missing.sqlite'), /does not exist/],
    ] as const) {
      const run = await runServiceCli(['restore', file, '--data', dataDir]);
      expect(run.code, file).toBe(2);
      expect(run.stderr).toMatch(message);
    }
    expect((await runServiceCli(['restore', '--data', dataDir])).code).toBe(2);
    expect(claimsIn(path.join(dataDir, 'service.sqlite'))).toEqual(before);
  });
});

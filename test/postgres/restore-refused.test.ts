// `restore` (and `backup`) against a service running on PostgreSQL (issues 13 and 17): the commands copy
// a SQLite database and cannot replace a PostgreSQL one. Against a real PostgreSQL database, named with
// --db or by DATABASE_URL, they refuse with a message pointing to pg_dump/pg_restore and point-in-time
// recovery, and the running service keeps its claims and its epoch: no workstation sees a restore.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EPOCH_HEADER, serviceApi } from '../../shared/contracts';
import { backupDatabase, runDataCommand } from '../../server/data-commands';
import { startService } from '../../server/service';
import { submitClaims } from '../support/claims';
import { removeDir, runServiceCli, signIn, startTestService, tempDir, type TestService } from '../support/service';

const REFUSAL =
  /copies the SQLite database of a --data folder only; on PostgreSQL use its own tools: pg_dump\/pg_restore for a copy, continuous WAL archiving for point-in-time recovery/;

describe('restore on PostgreSQL', () => {
  let dir: string;
  let backup: string;
  let svc: TestService;
  let claims: string[];

  const sha = () => createHash('sha256').update(readFileSync(backup)).digest('hex');
  const epoch = async () => (await fetch(`${svc.url}${serviceApi.health.path}`, { headers: { [EPOCH_HEADER]: '' } })).headers.get(EPOCH_HEADER);

  beforeAll(async () => {
    dir = tempDir('poe-pg-restore-');
    // An intact SQLite service backup, holding a claim the PostgreSQL service does not have.
    const sqliteDir = path.join(dir, 'sqlite');
    const sqlite = await startService({ port: 0, dataDir: sqliteDir, demo: true, demoClaims: 0, log: false });
    try {
      await submitClaims(sqlite.url, 1);
    } finally {
      await sqlite.close();
    }
    backup = path.join(dir, 'backup.sqlite');
    await backupDatabase(sqliteDir, backup);
    svc = await startTestService({ demoClaims: 0 });
    expect(svc.databaseUrl).toMatch(/^postgres/);
    claims = await submitClaims(svc.url, 2);
  });
  afterAll(async () => {
    await svc?.stop();
    removeDir(dir);
  });

  it('refuses, names pg_dump and point-in-time recovery, and leaves the running service as it is', async () => {
    const before = { epoch: await epoch(), backup: sha() };
    expect(before.epoch).toMatch(/\S/);

    for (const command of ['restore', 'backup']) {
      const cli = await runServiceCli([command, backup, '--db', svc.databaseUrl!]);
      expect(cli.code, cli.stderr).toBe(2);
      expect(cli.stderr).toMatch(REFUSAL);
      expect(cli.stderr).not.toMatch(/\n\s+at /);
    }
    // DATABASE_URL names the database when neither --db nor --data is given.
    const saved = process.env.DATABASE_URL;
    process.env.DATABASE_URL = svc.databaseUrl;
    try {
      await expect(runDataCommand(['restore', backup])).rejects.toThrow(REFUSAL);
    } finally {
      if (saved === undefined) delete process.env.DATABASE_URL;
      else process.env.DATABASE_URL = saved;
    }

    expect(await epoch()).toBe(before.epoch);
    expect(sha()).toBe(before.backup);
    const qa = await signIn(svc.url, 'qa1');
    for (const id of claims) expect((await qa.call('claimGet', { params: { id } })).id).toBe(id);
    expect((await qa.call('claimList', { query: {} })).total).toBe(claims.length);
  });
});

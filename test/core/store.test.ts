// The local store: a new profile is created at the current schema in WAL mode; every earlier schema
// version upgrades with its data kept; a database from a newer workstation is refused and untouched.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { WorkstationCore } from '../../electron/core/core';
import { DatabaseFromFutureError, migrate, openDatabase, userVersion } from '../../electron/core/store/database';
import { MIGRATIONS, SCHEMA_VERSION } from '../../electron/core/store/migrations';
import { startWorkstation } from '../support/workstation';
import { claimFixture } from './fixtures';

const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(path.join(os.tmpdir(), 'store-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const sha = (s: string) => createHash('sha256').update(s).digest('hex');

describe('the local database', () => {
  it('is created at the current schema version in WAL mode', () => {
    const db = openDatabase(path.join(tempDir(), 'workstation.sqlite'));
    expect(userVersion(db)).toBe(SCHEMA_VERSION);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
  });

  it('numbers its migrations 1..n without gaps', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
  });

  for (const from of MIGRATIONS.slice(0, -1).map((m) => m.version)) {
    it(`upgrades a version ${from} profile to version ${SCHEMA_VERSION}, keeping its claims, outbox and documents`, async () => {
      const profileDir = tempDir();
      const file = path.join(profileDir, 'workstation.sqlite');
      const raw = new Database(file);
      migrate(raw, from);
      expect(userVersion(raw)).toBe(from);
      const doc = { sha256: sha('poe bytes'), size: 9 };
      const claim = claimFixture('CLM-OLD1', [doc]);
      // Rows as a version-1 workstation wrote them (later versions only add columns and tables).
      raw
        .prepare('INSERT INTO claims (id, server_json, server_version, in_batch, pulled_at) VALUES (?, ?, ?, 1, ?)')
        .run(claim.id, JSON.stringify(claim), claim.version, claim.createdAt);
      raw
        .prepare(
          `INSERT INTO outbox (id, user_id, claim_id, base_version, kind, payload_json, created_at) VALUES (?, 'u-rev1', ?, ?, 'approve', '{"message":null}', ?)`,
        )
        .run('0192f5a0-0000-7000-8000-000000000001', claim.id, claim.version, '2026-11-02T10:00:00.000Z');
      raw
        .prepare("INSERT INTO documents (sha256, size, media_type, file_name, fetched_at, last_used_at) VALUES (?, 9, 'application/pdf', 'poe-0.pdf', ?, ?)")
        .run(doc.sha256, claim.createdAt, claim.createdAt);
      // From version 3 on, the workstation also records which claim holds which document when it stores a claim.
      if (from >= 3) raw.prepare('INSERT INTO claim_documents (claim_id, sha256) VALUES (?, ?)').run(claim.id, doc.sha256);
      raw.prepare("INSERT INTO kv (key, value) VALUES ('settings', ?)").run(JSON.stringify({ language: 'zh-TW' }));
      raw.close();

      const core = await WorkstationCore.open({ profileDir });
      try {
        expect(userVersion(core.store.db)).toBe(SCHEMA_VERSION);
        expect(core.store.outboxForClaim(claim.id).map((e) => [e.id, e.kind, e.state])).toEqual([
          ['0192f5a0-0000-7000-8000-000000000001', 'approve', 'pending'],
        ]);
        expect(core.store.documentRef(doc.sha256)).toMatchObject({ fileName: 'poe-0.pdf', mediaType: 'application/pdf' });
        expect(core.store.document(doc.sha256)?.size).toBe(9);
        const { items } = core.store.listQueue({ words: ['wide'], sort: 'urgency', limit: 10 });
        expect(items).toHaveLength(1);
        expect(items[0]).toMatchObject({ id: claim.id, status: 'approved', localDecision: 'approve', pending: 1 });
        expect(core.settings().language).toBe('zh-TW');
      } finally {
        await core.close();
      }
    });
  }

  it("moves a version 7 profile's audit outbox into the one outbox: waiting audits pending, refused ones invalid, bodies and attempts kept", async () => {
    const profileDir = tempDir();
    const raw = new Database(path.join(profileDir, 'workstation.sqlite'));
    migrate(raw, 7);
    const body = (id: string, claimId: string) => ({
      id,
      claimId,
      corrects: null,
      blind: true,
      findings: [{ target: 'decision', verdict: 'agree', answer: 'approve', note: 'fine' }],
    });
    const waiting = body('0192f5a0-0000-7000-8000-00000000a001', 'CLM-A1');
    const refused = body('0192f5a0-0000-7000-8000-00000000a002', 'CLM-A2');
    const problem = { type: 'urn:poe:problem:conflict', title: 'Conflict', status: 409, detail: 'audited already' };
    const insert = raw.prepare(
      'INSERT INTO audit_outbox (id, user_id, claim_id, body_json, created_at, state, problem_json, attempts) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    insert.run(waiting.id, 'u-qa1', waiting.claimId, JSON.stringify(waiting), '2026-11-02T10:00:00.000Z', 'pending', null, 1);
    insert.run(refused.id, 'u-qa1', refused.claimId, JSON.stringify(refused), '2026-11-02T10:01:00.000Z', 'refused', JSON.stringify(problem), 2);
    raw.close();

    const core = await WorkstationCore.open({ profileDir });
    try {
      const audits = core.audit.store;
      expect(audits.outboxFor('u-qa1', 'CLM-A1')).toMatchObject({ id: waiting.id, state: 'pending', attempts: 1, body: waiting, problem: null });
      expect(audits.outboxFor('u-qa1', 'CLM-A2')).toMatchObject({ id: refused.id, state: 'invalid', attempts: 2, body: refused, problem });
      expect(audits.outboxCounts('u-qa1')).toEqual({ pending: 1, refused: 1 });
      // One outbox: the waiting audit counts as work to sync; the review lane (conflicts, queue, export) does not see audits.
      expect(core.store.outboxCounts()).toEqual({ pending: 1, conflicts: 0 });
      expect(core.store.outboxForClaim('CLM-A1')).toEqual([]);
      expect(core.store.outboxOfUser('u-qa1')).toEqual([]);
      expect(core.store.db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'audit_outbox'").get()).toEqual({ n: 0 });
    } finally {
      await core.close();
    }
  });

  it('refuses a database written by a newer workstation, naming both versions, and leaves it unchanged', async () => {
    const profileDir = tempDir();
    const file = path.join(profileDir, 'workstation.sqlite');
    openDatabase(file).close();
    const future = new Database(file);
    future.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    future.pragma('journal_mode = DELETE');
    future.close();
    const before = createHash('sha256').update(readFileSync(file)).digest('hex');

    expect(() => openDatabase(file)).toThrow(DatabaseFromFutureError);
    await expect(WorkstationCore.open({ profileDir })).rejects.toThrow(new RegExp(`version ${SCHEMA_VERSION + 1}.*up to ${SCHEMA_VERSION}`));
    await expect(startWorkstation({ serviceUrl: 'http://127.0.0.1:9', profileDir })).rejects.toThrow(/newer workstation/);

    expect(createHash('sha256').update(readFileSync(file)).digest('hex')).toBe(before);
    const check = new Database(file, { readonly: true });
    expect(userVersion(check)).toBe(SCHEMA_VERSION + 1);
    expect(check.pragma('journal_mode', { simple: true })).toBe('delete');
    check.close();
  });
});

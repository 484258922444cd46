// The service commits with synchronous = FULL, as the workstation does: an answered "applied" must
// survive a power cut, since the workstation deletes its outbox entry on that answer.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../electron/core/store/database';
import { openSqliteStore } from '../../server/store/sqlite-store';

describe('durability of both databases', () => {
  it('opens the service database in WAL with synchronous = FULL (2)', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'poe-durable-'));
    const store = await openSqliteStore(dir);
    try {
      // The store hides its handle on purpose; the test reads the connection's settings through it.
      const db = (store as unknown as { raw: Database.Database }).raw;
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('synchronous', { simple: true })).toBe(2);
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('opens the workstation profile database in WAL with synchronous = FULL (2) too, every time', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'poe-durable-ws-'));
    try {
      for (let open = 0; open < 2; open++) {
        const db = openDatabase(path.join(dir, 'workstation.sqlite'));
        try {
          expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
          expect(db.pragma('synchronous', { simple: true })).toBe(2);
        } finally {
          db.close();
        }
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

// reliability (issue 13): a profile whose database cannot be used — empty (0 bytes), damaged (not a
// database, cut short, pages overwritten) or read-only — is answered with a clear message in English
// and Traditional Chinese that names the problem and the file. The file is never changed or replaced.
// Damage in pages opening would not read is looked for at open too (profile-integrity.ts).
// For a damaged one, the outbox rows SQLite can still read are salvaged into an outbox file (the
// format of outbox.export), written beside it, which outbox.import takes on any workstation.
import { closeSync, constants, existsSync, openSync, readSync, rmSync, statSync, writeFileSync, accessSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Claim, OutboxFile, User } from '../../../shared/contracts';
import type { RawOutbox } from './outbox-table';

export type ProfileProblem = 'empty' | 'damaged' | 'read-only';

const DESCRIBE: Record<ProfileProblem, { en: string; zh: string }> = {
  empty: {
    en: 'is empty (0 bytes): whatever it held is gone from it. It was left as it is. Move it aside to start with an empty profile, or restore it from a backup.',
    zh: '是空的（0 位元組），其中的資料已不在。檔案保持原狀未被更動。請將它移到別處以全新的設定檔開始，或從備份還原。',
  },
  damaged: {
    en: 'is damaged and cannot be opened. It was left as it is.',
    zh: '已損毀，無法開啟。檔案保持原狀未被更動。',
  },
  'read-only': {
    en: 'cannot be written (read-only file, folder or disk). Nothing was changed. Give your user write access to it, or start with another --profile folder.',
    zh: '無法寫入（檔案、資料夾或磁碟為唯讀）。沒有任何內容被更動。請讓您的使用者帳戶可寫入它，或以另一個 --profile 資料夾啟動。',
  },
};

export interface Salvage {
  /** The outbox file written, or null when no unsynced action could be read. */
  file: string | null;
  entries: number;
}

/** The profile's database cannot be used as it is; the message says why and what to do, in both languages. */
export class ProfileDamagedError extends Error {
  constructor(
    readonly problem: ProfileProblem,
    readonly file: string,
    readonly reason: string,
    readonly salvage: Salvage | null = null,
  ) {
    const d = DESCRIBE[problem];
    const saved = !salvage
      ? { en: '', zh: '' }
      : salvage.file
        ? {
            en: ` ${salvage.entries} unsynced actions that could still be read were saved to ${salvage.file}: import it on a workstation with "Import unsynced work".`,
            zh: ` 仍可讀取的 ${salvage.entries} 筆未同步動作已存到 ${salvage.file}：請在工作站以「匯入未同步的工作」匯入。`,
          }
        : { en: ' No unsynced action could be read from it.', zh: ' 無法從中讀取任何未同步的動作。' };
    super(`The workstation profile database ${file} ${d.en}${saved.en} (${reason})\n工作站設定檔資料庫 ${file} ${d.zh}${saved.zh}`);
    this.name = 'ProfileDamagedError';
  }
}

const MAGIC = Buffer.from('SQLite format 3\0', 'latin1');

/** What the file's first bytes say: not a database, or shorter than its header says (cut short). */
function headerProblem(file: string, size: number): string | null {
  const head = Buffer.alloc(100);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, head, 0, 100, 0);
  } finally {
    closeSync(fd);
  }
  if (size < 100 || !head.subarray(0, 16).equals(MAGIC)) return 'not a SQLite database';
  const raw = head.readUInt16BE(16);
  const pageSize = raw === 1 ? 65536 : raw;
  const pages = head.readUInt32BE(28);
  // The header's page count is valid when its change counter matches "version valid for".
  if (head.readUInt32BE(24) === head.readUInt32BE(92) && size < pages * pageSize) return `cut short: ${size} bytes of ${pages * pageSize}`;
  return null;
}

/** Whether this process may write the profile folder and the database file in it. */
function writable(dir: string, file: string): string | null {
  try {
    accessSync(dir, constants.W_OK);
    const probe = path.join(dir, `.write-probe-${process.pid}`);
    writeFileSync(probe, '');
    rmSync(probe);
    if (existsSync(file)) closeSync(openSync(file, 'r+'));
    return null;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code ?? String(error);
  }
}

/** Checks the profile before anything opens it; throws ProfileDamagedError (with a salvage when damaged). */
export function checkProfile(dir: string, file: string): void {
  if (!existsSync(dir)) return;
  const readOnly = writable(dir, file);
  if (readOnly) throw new ProfileDamagedError('read-only', file, readOnly);
  if (!existsSync(file)) return;
  const size = statSync(file).size;
  const wal = `${file}-wal`;
  if (size === 0 && !(existsSync(wal) && statSync(wal).size > 0)) throw new ProfileDamagedError('empty', file, '0 bytes');
  const problem = size === 0 ? null : headerProblem(file, size);
  if (problem) throw damaged(file, problem);
}

export const DAMAGE_CODES = new Set(['SQLITE_CORRUPT', 'SQLITE_NOTADB', 'SQLITE_CORRUPT_INDEX', 'SQLITE_CORRUPT_SEQUENCE', 'SQLITE_CORRUPT_VTAB']);
const READ_ONLY_CODES = new Set(['SQLITE_READONLY', 'SQLITE_READONLY_DIRECTORY', 'SQLITE_READONLY_DBMOVED', 'SQLITE_CANTOPEN', 'EACCES', 'EPERM', 'EROFS']);

/** An error met while opening the profile, as the profile problem it shows (or itself when it is none). */
export function asProfileProblem(error: unknown, file: string): unknown {
  const code = (error as { code?: string } | null)?.code ?? '';
  if (DAMAGE_CODES.has(code)) return damaged(file, `${code}: ${(error as Error).message}`);
  if (READ_ONLY_CODES.has(code) || code.startsWith('SQLITE_READONLY'))
    return new ProfileDamagedError('read-only', file, `${code}: ${(error as Error).message}`);
  return error;
}

/** The profile problem of a damaged database, with what could be salvaged from it. */
export function damaged(file: string, cause: string): ProfileDamagedError {
  return new ProfileDamagedError('damaged', file, cause, salvageOutbox(file));
}

/** Reads what it can: the whole table at once, else row by row (a damaged page loses only its rows). */
function readRows<T>(db: Database.Database, table: 'outbox', columns: string, key: string): T[] {
  try {
    return db.prepare(`SELECT ${columns} FROM ${table} ORDER BY ${key}`).all() as T[];
  } catch {
    const rows: T[] = [];
    let max = 0;
    try {
      max = (db.prepare('SELECT seq FROM sqlite_sequence WHERE name = ?').get(table) as { seq: number } | undefined)?.seq ?? 0;
    } catch {
      max = 10_000;
    }
    for (let i = 1; i <= max; i++) {
      try {
        const r = db.prepare(`SELECT ${columns} FROM ${table} WHERE ${key} = ?`).get(i) as T | undefined;
        if (r) rows.push(r);
      } catch {
        // this row's page is unreadable
      }
    }
    return rows;
  }
}

/** Saves the unsynced actions still readable in a damaged database to an outbox file beside it (or in the temp folder). */
export function salvageOutbox(file: string, now: () => string = () => new Date().toISOString()): Salvage {
  let db: Database.Database;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
  } catch {
    return { file: null, entries: 0 };
  }
  try {
    const rows = readRows<RawOutbox>(db, 'outbox', '*', 'seq').filter((r) => typeof r.id === 'string');
    if (rows.length === 0) return { file: null, entries: 0 };
    let session: { serviceUrl?: string; user?: User } = {};
    try {
      session = JSON.parse((db.prepare("SELECT value FROM kv WHERE key = 'session'").get() as { value: string }).value) as typeof session;
    } catch {
      // the session is unreadable: the entries still name their reviewer
    }
    const claims: Claim[] = [];
    for (const id of new Set(rows.map((r) => r.claim_id))) {
      try {
        const r = db.prepare('SELECT server_json FROM claims WHERE id = ?').get(id) as { server_json: string } | undefined;
        if (r) claims.push(JSON.parse(r.server_json) as Claim);
      } catch {
        // unreadable claim: the import asks the service for it
      }
    }
    const userId = rows[0]!.user_id;
    const exportedAt = now();
    const out: OutboxFile = {
      format: 'poe-workstation-outbox',
      version: 1,
      exportedAt,
      serviceUrl: session.serviceUrl ?? '',
      user: session.user?.id === userId ? session.user : { id: userId, name: userId, role: 'reviewer' },
      entries: rows
        .filter((r) => r.user_id === userId)
        .map((r) => ({
          id: r.id,
          claimId: r.claim_id,
          baseVersion: r.base_version,
          kind: r.kind as OutboxFile['entries'][number]['kind'],
          payload: JSON.parse(r.payload_json) as Record<string, unknown>,
          createdAt: r.created_at,
          state: r.state,
          problem: r.problem_json ? (JSON.parse(r.problem_json) as OutboxFile['entries'][number]['problem']) : null,
          attempts: r.attempts,
          server: null,
        })),
      claims,
    };
    const name = `salvaged-outbox-${exportedAt.replace(/[:.]/g, '-')}.json`;
    const target = writable(path.dirname(file), file) === null ? path.join(path.dirname(file), name) : path.join(os.tmpdir(), name);
    writeFileSync(target, JSON.stringify(out, null, 2), { mode: 0o600 });
    return { file: target, entries: out.entries.length };
  } catch {
    return { file: null, entries: 0 };
  } finally {
    db.close();
  }
}

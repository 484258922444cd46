// One workstation process per profile: an OS-level exclusive lock (SQLite's, on a small guard file;
// the kernel drops it when the process dies, even on SIGKILL) plus an owner file naming who holds it,
// so a second process refuses with a message naming the first. Also keeps the profile private (0700).
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';

export const GUARD_FILE = 'workstation.lock.sqlite';
export const OWNER_FILE = 'workstation.lock';

export interface LockOwner {
  pid: number;
  host: string;
  startedAt: string;
}

/** Another workstation process has this profile open. */
export class ProfileInUseError extends Error {
  constructor(
    readonly profileDir: string,
    readonly owner: LockOwner | null,
  ) {
    super(
      `The profile ${profileDir} is already open in another workstation process` +
        (owner ? ` (process ${owner.pid} on ${owner.host}, started ${owner.startedAt})` : '') +
        '. Only one process may use a profile at a time: close the other one first, or start this one with another --profile folder.',
    );
    this.name = 'ProfileInUseError';
  }
}

export interface ProfileLock {
  readonly owner: LockOwner;
  release(): void;
}

function readOwner(file: string): LockOwner | null {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as LockOwner;
  } catch {
    return null;
  }
}

/** Makes the profile folder private to its user (0700) and the given files in it 0600 (where they exist). */
export function keepPrivate(profileDir: string, files: readonly string[] = []): void {
  if (process.platform === 'win32') return;
  chmodSync(profileDir, 0o700);
  for (const f of files) {
    const p = path.join(profileDir, f);
    if (existsSync(p)) chmodSync(p, 0o600);
  }
}

/** Takes the profile for this process, or throws ProfileInUseError naming the process that holds it. */
export function lockProfile(profileDir: string, startedAt: string = new Date().toISOString()): ProfileLock {
  mkdirSync(profileDir, { recursive: true, mode: 0o700 });
  keepPrivate(profileDir);
  const ownerFile = path.join(profileDir, OWNER_FILE);
  const guard = new Database(path.join(profileDir, GUARD_FILE), { timeout: 0 });
  try {
    guard.pragma('locking_mode = EXCLUSIVE');
    // The first write takes the exclusive lock; in this mode it is held until the connection closes.
    guard.exec('BEGIN EXCLUSIVE; CREATE TABLE IF NOT EXISTS held (at TEXT); DELETE FROM held; INSERT INTO held VALUES (datetime()); COMMIT;');
  } catch (error) {
    guard.close();
    if ((error as { code?: string }).code?.startsWith('SQLITE_BUSY') || (error as { code?: string }).code?.startsWith('SQLITE_LOCKED')) {
      throw new ProfileInUseError(profileDir, readOwner(ownerFile));
    }
    throw error;
  }
  const owner: LockOwner = { pid: process.pid, host: os.hostname(), startedAt };
  writeFileSync(ownerFile, `${JSON.stringify(owner)}\n`, { mode: 0o600 });
  keepPrivate(profileDir, [GUARD_FILE, OWNER_FILE]);
  let held = true;
  return {
    owner,
    release() {
      if (!held) return;
      held = false;
      const current = readOwner(ownerFile);
      if (current?.pid === owner.pid && current.startedAt === owner.startedAt) rmSync(ownerFile, { force: true });
      guard.close();
    },
  };
}

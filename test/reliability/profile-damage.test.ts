// A workstation profile whose database is empty, damaged or read-only (issue 13, point 7): opening it
// gives a clear message in English and Traditional Chinese naming the problem and the file, the file
// is never changed, and the unsynced actions SQLite can still read are salvaged into an outbox file
// that outbox.import takes on another profile, from where they reach the service exactly once.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  truncateSync,
  writeFileSync,
  openSync,
  writeSync,
  closeSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '../../electron/core/core';
import { ProfileDamagedError } from '../../electron/core/store/profile-health';
import { openCore, serviceWithClaims, type TestService } from '../core/harness';
import { startLink, type Link } from '../core/link';
import { programArgs } from '../support/programs';
import { REPO_ROOT, signIn } from '../support/service';

const DB = 'workstation.sqlite';
const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

async function refusal(profileDir: string, serviceUrl: string): Promise<ProfileDamagedError> {
  const error = await createCore({ profileDir, serviceUrl }).then(
    async (core) => {
      await core.close();
      return null;
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ProfileDamagedError);
  return error as ProfileDamagedError;
}

describe('an empty, damaged or read-only profile', () => {
  let svc: TestService;
  let link: Link;
  let root: string;
  /** A closed profile holding 3 unsynced actions of rev1. */
  let profile: string;

  const copy = (name: string): string => {
    const dir = path.join(root, name);
    cpSync(profile, dir, { recursive: true });
    for (const f of readdirSync(dir)) if (f.startsWith('workstation.lock')) rmSync(path.join(dir, f), { force: true });
    return dir;
  };

  beforeAll(async () => {
    svc = await serviceWithClaims(2);
    link = await startLink(svc.service.url);
    root = mkdtempSync(path.join(os.tmpdir(), 'poe-profile-damage-'));
    profile = path.join(root, 'original');
    const ws = await openCore(link.url, { profileDir: profile });
    await ws.call('session.login', { username: 'rev1', password: 'demo' });
    await ws.call('queue.pull', { size: 2 });
    link.cut = true;
    const [a, b] = svc.claimIds as [string, string];
    await ws.call('review.comment', { claimId: a, text: 'kept through the damage' });
    await ws.call('review.checklist', { claimId: a, code: 'missing-product', productId: null, checked: true, note: null });
    await ws.call('review.decide', { claimId: b, decision: { kind: 'approve', message: null } });
    await ws.close();
    link.cut = false;
  });
  afterAll(async () => {
    await link?.close();
    await svc?.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('refuses a 0-byte database by name in both languages and leaves it as it is', async () => {
    const dir = path.join(root, 'empty');
    rmSync(dir, { recursive: true, force: true });
    cpSync(profile, dir, { recursive: true, filter: (src) => !src.includes(DB) && !src.includes('workstation.lock') });
    writeFileSync(path.join(dir, DB), '');
    const e = await refusal(dir, link.url);
    expect(e.problem).toBe('empty');
    expect(e.message).toContain(path.join(dir, DB));
    expect(e.message).toMatch(/is empty \(0 bytes\)/);
    expect(e.message).toMatch(/是空的/);
    expect(statSync(path.join(dir, DB)).size).toBe(0);
  });

  it('refuses a database cut short, leaves it byte for byte, and says what it salvaged', async () => {
    const dir = copy('cut-short');
    const file = path.join(dir, DB);
    truncateSync(file, Math.floor(statSync(file).size / 2));
    const before = sha(file);
    const e = await refusal(dir, link.url);
    expect(e.problem).toBe('damaged');
    expect(e.message).toMatch(/is damaged and cannot be opened/);
    expect(e.message).toMatch(/已損毀/);
    expect(e.reason).toMatch(/cut short/);
    expect(sha(file)).toBe(before);
    expect(e.salvage).not.toBeNull();
    if (e.salvage!.file) expect(existsSync(e.salvage!.file)).toBe(true);
  });

  it('salvages every unsynced action from a database with overwritten pages; another profile imports and pushes them once', async () => {
    const dir = copy('overwritten');
    const file = path.join(dir, DB);
    // Overwrite the pages of the settings and session table, which opening the profile reads.
    const db = new Database(file, { readonly: true });
    const { pageSize } = { pageSize: db.pragma('page_size', { simple: true }) as number };
    const pages = (db.prepare("SELECT pageno FROM dbstat WHERE name IN ('kv') ORDER BY pageno").all() as { pageno: number }[]).map((r) => r.pageno);
    db.close();
    expect(pages.length).toBeGreaterThan(0);
    const fd = openSync(file, 'r+');
    for (const p of pages) writeSync(fd, Buffer.alloc(pageSize, 0xa5), 0, pageSize, (p - 1) * pageSize);
    closeSync(fd);
    const before = sha(file);

    const e = await refusal(dir, link.url);
    expect(e.problem).toBe('damaged');
    expect(sha(file)).toBe(before);
    expect(e.salvage).toMatchObject({ entries: 3 });
    expect(e.message).toContain(e.salvage!.file!);
    expect(e.message).toMatch(/3 筆未同步動作/);

    const fresh = await openCore(link.url);
    try {
      await fresh.call('session.login', { username: 'rev1', password: 'demo' });
      await fresh.call('queue.pull', { size: 2 });
      expect(await fresh.call('outbox.import', { json: readFileSync(e.salvage!.file!, 'utf8') })).toMatchObject({ imported: 3 });
      expect(await fresh.call('sync.run', {})).toMatchObject({ pending: 0, conflicts: 0 });
      const [a, b] = svc.claimIds as [string, string];
      const claimA = await fresh.call('claim.get', { id: a });
      expect(claimA.server.history.filter((h) => h.kind === 'comment' && (h as { text: string }).text === 'kept through the damage')).toHaveLength(1);
      const claimB = await (await signIn(svc.service.url, 'qa1')).call('claimGet', { params: { id: b } });
      expect(claimB.status).toBe('approved');
      expect(claimB.history.filter((h) => h.kind === 'approved')).toHaveLength(1);
    } finally {
      await fresh.close();
    }
  });

  it('finds pages overwritten in the middle of the cached claims, which opening never reads, at open; salvages and changes nothing', async () => {
    const dir = copy('claims-overwritten');
    const file = path.join(dir, DB);
    const db = new Database(file, { readonly: true });
    const pageSize = db.pragma('page_size', { simple: true }) as number;
    const pages = (db.prepare("SELECT pageno FROM dbstat WHERE name = 'claims' ORDER BY pageno").all() as { pageno: number }[]).map((r) => r.pageno);
    db.close();
    expect(pages.length).toBeGreaterThan(2);
    const middle = pages[Math.floor(pages.length / 2)]!;
    const fd = openSync(file, 'r+');
    writeSync(fd, Buffer.alloc(pageSize, 0x5a), 0, pageSize, (middle - 1) * pageSize);
    closeSync(fd);
    const before = sha(file);

    const e = await refusal(dir, link.url);
    expect(e.problem).toBe('damaged');
    expect(e.reason).toMatch(/^quick_check: /);
    expect(e.message).toContain(file);
    expect(e.message).toMatch(/is damaged and cannot be opened/);
    expect(e.message).toMatch(/已損毀/);
    expect(e.salvage).toMatchObject({ entries: 3 });
    expect(readdirSync(dir).filter((f) => f.startsWith('salvaged-outbox-'))).toHaveLength(1);
    expect(sha(file)).toBe(before);
    expect(existsSync(`${file}-wal`) ? statSync(`${file}-wal`).size : 0).toBe(0);
  });

  it('refuses a read-only profile by name in both languages, without a stack trace, and changes nothing', async () => {
    const dir = copy('read-only');
    const file = path.join(dir, DB);
    const before = sha(file);
    // The test runs as root, for whom nothing is read-only: the workstation runs as an unprivileged user.
    chmodSync(root, 0o755);
    chmodSync(dir, 0o755);
    for (const f of readdirSync(dir)) chmodSync(path.join(dir, f), statSync(path.join(dir, f)).isDirectory() ? 0o755 : 0o644);
    const child = spawn(process.execPath, [...programArgs('browser-host'), '--headless', '--port', '0', '--profile', dir, '--service', link.url], {
      cwd: REPO_ROOT,
      uid: 65534,
      gid: 65534,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NODE_OPTIONS: '', HOME: os.tmpdir(), POE_LOG_DIR: path.join(os.tmpdir(), 'poe-readonly-logs') },
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code, stderr).toBe(3);
    expect(stderr).toContain(file);
    expect(stderr).toMatch(/cannot be written/);
    expect(stderr).toMatch(/唯讀/);
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(sha(file)).toBe(before);
  });
});

// A full disk is answered, not crashed on: the service's data folder sits on a small tmpfs, a partner's
// upload fills it, and the answer is a 507 problem document naming the cause. Nothing half-written stays
// (the spooled file is gone, the claim has no new document), and once the space is back the same partner
// uploads. Mounting needs root (CAP_SYS_ADMIN), as on this project's machines and CI.
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimInput, poePdf } from '../support/claims';
import { removeDir, signIn, spawnService, tempDir, type ChildService, type Client } from '../support/service';

const MB = 1024 * 1024;
const DISK_MB = 8;
let dir: string;
let dataDir: string;
let mounted = false;
let svc: ChildService | undefined;
let partner: Client;
let draftId: string;

function mountSmallDisk(at: string): void {
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${DISK_MB}m,mode=0700`, 'tmpfs', at], { stdio: 'pipe' });
  } catch (e) {
    const why = (e as { stderr?: Buffer }).stderr?.toString().trim() || String(e);
    throw new Error(`the disk-full test mounts a ${DISK_MB} MB tmpfs for the service's data and needs root (CAP_SYS_ADMIN) for it: ${why}`);
  }
  mounted = true;
}

/** Bytes still free on the small disk. */
const freeBytes = () => {
  const s = fs.statfsSync(dataDir);
  return s.bavail * s.bsize;
};

beforeAll(async () => {
  dir = tempDir('poe-disk-full-');
  dataDir = path.join(dir, 'data');
  fs.mkdirSync(dataDir);
  mountSmallDisk(dataDir);
  svc = await spawnService(['--port', '0', '--data', dataDir, '--demo', '--demo-claims', '0']);
  partner = await signIn(svc.url, 'partner1');
  draftId = (await partner.call('claimCreate', { body: claimInput() })).id;
}, 60_000);

afterAll(async () => {
  await svc?.kill();
  if (mounted) execFileSync('umount', [dataDir]);
  if (dir) removeDir(dir);
});

describe('a full disk', () => {
  it('answers an upload that fills it with 507, keeps nothing of it, and takes the next upload once there is room', async () => {
    const free = freeBytes();
    expect(free).toBeLessThan(DISK_MB * MB);
    // More than the disk has left, less than the 20 MB upload limit: it is the disk that refuses.
    const tooBig = new Uint8Array(free + 2 * MB);
    tooBig.set(new TextEncoder().encode('%PDF-1.7\n'));
    const res = await partner.raw('documentUpload', { params: { id: draftId }, query: { fileName: 'scan.pdf' }, body: tooBig as never });
    expect(res.status).toBe(507);
    expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
    const problem = (await res.json()) as { type: string; status: number; detail: string };
    expect(problem).toMatchObject({ type: 'urn:poe:problem:insufficient-storage', status: 507 });
    expect(problem.detail).toMatch(/no disk space left.*nothing was saved/);

    // The spooled part is removed: the space is back, and the claim holds no document.
    expect(freeBytes()).toBeGreaterThan(free - MB);
    expect((await partner.call('claimGet', { params: { id: draftId } })).documents).toHaveLength(0);

    // The service runs on: a PoE that fits is stored.
    const fits = await partner.call('documentUpload', {
      params: { id: draftId },
      query: { fileName: 'poe.pdf' },
      body: await poePdf('Wingtip Toys', randomUUID()),
    });
    expect(fits.documents.map((d) => d.fileName)).toEqual(['poe.pdf']);
    expect(svc!.stderr()).not.toMatch(/ENOSPC.*\n\s+at /);
  });
});

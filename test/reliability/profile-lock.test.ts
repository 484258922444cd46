// One writer per profile: a second workstation process on the same profile refuses to start and names
// the first; after the first dies (even by SIGKILL) the profile can be opened again. The profile
// folder is private to its user and its database files are 0600.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProfileInUseError, lockProfile } from '../../electron/core/store/profile-lock';
import { startTestService, type TestService } from '../support/service';
import { startWorkstation } from '../support/workstation';

let svc: TestService;
let profileDir: string;

beforeAll(async () => {
  svc = await startTestService({ demoClaims: 0 });
  profileDir = mkdtempSync(path.join(os.tmpdir(), 'poe-lock-'));
}, 60_000);

afterAll(async () => {
  await svc?.stop();
  if (profileDir) rmSync(profileDir, { recursive: true, force: true });
});

describe('the profile lock', () => {
  it('refuses a second process on the same profile, naming the first, and frees the profile when the first dies', async () => {
    const first = await startWorkstation({ serviceUrl: svc.url, profileDir });
    try {
      const second = startWorkstation({ serviceUrl: svc.url, profileDir });
      await expect(second).rejects.toThrow(new RegExp(`already open in another workstation process \\(process ${first.pid} on ${os.hostname()}, started `));
      // The refused process touched nothing: the first still works.
      expect((await first.rpc('sync.status', {})).pending).toBe(0);
    } finally {
      await first.kill('SIGKILL');
    }
    const third = await startWorkstation({ serviceUrl: svc.url, profileDir });
    try {
      expect((await third.rpc('sync.status', {})).pending).toBe(0);
    } finally {
      await third.kill('SIGTERM');
    }
  }, 120_000);

  it('refuses a second lock in the same process too, and keeps the profile private', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'poe-lock-'));
    try {
      const lock = lockProfile(dir);
      expect(() => lockProfile(dir)).toThrow(ProfileInUseError);
      expect(statSync(dir).mode & 0o777).toBe(0o700);
      lock.release();
      lockProfile(dir).release();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('leaves the workstation database readable by its user only', () => {
    expect(statSync(profileDir).mode & 0o777).toBe(0o700);
    expect(statSync(path.join(profileDir, 'workstation.sqlite')).mode & 0o777).toBe(0o600);
  });
});

// The demo seeded in two steps (npm start): a first slice before the service listens, the rest in the
// background claim by claim — each claim complete when it appears, health's `demo` field following it,
// the same world as seeding all at once, and a restart mid-way finishing it without doubling a claim.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Claim } from '../../shared/contracts';
import { client, removeDir, signIn, startTestService, tempDir, type TestService } from '../support/service';

const CLAIMS = 24;
/** Claims awaiting a reviewer in the first slice. */
const FIRST = 3;
// One moment for every start: the claims are generated for the moment the demo was planned.
const NOW = () => new Date('2026-11-20T03:00:00.000Z');
const base = { demoClaims: CLAIMS, testClock: false, now: NOW, log: false } as const;

async function claimsOf(svc: { url: string }): Promise<Claim[]> {
  const page = await (await signIn(svc.url, 'admin1')).call('claimList', { query: { limit: 200, offset: 0 } });
  return page.claims;
}
const fingerprint = (claims: Claim[]) => claims.map((c) => `${c.id} ${c.status} ${c.documents.map((d) => d.sha256).join(',')}`).sort();
const health = async (url: string) => (await client(url).call('health', {})).demo;

describe('the demo seeded in the background', () => {
  let reference: string[];
  beforeAll(async () => {
    const all = await startTestService(base);
    reference = fingerprint(await claimsOf(all));
    await all.stop();
    expect(reference).toHaveLength(CLAIMS);
  });

  it('listens with the first slice, shows progress in health, and ends with the same world as seeding at once', async () => {
    // The background part waits for `go`: what the first slice holds is looked at before it moves on.
    let go = () => {};
    const svc = await startTestService({ ...base, demoFirstReviewable: FIRST, demoBackgroundAfter: new Promise<void>((resolve) => (go = resolve)) });
    try {
      expect(svc.seeded).toBe(true);
      const early = await health(svc.url);
      expect(early?.claims).toBe(CLAIMS);
      expect(early!.stored).toBeLessThan(CLAIMS);
      // The first slice: claims CLM-10001 on, whole (each with the documents it has in the finished world), FIRST of them to review.
      const visible = await claimsOf(svc);
      expect(visible).toHaveLength(early!.stored);
      expect(visible.filter((c) => c.status === 'submitted' || c.status === 'in-review' || c.derivedState === 'disputed').length).toBeGreaterThanOrEqual(FIRST);
      for (const line of fingerprint(visible)) expect(reference).toContain(line);
      go();
      await svc.demoReady;
      expect(await health(svc.url)).toEqual({ claims: CLAIMS, stored: CLAIMS });
      expect(fingerprint(await claimsOf(svc))).toEqual(reference);
    } finally {
      await svc.stop();
    }
  });

  let dataDir: string;
  afterAll(() => dataDir && removeDir(dataDir));

  it('finishes after a restart mid-way, with every claim once', async () => {
    dataDir = tempDir();
    const started: { svc?: TestService; stopAt?: number } = {};
    let stopping: Promise<void> | null = null;
    let go = () => {};
    // Closed from inside the progress callback two claims into the background part: the seeding stops between claims.
    const first = await startTestService({
      ...base,
      dataDir,
      demoFirstReviewable: FIRST,
      demoBackgroundAfter: new Promise<void>((resolve) => (go = resolve)),
      onDemoProgress: (done) => {
        if (done === started.stopAt) stopping ??= started.svc!.close();
      },
    });
    started.svc = first;
    const stopAt = (started.stopAt = (await health(first.url))!.stored + 2);
    go();
    await first.demoReady;
    await stopping;
    expect(stopping).not.toBeNull();

    const again = await startTestService({ ...base, dataDir, demoFirstReviewable: FIRST });
    try {
      expect(again.seeded).toBe(false);
      expect(await health(again.url)).toMatchObject({ claims: CLAIMS });
      expect((await health(again.url))!.stored).toBeGreaterThanOrEqual(stopAt);
      await again.demoReady;
      expect(await health(again.url)).toEqual({ claims: CLAIMS, stored: CLAIMS });
      const claims = await claimsOf(again);
      expect(new Set(claims.map((c) => c.id)).size).toBe(CLAIMS);
      expect(fingerprint(claims)).toEqual(reference);
    } finally {
      await again.stop();
    }
  });
});

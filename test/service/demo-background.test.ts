// The demo seeded in two steps (npm start): a first slice before the service listens, the rest in the
// background claim by claim — each claim complete when it appears, health's `demo` field following it,
// the same world as seeding all at once, and a restart mid-way finishing it without doubling a claim.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Claim } from '../../shared/contracts';
import { client, removeDir, signIn, startTestService, tempDir, type TestService } from '../support/service';

const CLAIMS = 24;
const FIRST = 6;
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
    const svc = await startTestService({ ...base, demoFirstSlice: FIRST });
    try {
      expect(svc.seeded).toBe(true);
      const early = await health(svc.url);
      expect(early?.claims).toBe(CLAIMS);
      expect(early!.stored).toBeGreaterThanOrEqual(FIRST);
      // Whatever is visible is whole: each listed claim carries the documents it has in the finished world.
      const visible = fingerprint(await claimsOf(svc));
      expect(visible.length).toBeGreaterThanOrEqual(FIRST);
      for (const line of visible) expect(reference).toContain(line);
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
    const started: { svc?: TestService } = {};
    let stopping: Promise<void> | null = null;
    const stopAt = FIRST + 5;
    // Closed from inside the progress callback once `stopAt` claims are stored: the seeding stops between claims.
    const first = await startTestService({ ...base, dataDir, demoFirstSlice: FIRST, onDemoProgress: (done) => { if (done === stopAt) stopping ??= started.svc!.close(); } });
    started.svc = first;
    await first.demoReady;
    await stopping;
    expect(stopping).not.toBeNull();

    const again = await startTestService({ ...base, dataDir, demoFirstSlice: FIRST });
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

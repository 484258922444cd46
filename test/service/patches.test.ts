// The fast loop's service side: compact push answers (the claim only with a conflict or invalid, once
// per claim, within a byte cap), a change feed that carries patches and marks the caller's own changes,
// and readers that run on a read-only snapshot.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Claim } from '../../shared/contracts';
import { AnswerBudget } from '../../server/app/mutations';
import { openSqliteStore } from '../../server/store/sqlite-store';
import type { Tx } from '../../server/store/repository';
import { clockFrom, MONDAY_0900_TAIPEI, removeDir, signIn, startTestService, tempDir, type TestService } from '../support/service';
import { leasedClaim, mutation, submittedClaim } from './fixtures';

let svc: TestService;
const as = (u: string) => signIn(svc.url, u);
beforeEach(async () => {
  svc = await startTestService({ demoClaims: 0, now: clockFrom(MONDAY_0900_TAIPEI) });
});
afterEach(async () => {
  await svc.stop();
});

describe('the change feed as patches', () => {
  it('carries each history change with the claim’s new version and entry, and marks the caller’s own changes', async () => {
    const { partner, reviewer, claim } = await leasedClaim(svc.url, as);
    const { cursor } = await reviewer.call('changes', { query: { after: 0, limit: 1000 } });
    const pushed = await reviewer.call('mutations', { body: { mutations: [mutation(claim, 'comment', { text: 'Reviewing now.' })] } });
    await partner.call('claimComment', { params: { id: claim.id }, body: { text: 'Thanks!' } });
    const { changes } = await reviewer.call('changes', { query: { after: cursor } });
    expect(changes.map((c) => [c.kind, c.version, c.own])).toEqual([
      ['comment', claim.version + 1, true],
      ['comment', claim.version + 2, false],
    ]);
    expect(changes[0]!.entries).toEqual([
      expect.objectContaining({ seq: claim.version + 1, kind: 'comment', text: 'Reviewing now.', at: pushed.results[0]!.at }),
    ]);
    expect(changes[1]!.entries).toEqual([
      expect.objectContaining({ seq: claim.version + 2, kind: 'comment', text: 'Thanks!', actor: expect.objectContaining({ role: 'partner' }) }),
    ]);
    // The patch applied to the leased claim gives exactly what a GET answers.
    const now = await reviewer.call('claimGet', { params: { id: claim.id } });
    expect([...claim.history, ...changes.flatMap((c) => c.entries ?? [])]).toEqual(now.history);
  });

  it('marks the reviewer’s own lease changes and leaves lease events without a version', async () => {
    const partner = await as('partner1');
    const submitted = await submittedClaim(partner);
    const rev = await as('rev1');
    const { cursor } = await rev.call('changes', { query: { after: 0 } });
    await rev.call('leaseCreate', { body: { size: 1 } });
    const { changes } = await rev.call('changes', { query: { after: cursor } });
    expect(changes.map((c) => [c.claimId, c.kind, c.version, c.own])).toEqual([
      [submitted.id, 'lease-acquired', null, true],
      [submitted.id, 'review-started', submitted.version + 1, true],
    ]);
  });

  it('never shows a reviewer the entries of a claim that is not leased to them', async () => {
    const { partner, claim } = await leasedClaim(svc.url, as, 'rev1');
    const rev2 = await as('rev2');
    const { cursor } = await rev2.call('changes', { query: { after: 0 } });
    await partner.call('claimComment', { params: { id: claim.id }, body: { text: 'Private to the partner and rev1.' } });
    const { changes } = await rev2.call('changes', { query: { after: cursor } });
    expect(changes).toEqual([expect.objectContaining({ claimId: claim.id, kind: 'comment', own: false })]);
    expect(changes[0]!.entries).toBeUndefined();
    const qa = await as('qa1');
    const forQa = await qa.call('changes', { query: { after: cursor } });
    expect(forQa.changes[0]!.entries![0]).toMatchObject({ kind: 'comment', text: 'Private to the partner and rev1.' });
  });
});

describe('compact push answers', () => {
  it('answers applied with the version and instant only, and never a claim', async () => {
    const { reviewer, claim } = await leasedClaim(svc.url, as);
    const res = await reviewer.call('mutations', {
      body: { mutations: [mutation(claim, 'checklist', { code: 'missing-product', checked: true }), mutation(claim, 'approve', { message: null })] },
    });
    expect(res.results.map((r) => Object.keys(r).sort())).toEqual([
      ['at', 'id', 'outcome', 'version'],
      ['at', 'id', 'outcome', 'version'],
    ]);
    expect(res.results.map((r) => r.version)).toEqual([claim.version + 1, claim.version + 2]);
  });

  it('stops adding claims to an answer past its byte cap, once per claim before that', async () => {
    const claim = { id: 'CLM-1', comments: ['x'.repeat(600)] } as unknown as Claim;
    const budget = new AnswerBudget(1_000);
    expect(await budget.claim('CLM-1', async () => claim)).toBe(claim);
    expect(await budget.claim('CLM-1', async () => claim)).toBeUndefined();
    expect(await budget.claim('CLM-2', async () => ({ ...claim, id: 'CLM-2' }))).toBeUndefined();
    expect(await new AnswerBudget(100).claim('CLM-3', async () => claim)).toBeUndefined();
  });
});

describe('readers', () => {
  it('run on a read-only snapshot: a reader cannot write', async () => {
    const dir = tempDir('poe-store-');
    const store = await openSqliteStore(dir);
    try {
      await store.transaction((tx) => tx.setMeta('k', 'written'));
      expect(await store.read((tx) => tx.getMeta('k'))).toBe('written');
      await expect(store.read((tx) => (tx as unknown as Tx).setMeta('k', 'sneaky'))).rejects.toThrow(/readonly/i);
      expect(await store.read((tx) => tx.getMeta('k'))).toBe('written');
    } finally {
      await store.close();
      removeDir(dir);
    }
  });
});

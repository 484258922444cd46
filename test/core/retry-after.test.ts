// The sync engine waits as long as the service asks: a push answered 429 with Retry-After is not retried
// before that time, even with a backoff of a millisecond. The service is real; the fetch the core is
// given passes everything through except the rate-limited answers the test switches on.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FetchLike } from '../../electron/core/service-client';
import { openCore, serviceWithClaims, type TestCore, type TestService } from './harness';

let svc: TestService;
let ws: TestCore;
const pushes: number[] = [];
let limited = 0;
let nextPush: (() => void) | null = null;

const fetchThroughLimiter: FetchLike = async (input, init) => {
  if (input.endsWith('/api/v1/mutations')) {
    pushes.push(Date.now());
    nextPush?.();
    if (limited > 0) {
      limited--;
      const problem = { type: 'urn:poe:problem:rate-limited', title: 'Too many requests', status: 429, detail: 'Slow down.' };
      return new Response(JSON.stringify(problem), { status: 429, headers: { 'content-type': 'application/problem+json', 'retry-after': '1' } });
    }
  }
  return fetch(input, init);
};

beforeAll(async () => {
  svc = await serviceWithClaims(1);
  ws = await openCore(svc.service.url, { fetch: fetchThroughLimiter, sync: { backoffBaseMs: 1, backoffMaxMs: 1 } });
  await ws.call('session.login', { username: 'rev1', password: 'demo' });
  await ws.call('queue.pull', { size: 1 });
});
afterAll(async () => {
  await ws.close();
  await svc.close();
});

describe('Retry-After', () => {
  it('holds the next push back until the time the service asked for', async () => {
    limited = 1;
    const second = new Promise<void>((resolve) => {
      nextPush = () => {
        if (pushes.length >= 2) resolve();
      };
    });
    pushes.length = 0;
    await ws.call('review.comment', { claimId: svc.claimIds[0]!, text: 'Checked the invoice.' });
    await ws.call('sync.run', {}).catch(() => undefined);
    await second;
    expect(pushes[1]! - pushes[0]!).toBeGreaterThanOrEqual(950);
    await expect.poll(async () => (await ws.call('sync.status', {})).pending).toBe(0);
  });
});

// The in-memory sign-in throttle (reliability, issue 13): per user and address, per address over all
// usernames, and bounded memory whose eviction never unlocks a locked key.
import { describe, expect, it } from 'vitest';
import { LoginThrottle, MAX_ADDRESS_FAILURES, MAX_FAILURES } from '../../server/app/login-throttle';

const at = (minute: number) => new Date(Date.UTC(2026, 2, 2, 1, minute));

describe('the sign-in throttle', () => {
  it('locks an address after its wrong passwords over many usernames, and a success does not unlock it', () => {
    const t = new LoginThrottle();
    for (let i = 0; i < MAX_ADDRESS_FAILURES - 1; i++) t.failed(`user-${i}`, '10.0.0.1', at(0));
    expect(t.retryAfter('someone', '10.0.0.1', at(1))).toBeNull();
    t.succeeded('user-3', '10.0.0.1');
    t.failed('user-last', '10.0.0.1', at(1));
    expect(t.retryAfter('someone', '10.0.0.1', at(1))).toEqual({ seconds: 14 * 60, scope: 'address' });
    expect(t.retryAfter('someone', '10.0.0.2', at(1))).toBeNull();
    expect(t.retryAfter('someone', '10.0.0.1', at(16))).toBeNull();
  });

  it('keeps memory bounded under a flood of usernames and addresses, and never evicts a lock', () => {
    const t = new LoginThrottle(50);
    for (let i = 0; i < MAX_FAILURES; i++) t.failed('rev1', '10.0.0.9', at(0));
    expect(t.retryAfter('rev1', '10.0.0.9', at(0))?.scope).toBe('user');
    for (let i = 0; i < 5_000; i++) t.failed(`flood-${i}`, `10.1.${i >> 8}.${i & 255}`, at(1));
    expect(t.remembered.pairs).toBeLessThanOrEqual(50);
    expect(t.remembered.addresses).toBeLessThanOrEqual(50);
    expect(t.retryAfter('rev1', '10.0.0.9', at(2))).toEqual({ seconds: 13 * 60, scope: 'user' });
    // Expired keys make room first; a lock ends only when its window does.
    expect(t.retryAfter('rev1', '10.0.0.9', at(15))).toBeNull();
  });

  it('when every remembered key is locked, forgets new failures rather than any lock', () => {
    const t = new LoginThrottle(3);
    for (const user of ['a', 'b', 'c']) for (let i = 0; i < MAX_FAILURES; i++) t.failed(user, `10.0.0.${user.charCodeAt(0)}`, at(0));
    for (let i = 0; i < 100; i++) t.failed(`new-${i}`, '10.2.0.1', at(1));
    for (const user of ['a', 'b', 'c']) expect(t.retryAfter(user, `10.0.0.${user.charCodeAt(0)}`, at(2))?.scope).toBe('user');
    expect(t.remembered).toEqual({ pairs: 3, addresses: 3 });
  });
});

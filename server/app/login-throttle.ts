// Rate limit of sign-in: at most MAX_FAILURES wrong passwords per username and client address within
// WINDOW_MINUTES (service clock, so the test clock moves it); past that every attempt for that pair,
// right or wrong, is answered 429 with Retry-After until the oldest failure leaves the window. A
// successful sign-in clears the pair. Besides, at most MAX_ADDRESS_FAILURES wrong passwords per client
// address over all usernames (a success does not clear that). Kept in memory by default, bounded, and
// eviction never unlocks a locked key (a restart forgets it, which only loosens it); a store shared by
// several instances supplies its own LoginAttempts (AppContext).
import { ProblemError } from '../http/problems';
import { PROBLEM_TYPES } from '../../shared/contracts';

export const MAX_FAILURES = 5;
/** Wrong passwords from one client address, whatever the usernames, within the same window. */
export const MAX_ADDRESS_FAILURES = 30;
export const WINDOW_MINUTES = 15;
const WINDOW_MS = WINDOW_MINUTES * 60_000;
/** Pairs (and addresses) remembered at most, so a flood of usernames cannot grow memory without bound. */
export const MAX_PAIRS = 10_000;

/** Which limit a sign-in ran into: the user's at this address, or the address's over all users. */
export type ThrottleScope = 'user' | 'address';
export interface Throttled {
  seconds: number;
  scope: ThrottleScope;
}

/** The 429 problem for a caller that must wait. */
export const tooManyAttempts = ({ seconds, scope }: Throttled): ProblemError =>
  new ProblemError({
    type: PROBLEM_TYPES.rateLimited,
    title: 'Too many sign-in attempts',
    status: 429,
    field: 'username',
    detail:
      scope === 'user'
        ? `${MAX_FAILURES} wrong passwords for this user from this address within ${WINDOW_MINUTES} minutes: try again in ${seconds} seconds`
        : `${MAX_ADDRESS_FAILURES} wrong passwords from this address within ${WINDOW_MINUTES} minutes, whatever the usernames: try again in ${seconds} seconds`,
  });

/** Where failed sign-ins are counted: in memory (LoginThrottle) or in a shared database. */
export interface LoginAttempts {
  retryAfter(username: string, address: string, now: Date): Throttled | null | Promise<Throttled | null>;
  failed(username: string, address: string, now: Date): void | Promise<void>;
  /** Clears the pair's failures; never the address's (one good account must not unlock guessing at others). */
  succeeded(username: string, address: string): void | Promise<void>;
}

/** The pair's key: the username as typed, case and Unicode form folded, and the client address. */
export const throttleKey = (username: string, address: string): string => `${username.normalize('NFC').toLowerCase()}\u0000${address}`;
/** The address's own key (no username is empty: the login body requires one). */
export const addressKey = (address: string): string => `\u0000${address}`;

/** The wait until the oldest of `recent` failures leaves the window, when they reach `max`. */
export function waitFor(recent: readonly number[], max: number, now: number): number | null {
  if (recent.length < max) return null;
  return Math.max(1, Math.ceil((recent[recent.length - max]! + WINDOW_MS - now) / 1000));
}

/**
 * Failure times per key, bounded: when full, expired keys go first, then the oldest key that is not
 * locked. A locked key is never evicted (that would unlock it); when every key is locked, a new key's
 * failure is not remembered (its address is still counted, in its own bounded table).
 */
class FailureTable {
  private readonly times = new Map<string, number[]>();
  constructor(
    private readonly max: number,
    private readonly limit: number,
  ) {}

  recent(key: string, now: number): number[] {
    const kept = (this.times.get(key) ?? []).filter((t) => t > now - WINDOW_MS);
    if (kept.length) this.times.set(key, kept);
    else this.times.delete(key);
    return kept;
  }

  add(key: string, now: number): void {
    if (!this.times.has(key) && this.times.size >= this.max && !this.evictOne(now)) return;
    // At most `limit` times are kept per key: enough to know it is locked and until when.
    this.times.set(key, [...this.recent(key, now), now].slice(-this.limit));
  }

  delete(key: string): void {
    this.times.delete(key);
  }

  get size(): number {
    return this.times.size;
  }

  private evictOne(now: number): boolean {
    for (const key of [...this.times.keys()]) this.recent(key, now);
    if (this.times.size < this.max) return true;
    for (const [key, times] of this.times) {
      if (times.length < this.limit) {
        this.times.delete(key);
        return true;
      }
    }
    return false;
  }
}

export class LoginThrottle implements LoginAttempts {
  private readonly pairs: FailureTable;
  private readonly addresses: FailureTable;

  constructor(maxKeys = MAX_PAIRS) {
    this.pairs = new FailureTable(maxKeys, MAX_FAILURES);
    this.addresses = new FailureTable(maxKeys, MAX_ADDRESS_FAILURES);
  }

  /** How many keys are remembered (pairs, addresses): bounded by maxKeys each. */
  get remembered(): { pairs: number; addresses: number } {
    return { pairs: this.pairs.size, addresses: this.addresses.size };
  }

  /** How long the caller must wait, or null when it has attempts left. */
  retryAfter(username: string, address: string, now: Date): Throttled | null {
    const t = now.getTime();
    const user = waitFor(this.pairs.recent(throttleKey(username, address), t), MAX_FAILURES, t);
    if (user !== null) return { seconds: user, scope: 'user' };
    const all = waitFor(this.addresses.recent(addressKey(address), t), MAX_ADDRESS_FAILURES, t);
    return all === null ? null : { seconds: all, scope: 'address' };
  }

  failed(username: string, address: string, now: Date): void {
    this.pairs.add(throttleKey(username, address), now.getTime());
    this.addresses.add(addressKey(address), now.getTime());
  }

  succeeded(username: string, address: string): void {
    this.pairs.delete(throttleKey(username, address));
  }
}

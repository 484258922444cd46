// Rate limit of sign-in: at most MAX_FAILURES wrong passwords per username and client address within
// WINDOW_MINUTES (service clock, so the test clock moves it); past that every attempt for that pair,
// right or wrong, is answered 429 with Retry-After until the oldest failure leaves the window. A
// successful sign-in clears the pair. Kept in memory by default (a restart forgets it, which only
// loosens it); a store shared by several instances supplies its own LoginAttempts (AppContext).
import { ProblemError } from '../http/problems';
import { PROBLEM_TYPES } from '../../shared/contracts';

export const MAX_FAILURES = 5;
export const WINDOW_MINUTES = 15;
const WINDOW_MS = WINDOW_MINUTES * 60_000;
/** Pairs remembered at most, so a flood of usernames cannot grow memory without bound. */
const MAX_PAIRS = 10_000;

/** The 429 problem for a pair that must wait `seconds`. */
export const tooManyAttempts = (seconds: number): ProblemError => new ProblemError({
  type: PROBLEM_TYPES.rateLimited, title: 'Too many sign-in attempts', status: 429, field: 'username',
  detail: `${MAX_FAILURES} wrong passwords for this user from this address within ${WINDOW_MINUTES} minutes: try again in ${seconds} seconds`,
});

/** Where failed sign-ins are counted: in memory (LoginThrottle) or in a shared database. */
export interface LoginAttempts {
  retryAfter(username: string, address: string, now: Date): number | null | Promise<number | null>;
  failed(username: string, address: string, now: Date): void | Promise<void>;
  succeeded(username: string, address: string): void | Promise<void>;
}

/** The pair's key: the username as typed, case and Unicode form folded, and the client address. */
export const throttleKey = (username: string, address: string): string => `${username.normalize('NFC').toLowerCase()}\u0000${address}`;

export class LoginThrottle implements LoginAttempts {
  private readonly failures = new Map<string, number[]>();

  private key(username: string, address: string): string {
    return throttleKey(username, address);
  }

  private recent(key: string, now: number): number[] {
    const kept = (this.failures.get(key) ?? []).filter((t) => t > now - WINDOW_MS);
    if (kept.length) this.failures.set(key, kept);
    else this.failures.delete(key);
    return kept;
  }

  /** Seconds until the pair may try again, or null when it has attempts left. */
  retryAfter(username: string, address: string, now: Date): number | null {
    const recent = this.recent(this.key(username, address), now.getTime());
    if (recent.length < MAX_FAILURES) return null;
    return Math.max(1, Math.ceil((recent[0]! + WINDOW_MS - now.getTime()) / 1000));
  }

  failed(username: string, address: string, now: Date): void {
    const key = this.key(username, address);
    if (!this.failures.has(key) && this.failures.size >= MAX_PAIRS) this.failures.delete(this.failures.keys().next().value!);
    this.failures.set(key, [...this.recent(key, now.getTime()), now.getTime()]);
  }

  succeeded(username: string, address: string): void {
    this.failures.delete(this.key(username, address));
  }
}

// Failed sign-ins counted in the database (login_failures), so every service instance behind a load
// balancer enforces one limit per (username, client address) and one per address; same rules as
// app/login-throttle.ts. Rows older than the window are deleted as failures come in.
import type { Kysely } from 'kysely';
import {
  MAX_ADDRESS_FAILURES,
  MAX_FAILURES,
  WINDOW_MINUTES,
  addressKey,
  throttleKey,
  waitFor,
  type LoginAttempts,
  type Throttled,
} from '../../app/login-throttle';

/** The pair as text PostgreSQL accepts (JSON escapes the NUL that separates username and address). */
const pairOf = (username: string, address: string): string => JSON.stringify(throttleKey(username, address));
/** The address's own row key, counted over all usernames. */
const addressOf = (address: string): string => JSON.stringify(addressKey(address));
import type { ServiceDatabase } from './schema';

const WINDOW_MS = WINDOW_MINUTES * 60_000;
const since = (now: Date): string => new Date(now.getTime() - WINDOW_MS).toISOString();

export class KyselyLoginAttempts implements LoginAttempts {
  constructor(private readonly db: Kysely<ServiceDatabase>) {}

  private async recent(key: string, now: Date): Promise<number[]> {
    const rows = await this.db.selectFrom('login_failures').select('at').where('pair', '=', key).where('at', '>', since(now)).orderBy('at').execute();
    return rows.map((r) => Date.parse(r.at));
  }

  async retryAfter(username: string, address: string, now: Date): Promise<Throttled | null> {
    const user = waitFor(await this.recent(pairOf(username, address), now), MAX_FAILURES, now.getTime());
    if (user !== null) return { seconds: user, scope: 'user' };
    const all = waitFor(await this.recent(addressOf(address), now), MAX_ADDRESS_FAILURES, now.getTime());
    return all === null ? null : { seconds: all, scope: 'address' };
  }

  async failed(username: string, address: string, now: Date): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('login_failures').where('at', '<=', since(now)).execute();
      await trx
        .insertInto('login_failures')
        .values([
          { pair: pairOf(username, address), at: now.toISOString() },
          { pair: addressOf(address), at: now.toISOString() },
        ])
        .execute();
    });
  }

  async succeeded(username: string, address: string): Promise<void> {
    await this.db.deleteFrom('login_failures').where('pair', '=', pairOf(username, address)).execute();
  }
}

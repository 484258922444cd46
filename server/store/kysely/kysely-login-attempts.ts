// Failed sign-ins counted in the database (login_failures), so every service instance behind a load
// balancer enforces one limit per (username, client address); same rules as app/login-throttle.ts.
import type { Kysely } from 'kysely';
import { MAX_FAILURES, WINDOW_MINUTES, throttleKey, type LoginAttempts } from '../../app/login-throttle';

/** The pair as text PostgreSQL accepts (JSON escapes the NUL that separates username and address). */
const pairOf = (username: string, address: string): string => JSON.stringify(throttleKey(username, address));
import type { ServiceDatabase } from './schema';

const WINDOW_MS = WINDOW_MINUTES * 60_000;
const since = (now: Date): string => new Date(now.getTime() - WINDOW_MS).toISOString();

export class KyselyLoginAttempts implements LoginAttempts {
  constructor(private readonly db: Kysely<ServiceDatabase>) {}

  async retryAfter(username: string, address: string, now: Date): Promise<number | null> {
    const recent = await this.db.selectFrom('login_failures').select('at').where('pair', '=', pairOf(username, address))
      .where('at', '>', since(now)).orderBy('at').execute();
    if (recent.length < MAX_FAILURES) return null;
    return Math.max(1, Math.ceil((Date.parse(recent[0]!.at) + WINDOW_MS - now.getTime()) / 1000));
  }

  async failed(username: string, address: string, now: Date): Promise<void> {
    const pair = pairOf(username, address);
    await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('login_failures').where('pair', '=', pair).where('at', '<=', since(now)).execute();
      await trx.insertInto('login_failures').values({ pair, at: now.toISOString() }).execute();
    });
  }

  async succeeded(username: string, address: string): Promise<void> {
    await this.db.deleteFrom('login_failures').where('pair', '=', pairOf(username, address)).execute();
  }
}

// Sign-in and bearer-token sessions: scrypt-checked passwords, random tokens stored only hashed,
// 8-hour expiry, logout revokes. A wrong username and a wrong password get the very same answer.
import type { User } from '../../shared/contracts';
import { DUMMY_HASH, verifyPassword } from '../auth/passwords';
import { newToken, SESSION_HOURS, tokenHash } from '../auth/tokens';
import { problem } from '../http/problems';
import { callerOf, type AppContext, type Caller } from './context';

const WRONG = 'wrong username or password';

export async function login(app: AppContext, username: string, password: string): Promise<{ token: string; expiresAt: string; user: User }> {
  // A read (no write lock waited for); the one write is the session, after the password check.
  const user = await app.store.read((tx) => tx.findUserByUsername(username), { oneQuery: true });
  const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
  if (!user || !ok) throw problem.unauthorized(WRONG);
  const token = newToken();
  const now = app.clock.now();
  const expiresAt = new Date(now.getTime() + SESSION_HOURS * 3_600_000).toISOString();
  await app.store.transaction((tx) =>
    tx.insertSession({ tokenHash: tokenHash(token), userId: user.id, createdAt: now.toISOString(), expiresAt, revokedAt: null }),
  );
  return { token, expiresAt, user: { id: user.id, name: user.name, role: user.role } };
}

/** The caller a bearer token stands for, or a 401 problem saying why not. */
export async function authenticate(app: AppContext, authorization: string | undefined): Promise<Caller> {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  if (!m) throw problem.unauthorized('authorization: send "Authorization: Bearer <token>" (sign in at POST /api/v1/sessions)', 'authorization');
  const hash = tokenHash(m[1]!);
  const now = app.clock.iso();
  // One query: the session with its user (a session's user cannot be deleted: the foreign key keeps it).
  const found = await app.store.read((tx) => tx.findSessionCaller(hash), { oneQuery: true });
  if (!found || found.session.revokedAt !== null)
    throw problem.unauthorized('authorization: the token is not valid (signed out or never issued)', 'authorization');
  if (found.session.expiresAt <= now) throw problem.unauthorized('authorization: the session has expired; sign in again', 'authorization');
  const partnerRole = found.user.role === 'partner' ? found.partnerRole : null;
  return { ...callerOf(found.user, hash), ...(partnerRole ? { partnerRole } : {}) };
}

export async function logout(app: AppContext, caller: Caller): Promise<void> {
  await app.store.transaction((tx) => tx.revokeSession(caller.tokenHash, app.clock.iso()));
}

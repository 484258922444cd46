// The workstation's session: signing in to the review service (online, or offline against the verifier
// of an earlier online sign-in), signing out, and what the sign-in page shows. Only the reviewer side may
// sign in, and never over another user's unsynced work.
import type { MethodOutput } from '../../shared/contracts';
import { KEYS, type CoreContext } from './context';
import { checkVerifier, makeVerifier } from './credentials';
import { badInput, conflict, fail, forbidden, unauthorized, unavailable } from './problems';
import { OfflineError, ServiceError } from './service-client';
import { readSettings } from './settings';
import type { SyncEngine } from './sync';

/** What signing in and out works on. */
export interface SessionHost {
  readonly ctx: CoreContext;
  readonly sync: SyncEngine;
  readonly pinnedServiceUrl: string | null;
}

/** Who may sign in to the workstation: the reviewer side (partners and customers use Partner Center). */
const WORKSTATION_ROLES: readonly string[] = ['reviewer', 'qa_lead', 'admin'];

type LoginOutput = MethodOutput<'session.login'>;

export async function signIn(s: SessionHost, input: { username: string; password: string; serviceUrl?: string }): Promise<LoginOutput> {
  const serviceUrl =
    s.pinnedServiceUrl ??
    input.serviceUrl ??
    readSettings(s.ctx.store, null).serviceUrl ??
    fail(badInput('serviceUrl', 'no review service is configured: give its URL'));
  const client = s.ctx.client(serviceUrl);
  const previous = s.ctx.session;
  let user: LoginOutput['user'];
  let token: string | null;
  let offline = false;
  try {
    const res = await client.call('login', { body: { username: input.username, password: input.password } });
    user = res.user;
    token = res.token;
  } catch (error) {
    if (error instanceof ServiceError) fail(error.problem);
    if (!(error instanceof OfflineError)) throw error;
    await s.ctx.verifierSaved;
    const cred = s.ctx.store.credential(serviceUrl, input.username);
    if (!cred) {
      fail(unavailable(`${error.message}. An offline sign-in needs one online sign-in as ${input.username} on this workstation first.`));
    }
    if (!(await checkVerifier(input.password, cred!.verifier))) fail(unauthorized('Wrong username or password.'));
    user = cred!.user;
    token = previous && previous.user.id === user.id && previous.serviceUrl === serviceUrl ? previous.token : null;
    offline = true;
  }
  if (!WORKSTATION_ROLES.includes(user.role)) {
    if (token) await client.call('logout', { token }).catch(() => undefined);
    fail(forbidden(`The workstation is for PoE reviewers and QA leads; ${input.username} is a ${user.role}.`));
  }
  const others = s.ctx.store.otherOutboxUsers(user.id);
  if (others.length > 0) {
    fail(
      conflict(`Actions of ${others.join(', ')} on this workstation have not reached the service yet. Sign in as ${others.join(' or ')} to sync them first.`),
    );
  }
  s.ctx.store.transaction(() => {
    if (previous && (previous.user.id !== user.id || previous.serviceUrl !== serviceUrl)) {
      // Another reviewer or service: the old batch is not theirs.
      for (const id of s.ctx.store.batchClaimIds()) s.ctx.store.setInBatch(id, false);
      s.ctx.store.forgetClaimsOutsideBatch();
      s.ctx.store.deleteValue(KEYS.lease);
      s.ctx.store.deleteValue(KEYS.cursor);
    }
    s.ctx.saveSession({ serviceUrl, username: input.username, user, token });
    s.ctx.store.setValue(KEYS.lastUsername, input.username);
  });
  // The offline verifier (a second scrypt, after the service's own check) is derived after the answer,
  // off the sign-in's path; an offline sign-in waits for it (above), and so does closing the profile.
  if (!offline) {
    const { username, password } = input;
    s.ctx.verifierSaved = makeVerifier(password)
      .then((verifier) => s.ctx.store.putCredential(serviceUrl, username, verifier, user, s.ctx.now()))
      .catch((error: unknown) => s.ctx.log.warn(`the offline sign-in verifier was not saved: ${error instanceof Error ? error.message : String(error)}`));
  }
  s.ctx.password = input.password;
  s.ctx.log.info(`signed in as ${user.id} (${user.role})${offline ? ' offline' : ''} to ${serviceUrl}`);
  if (!offline) {
    try {
      const cal = await client.call('calendar');
      s.ctx.store.setValue(KEYS.calendar, { timeZone: cal.timeZone, holidays: cal.holidays });
    } catch {
      // the calendar is refreshed on the next pull
    }
  }
  s.sync.start();
  return { user, serviceUrl, offline };
}

export async function signOut(s: SessionHost): Promise<Record<string, never>> {
  const session = s.ctx.session;
  s.sync.stop();
  if (session?.token)
    await s.ctx
      .client(session.serviceUrl)
      .call('logout', { token: session.token })
      .catch(() => undefined);
  s.ctx.password = null;
  s.ctx.saveSession(null);
  s.sync.emitStatus();
  return {};
}

export function currentSession(s: SessionHost): MethodOutput<'session.current'> {
  const session = s.ctx.session;
  return {
    user: session?.user ?? null,
    serviceUrl: session?.serviceUrl ?? readSettings(s.ctx.store, s.pinnedServiceUrl).serviceUrl,
    lastUsername: s.ctx.store.getValue<string>(KEYS.lastUsername) ?? null,
    calendar: s.ctx.store.getValue<{ timeZone: string; holidays: string[] }>(KEYS.calendar) ?? null,
  };
}

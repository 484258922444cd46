// Session slice: who is signed in, to which service, and whether sign-in happened offline.
// Signing in or out also starts or clears the rest of the workspace (settings, queue, sync).
import type { User } from '../../shared/contracts';
import type { BusinessCalendar } from '../../shared/domain';
import { preparePdf } from '../viewer/pdf-engine';
import { describeError, invoke } from './services';
import type { SliceContext } from './slice';

export interface SessionSlice {
  phase: 'starting' | 'signed-out' | 'signed-in';
  user: User | null;
  serviceUrl: string | null;
  /** Signed in from the local profile, without reaching the service. */
  offline: boolean;
  /** The service's business calendar, as the workstation last fetched it. */
  calendar: BusinessCalendar | null;
  /** Who signed in last on this profile. */
  lastUsername: string | null;
  busy: boolean;
  error: string | null;
  restore(): Promise<void>;
  login(input: { username: string; password: string; serviceUrl: string }): Promise<boolean>;
  logout(): Promise<void>;
}

export function createSessionSlice({ patch, get }: SliceContext): SessionSlice {
  const enterWorkspace = async () => {
    const s = get();
    // QA leads start in audit mode, administrators on the statistics; reviewers on their queue.
    const role = s.session.user?.role;
    s.ui.setView(role === 'qa_lead' ? 'audit' : role === 'admin' ? 'audit-stats' : 'review');
    if (role) void s.audit.enter(role);
    await Promise.all([s.sync.load(), s.queue.refresh(), s.conflicts.load()]);
    const first = get().queue.items[0];
    if (first && !get().claim.currentId) void get().claim.open(first.id);
  };

  return {
    phase: 'starting',
    user: null,
    serviceUrl: null,
    offline: false,
    calendar: null,
    lastUsername: null,
    busy: false,
    error: null,

    async restore() {
      await get().settings.load();
      try {
        const current = await invoke('session.current', {});
        const serviceUrl = current.serviceUrl ?? get().settings.value?.serviceUrl ?? null;
        patch('session', {
          phase: current.user ? 'signed-in' : 'signed-out',
          user: current.user,
          serviceUrl,
          calendar: current.calendar,
          lastUsername: current.lastUsername,
        });
        if (current.user) {
          preparePdf();
          await enterWorkspace();
        }
      } catch (error) {
        patch('session', { phase: 'signed-out', error: describeError(error) });
      }
    },

    async login({ username, password, serviceUrl }) {
      patch('session', { busy: true, error: null });
      preparePdf(); // its worker starts while the service answers
      try {
        const out = await invoke('session.login', { username, password, ...(serviceUrl ? { serviceUrl } : {}) });
        const { calendar } = await invoke('session.current', {});
        patch('session', {
          phase: 'signed-in',
          user: out.user,
          serviceUrl: out.serviceUrl,
          offline: out.offline,
          calendar,
          lastUsername: username,
          busy: false,
        });
        await get().settings.load();
        await enterWorkspace();
        return true;
      } catch (error) {
        patch('session', { busy: false, error: describeError(error) });
        return false;
      }
    },

    async logout() {
      try {
        await invoke('session.logout', {});
      } catch (error) {
        get().ui.notify('error', describeError(error));
      }
      get().claim.close();
      patch('queue', { items: [], total: 0 });
      patch('session', { phase: 'signed-out', user: null, offline: false, error: null });
    },
  };
}

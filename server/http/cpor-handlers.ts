// The handlers of the CPOR process routes: the QA lead's SLA report (JSON and CSV) and the
// notification feed of partners and customers. No rule lives here: app/ and shared/ decide.
import type { AppContext, Caller } from '../app/context';
import { markNotificationsRead, notificationFeed } from '../app/notifications';
import { exportSlaReport, slaReportOf } from '../app/sla-report';
import { sendCsv } from './audit-handlers';
import type { Handlers } from './handlers';
import { problem } from './problems';

export type CporRouteName = 'slaReport' | 'slaReportCsv' | 'notificationList' | 'notificationRead';

const signedIn = (c: Caller | null): Caller => {
  if (!c) throw problem.unauthorized('authorization: sign in first', 'authorization');
  return c;
};

export function makeCporHandlers(app: AppContext): Pick<Handlers, CporRouteName> {
  return {
    slaReport: async () => slaReportOf(app),
    slaReportCsv: async ({ reply }) => sendCsv(reply, await exportSlaReport(app)) as never,
    notificationList: async ({ caller, query }) => notificationFeed(app, signedIn(caller), query),
    notificationRead: async ({ caller, body }) => markNotificationsRead(app, signedIn(caller), body),
  };
}

// The handlers of the QA audit routes of the serviceApi table: validated input in, the application's
// audit operations called, responses out. CSV answers go out as attachments. No audit rule lives here.
import type { FastifyReply } from 'fastify';
import { exportAudits, exportStats, type CsvFile } from '../app/audit-csv';
import { listProfiles, setDefaults, setProfile } from '../app/audit-profiles';
import { getAudit, listAudits, submitAudit } from '../app/audit-records';
import { drawSample, listItems, previewSample } from '../app/audit-sampling';
import { auditStats } from '../app/audit-stats';
import type { AppContext, Caller } from '../app/context';
import type { Handlers } from './handlers';
import { problem } from './problems';

export type AuditRouteName =
  | 'auditPreview'
  | 'auditDraw'
  | 'auditItems'
  | 'auditSubmit'
  | 'auditList'
  | 'auditGet'
  | 'auditStats'
  | 'auditStatsCsv'
  | 'auditCsv'
  | 'auditReviewers'
  | 'auditReviewerSet'
  | 'auditDefaultsSet';

const signedIn = (c: Caller | null): Caller => {
  if (!c) throw problem.unauthorized('authorization: sign in first', 'authorization');
  return c;
};

export function sendCsv(reply: FastifyReply, file: CsvFile): Buffer {
  reply
    .type('text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${file.fileName}"`)
    .header('cache-control', 'no-store')
    .header('x-content-type-options', 'nosniff');
  return Buffer.from(file.text, 'utf8');
}

export function makeAuditHandlers(app: AppContext): Pick<Handlers, AuditRouteName> {
  return {
    auditPreview: async ({ caller, body }) => previewSample(app, signedIn(caller), body),
    auditDraw: async ({ caller, body }) => drawSample(app, signedIn(caller), body),
    auditItems: async ({ caller, query }) => listItems(app, signedIn(caller), query),
    auditSubmit: async ({ caller, body }) => submitAudit(app, signedIn(caller), body),
    auditList: async ({ caller, query }) => listAudits(app, signedIn(caller), query),
    auditGet: async ({ caller, params }) => getAudit(app, signedIn(caller), params.id),
    auditStats: async ({ caller, query }) => auditStats(app, signedIn(caller), query),
    auditStatsCsv: async ({ caller, query, reply }) => sendCsv(reply, await exportStats(app, signedIn(caller), query)) as never,
    auditCsv: async ({ caller, query, reply }) => sendCsv(reply, await exportAudits(app, signedIn(caller), query)) as never,
    auditReviewers: async () => listProfiles(app),
    auditReviewerSet: async ({ caller, params, body }) => setProfile(app, signedIn(caller), params.id, body),
    auditDefaultsSet: async ({ body }) => setDefaults(app, body),
  };
}

// The authorization matrix of the workstation API on the browser host: for every method and every
// caller — the page (launch key, own origin), no key, a wrong key, another origin, another Host (DNS
// rebinding) — only the page gets through. Signed out, only signing in, the session, the sync status
// and the settings answer; and the workstation is for reviewers and QA leads: partners and customers
// are refused at sign-in.
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WORKSTATION_METHODS, type Problem, type WorkstationMethod } from '../../shared/contracts';
import { submitClaims } from '../support/claims';
import { startTestService, type TestService } from '../support/service';
import { startWorkstation, type RunningWorkstationProcess } from '../support/workstation';

const TRANSPORT_CALLERS = ['page', 'noKey', 'wrongKey', 'foreignOrigin', 'foreignHost'] as const;
type TransportCaller = (typeof TRANSPORT_CALLERS)[number];

/** Methods that answer with nobody signed in: everything else is a reviewer's work and needs a session. */
const WITHOUT_SESSION: readonly WorkstationMethod[] = [
  'session.login',
  'session.logout',
  'session.current',
  'sync.status',
  'settings.get',
  'settings.set',
  'app.diagnostics',
  'app.about',
];

const uuid = '0192f5a0-0000-7000-8000-000000000001';
const example = (method: WorkstationMethod, claimId: string): unknown => {
  const inputs: Partial<Record<WorkstationMethod, unknown>> = {
    'session.login': { username: 'nobody', password: 'wrong' },
    'queue.pull': { size: 1 },
    'claim.get': { id: claimId },
    'claim.lease': { id: claimId },
    'document.get': { sha256: 'a'.repeat(64) },
    'document.openExternal': { sha256: 'a'.repeat(64) },
    'assist.get': { claimId },
    'assist.run': { claimId },
    'review.checklist': { claimId, code: 'missing-customer-acknowledgement', checked: true },
    'review.comment': { claimId, text: 'hello' },
    'review.decide': { claimId, decision: { kind: 'approve', message: null } },
    'review.undo': { entryId: uuid },
    'conflicts.resolve': { entryId: uuid, choice: 'discard' },
    'settings.set': { language: 'en' },
    'outbox.import': { json: '{}' },
    'audit.pull': { seed: 1, mode: 'random', from: '2026-03-02T00:00:00.000Z', to: '2026-03-09T00:00:00.000Z', size: 1 },
    'audit.get': { claimId },
    'audit.draft': { claimId, findings: [] },
    'audit.submit': { claimId },
    'audit.correct': { claimId },
    'audit.discard': { claimId },
    'audit.stats': {},
    'audit.export': { kind: 'audits' },
    'audit.setReviewer': { reviewerId: 'u-rev1', experience: 'experienced' },
  };
  return inputs[method] ?? {};
};

let svc: TestService;
let ws: RunningWorkstationProcess;
let claimId: string;

function call(method: string, body: unknown, caller: TransportCaller): Promise<{ status: number; body: string }> {
  const headers: Record<string, string> = { 'content-type': 'application/json', host: `127.0.0.1:${ws.port}`, origin: ws.origin };
  if (caller !== 'noKey') headers.authorization = `Bearer ${caller === 'wrongKey' ? 'x'.repeat(ws.key.length) : ws.key}`;
  if (caller === 'foreignOrigin') headers.origin = 'https://evil.example';
  if (caller === 'foreignHost') headers.host = `evil.example:${ws.port}`;
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: ws.port, path: `/rpc/${method}`, method: 'POST', headers }, (res) => {
      let text = '';
      res
        .setEncoding('utf8')
        .on('data', (c: string) => (text += c))
        .on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

beforeAll(async () => {
  svc = await startTestService({ demoClaims: 0 });
  [claimId] = await submitClaims(svc.url, 1);
  ws = await startWorkstation({ serviceUrl: svc.url, args: ['--sync-interval', '600000'] });
});
afterAll(async () => {
  await ws?.cleanup();
  await svc?.stop();
});

describe('the workstation API on the browser host', () => {
  it('lets only the page (launch key, own origin, own host) through, for every method', async () => {
    for (const method of WORKSTATION_METHODS.filter((m) => m !== 'session.logout')) {
      for (const caller of TRANSPORT_CALLERS) {
        const res = await call(method, example(method, claimId!), caller);
        // The transport's own refusals (launch key, host, origin) — not the service's or the core's answers.
        const title = res.status === 401 || res.status === 403 ? (JSON.parse(res.body) as Problem).title : '';
        const through = title !== 'Launch key required' && title !== 'Forbidden';
        expect(through, `${method} by ${caller}: ${res.status} ${res.body.slice(0, 120)}`).toBe(caller === 'page');
        if (!through) expect((JSON.parse(res.body) as Problem).status).toBe(res.status);
      }
    }
  });

  it('answers only sign-in, the session, the sync status, settings and support (diagnostics, About) while nobody is signed in', async () => {
    for (const method of WORKSTATION_METHODS) {
      const res = await call(method, example(method, claimId!), 'page');
      const refused = res.status === 401;
      expect(refused, `${method}: ${res.status} ${res.body.slice(0, 160)}`).toBe(!WITHOUT_SESSION.includes(method) || method === 'session.login');
    }
  });

  it('refuses partners and customers at sign-in, and keeps nobody signed in', async () => {
    for (const username of ['partner1', 'customer1']) {
      const res = await call('session.login', { username, password: 'demo' }, 'page');
      expect(res.status, username).toBe(403);
      expect((JSON.parse(res.body) as Problem).detail).toMatch(/reviewers and QA leads/);
      expect((await ws.rpc('session.current', {})).user).toBeNull();
    }
  });

  it("gives a signed-in reviewer the reviewer's methods", async () => {
    await ws.rpc('session.login', { username: 'rev1', password: 'demo' });
    await ws.rpc('queue.pull', { size: 5 });
    for (const method of ['queue.list', 'claim.get', 'review.comment', 'sync.run', 'conflicts.list', 'outbox.export'] as const) {
      const res = await call(method, example(method, claimId!), 'page');
      expect(res.status, `${method}: ${res.body.slice(0, 160)}`).toBe(200);
    }
  });
});

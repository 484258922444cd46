// Who may call which audit route of the real service: QA leads audit; administrators read and set rates;
// reviewers read only the audits of their own decisions; partners and customers see none; nobody
// signed out gets anything.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serviceApi, type RouteName } from '../../shared/contracts';
import { client, signIn, startTestService, type CallInput, type Client, type TestService } from '../support/service';
import { agreeing, approve, decide, findings, readCsv, reject, submitAudit } from './world';

let svc: TestService;
const as: Record<'qa' | 'admin' | 'rev1' | 'rev2' | 'partner' | 'customer' | 'anonymous', Client> = {} as never;
const audits: { rev1: string[]; rev2: string[] } = { rev1: [], rev2: [] };
let openClaim: string;

beforeAll(async () => {
  svc = await startTestService({ demoClaims: 0 });
  const rev1Claims = await decide(svc.url, 'rev1', [approve(), reject()]);
  const rev2Claims = await decide(svc.url, 'rev2', [approve('missing-product'), approve()], 'partner2');
  as.qa = await signIn(svc.url, 'qa1');
  as.admin = await signIn(svc.url, 'admin1');
  as.rev1 = await signIn(svc.url, 'rev1');
  as.rev2 = await signIn(svc.url, 'rev2');
  as.partner = await signIn(svc.url, 'partner1');
  as.customer = await signIn(svc.url, 'customer1');
  as.anonymous = client(svc.url);
  const { items } = await as.qa.call('auditDraw', { body: { seed: 4, mode: 'random', size: 10 } });
  for (const item of items) {
    if (item.claimId === rev2Claims[1]) {
      openClaim = item.claimId;
      continue;
    }
    const a = await submitAudit(as.qa, item, agreeing(item));
    (rev1Claims.includes(item.claimId) ? audits.rev1 : audits.rev2).push(a.id);
  }
}, 120_000);

afterAll(async () => {
  await svc?.stop();
});

type Who = keyof typeof as;
const WHO: Who[] = ['qa', 'admin', 'rev1', 'partner', 'customer', 'anonymous'];

async function status<N extends RouteName>(who: Who, name: N, input: CallInput<N> = {}): Promise<number> {
  const res = await as[who].raw(name, input);
  await res.arrayBuffer();
  return res.status;
}

describe('the audit routes by role', () => {
  const cases: { route: RouteName; input: () => CallInput<RouteName>; expected: Record<Who, number> }[] = [
    {
      route: 'auditPreview',
      input: () => ({ body: { seed: 1, mode: 'random', size: 1 } }) as never,
      expected: { qa: 200, admin: 403, rev1: 403, rev2: 403, partner: 403, customer: 403, anonymous: 401 },
    },
    {
      route: 'auditDraw',
      input: () => ({ body: { seed: 1, mode: 'random', size: 1, reviewerIds: ['nobody'] } }) as never,
      expected: { qa: 201, admin: 403, rev1: 403, rev2: 403, partner: 403, customer: 403, anonymous: 401 },
    },
    { route: 'auditItems', input: () => ({}), expected: { qa: 200, admin: 200, rev1: 403, rev2: 403, partner: 403, customer: 403, anonymous: 401 } },
    { route: 'auditList', input: () => ({}), expected: { qa: 200, admin: 200, rev1: 200, rev2: 200, partner: 403, customer: 403, anonymous: 401 } },
    {
      route: 'auditGet',
      input: () => ({ params: { id: audits.rev1[0]! } }) as never,
      expected: { qa: 200, admin: 200, rev1: 200, rev2: 404, partner: 403, customer: 403, anonymous: 401 },
    },
    { route: 'auditStats', input: () => ({}), expected: { qa: 200, admin: 200, rev1: 200, rev2: 200, partner: 403, customer: 403, anonymous: 401 } },
    { route: 'auditStatsCsv', input: () => ({}), expected: { qa: 200, admin: 200, rev1: 200, rev2: 200, partner: 403, customer: 403, anonymous: 401 } },
    { route: 'auditCsv', input: () => ({}), expected: { qa: 200, admin: 200, rev1: 200, rev2: 200, partner: 403, customer: 403, anonymous: 401 } },
    { route: 'auditReviewers', input: () => ({}), expected: { qa: 200, admin: 200, rev1: 403, rev2: 403, partner: 403, customer: 403, anonymous: 401 } },
    {
      route: 'auditReviewerSet',
      input: () => ({ params: { id: 'u-rev1' }, body: { experience: 'new' } }) as never,
      expected: { qa: 200, admin: 200, rev1: 403, rev2: 403, partner: 403, customer: 403, anonymous: 401 },
    },
    {
      route: 'auditDefaultsSet',
      input: () => ({ body: { newRate: 0.1 } }) as never,
      expected: { qa: 200, admin: 200, rev1: 403, rev2: 403, partner: 403, customer: 403, anonymous: 401 },
    },
  ];
  for (const c of cases) {
    it(`${c.route}: ${WHO.map((w) => `${w} ${c.expected[w]}`).join(', ')}; another reviewer ${c.expected.rev2}`, async () => {
      const got: Record<string, number> = {};
      for (const who of [...WHO, 'rev2' as const]) got[who] = await status(who, c.route, c.input());
      expect(got).toEqual(c.expected);
    });
  }

  it('lets only a QA lead submit an audit', async () => {
    const { items } = await as.qa.call('auditItems', { query: { state: 'open' } });
    const item = items.find((i) => i.claimId === openClaim)!;
    const body = { id: randomUUID(), claimId: item.claimId, corrects: null, blind: false, findings: findings(item, agreeing(item)) };
    for (const who of ['admin', 'rev1', 'rev2', 'partner', 'customer'] as const) expect(await status(who, 'auditSubmit', { body }), who).toBe(403);
    expect(await status('anonymous', 'auditSubmit', { body })).toBe(401);
    expect(await status('qa', 'auditSubmit', { body })).toBe(201);
  });
});

describe('the OpenAPI document', () => {
  it('describes every audit route with its roles, and the CSV exports as text/csv', async () => {
    const doc = await (await fetch(`${svc.url}/api/v1/openapi.json`)).json();
    const audit = Object.entries(serviceApi).filter(([name]) => name.startsWith('audit'));
    expect(audit.length).toBeGreaterThanOrEqual(12);
    for (const [name, def] of audit) {
      const op = doc.paths[def.path.replace(/:(\w+)/g, '{$1}')]?.[def.method.toLowerCase()];
      expect(op?.operationId, name).toBe(name);
      expect(op['x-roles']).toEqual(def.roles);
    }
    expect(Object.keys(doc.paths['/api/v1/audits.csv'].get.responses['200'].content)).toEqual(['text/csv; charset=utf-8']);
    expect(JSON.stringify(doc.paths['/api/v1/audits'].post.requestBody)).toContain('missing-customer-acknowledgement');
  });
});

describe("a reviewer's view of the audits", () => {
  it('holds the audits of their own decisions only, in the list, one by one and in the exports', async () => {
    const mine = await as.rev1.call('auditList');
    expect(mine.audits.map((a) => a.id).sort()).toEqual([...audits.rev1].sort());
    expect(mine.audits.every((a) => a.decision.reviewer.id === 'u-rev1')).toBe(true);
    expect((await as.rev1.raw('auditList', { query: { reviewerId: 'u-rev2' } })).status).toBe(403);
    expect((await as.rev1.raw('auditGet', { params: { id: audits.rev2[0]! } })).status).toBe(404);
    const { rows } = readCsv(await as.rev1.call('auditCsv'));
    expect(new Set(rows.map((r) => r.audit_id))).toEqual(new Set(audits.rev1));
    expect((await as.rev1.raw('auditCsv', { query: { reviewerId: 'u-rev2' } })).status).toBe(403);
    const stats = readCsv(await as.rev1.call('auditStatsCsv')).rows;
    expect(stats.filter((r) => r.scope === 'reviewer').map((r) => r.key)).toEqual(['u-rev1']);
  });

  it('lists nothing for a reviewer whose decisions were not audited, and the QA lead sees every audit', async () => {
    const rev3 = await signIn(svc.url, 'rev3');
    expect((await rev3.call('auditList')).total).toBe(0);
    expect((await as.qa.call('auditList')).total).toBe(audits.rev1.length + audits.rev2.length + 1);
  });
});

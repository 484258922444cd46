// The authorization matrix of the review service: for every route of the service table and every
// caller — the reviewer holding the lease, another reviewer, a QA lead, the partner who owns the
// claim, another partner, the customer of the claim's tenant, nobody, and an expired token — the
// expected allow or deny, written from the issue and DOMAIN.md (not read off the code) and asserted.
// Then the rules behind it one by one: leases, partner visibility, token expiry, sign-in rate limit.
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROBLEM_TYPES, serviceApi, type MutationResult, type Problem, type RouteDef, type RouteName } from '../../shared/contracts';
import { poePdf } from '../support/claims';
import { advanceClock, client, signIn, startTestService, type Client, type TestService } from '../support/service';

const CALLERS = ['reviewer', 'otherReviewer', 'qaLead', 'partner', 'otherPartner', 'customer', 'anonymous', 'expired'] as const;
type Caller = (typeof CALLERS)[number];
type Cell = 'allow' | 'deny';

const PUBLIC = {
  reviewer: 'allow',
  otherReviewer: 'allow',
  qaLead: 'allow',
  partner: 'allow',
  otherPartner: 'allow',
  customer: 'allow',
  anonymous: 'allow',
  expired: 'allow',
} as const;
const SIGNED_IN = { ...PUBLIC, anonymous: 'deny', expired: 'deny' } as const;
const NOBODY = {
  reviewer: 'deny',
  otherReviewer: 'deny',
  qaLead: 'deny',
  partner: 'deny',
  otherPartner: 'deny',
  customer: 'deny',
  anonymous: 'deny',
  expired: 'deny',
} as const;
const only = (...callers: Caller[]): Record<Caller, Cell> => ({ ...NOBODY, ...Object.fromEntries(callers.map((c) => [c, 'allow'])) });

/**
 * Who may do what, on claim L (partner's, on the customer's tenant, in review, leased to the reviewer):
 * - reviewers lease and decide, only on claims leased to them; another reviewer sees none of L;
 * - QA leads read every claim (to audit) and run the audits; they never decide or lease;
 * - partners create, edit, upload, submit, resubmit, withdraw, dispute and comment, on their own claims only;
 * - customers read the claims on their tenant from their approval on (so none of L, still in review) and decline an approval during the consent period;
 * - the change feed is the workstations' (reviewers, QA); nobody else learns which claims moved;
 * - audits: QA leads draw, audit and set rates; reviewers read the audits of their own decisions;
 * - signed-out callers and expired tokens reach nothing but health, the calendar, sign-in and the test clock.
 */
const EXPECTED: Record<RouteName, Record<Caller, Cell>> = {
  health: PUBLIC,
  calendar: PUBLIC,
  login: PUBLIC,
  testClock: PUBLIC,
  logout: SIGNED_IN,
  me: SIGNED_IN,
  claimList: SIGNED_IN,
  leaseCreate: only('reviewer', 'otherReviewer'),
  leaseRenew: only('reviewer'),
  // Any reviewer may read any claim and its documents (acting needs the lease); customers only from approval on.
  claimGet: only('reviewer', 'otherReviewer', 'qaLead', 'partner'),
  documentGet: only('reviewer', 'otherReviewer', 'qaLead', 'partner'),
  mutations: only('reviewer'),
  changes: only('reviewer', 'otherReviewer', 'qaLead'),
  claimCreate: only('partner', 'otherPartner'),
  claimEdit: only('partner'),
  documentUpload: only('partner'),
  claimSubmit: only('partner'),
  claimResubmit: only('partner'),
  claimWithdraw: only('partner'),
  claimDispute: only('partner'),
  claimComment: only('partner'),
  claimDecline: NOBODY, // the customer's own rule: L is not approved, so it does not exist for them yet
  claimDelete: only('partner'),
  slaReport: only('qaLead'),
  slaReportCsv: only('qaLead'),
  notificationList: only('partner', 'otherPartner', 'customer'),
  notificationRead: only('partner', 'otherPartner', 'customer'),
  auditPreview: only('qaLead'),
  auditDraw: only('qaLead'),
  auditItems: only('qaLead'),
  auditSubmit: only('qaLead'),
  auditList: only('qaLead', 'reviewer', 'otherReviewer'),
  auditGet: only('qaLead', 'reviewer', 'otherReviewer'),
  auditStats: only('qaLead', 'reviewer', 'otherReviewer'),
  auditStatsCsv: only('qaLead', 'reviewer', 'otherReviewer'),
  auditCsv: only('qaLead', 'reviewer', 'otherReviewer'),
  auditReviewers: only('qaLead'),
  auditReviewerSet: only('qaLead'),
  auditDefaultsSet: only('qaLead'),
  // Last: releasing ends the reviewer's lease (the suite takes it again).
  leaseRelease: only('reviewer'),
};

let svc: TestService;
const tokens = {} as Record<Exclude<Caller, 'anonymous' | 'expired'>, string>;
const USERNAMES = { reviewer: 'rev1', otherReviewer: 'rev2', qaLead: 'qa1', partner: 'partner1', otherPartner: 'partner2', customer: 'customer1' } as const;
let expiredToken: string;
let leased: string;
let draft: string;
let documentSha: string;
let leaseId: string;

const as = (caller: Caller): Client => client(svc.url, caller === 'anonymous' ? null : caller === 'expired' ? expiredToken : tokens[caller]);

async function createClaim(tenantId: string, submit: boolean): Promise<string> {
  const partner = as('partner');
  const c = await partner.call('claimCreate', {
    body: {
      customer: { name: 'Matrix Customer', tenantId, domain: 'matrix.example' },
      subscriptionId: null,
      activity: 'deployment',
      products: [
        { name: 'Dynamics 365 Sales', family: 'dynamics-365', workload: 'Sales' },
        { name: 'Power BI Pro', family: 'power-platform', workload: 'Power BI' },
      ],
      customerContact: { name: 'C', email: 'c@matrix.example', phone: null },
      partnerContact: { name: 'P', email: 'p@partner.example', phone: null },
    },
  });
  await partner.call('documentUpload', { params: { id: c.id }, query: { fileName: 'poe.pdf' }, body: await poePdf('Matrix Customer', c.id) });
  if (submit) await partner.call('claimSubmit', { params: { id: c.id }, body: {} });
  return c.id;
}

/** One request per route that an allowed caller may make (refusals by domain rules, 409 or 400, still count as allowed through). */
async function request(name: RouteName, caller: Caller): Promise<Response> {
  const c = as(caller);
  const fresh = async () => (caller === 'anonymous' || caller === 'expired' ? c : client(svc.url, (await signIn(svc.url, USERNAMES[caller])).token));
  const raw = c.raw as (n: RouteName, i?: object) => Promise<Response>;
  switch (name) {
    case 'login':
      return raw(name, { body: { username: 'rev3', password: 'demo' } });
    case 'testClock':
      return raw(name, { body: { advance: 'PT0S' } });
    case 'logout':
      return ((await fresh()).raw as typeof raw)(name);
    case 'leaseCreate':
      return raw(name, { body: { size: 5 } });
    case 'leaseRenew':
    case 'leaseRelease':
      return raw(name, { params: { id: leaseId } });
    case 'claimGet':
      return raw(name, { params: { id: leased } });
    case 'documentGet':
      return raw(name, { params: { sha256: documentSha } });
    case 'mutations':
      return raw(name, {
        body: { mutations: [{ id: crypto.randomUUID(), claimId: leased, baseVersion: 0, kind: 'comment', payload: { text: `matrix ${caller}` } }] },
      });
    case 'claimCreate':
      return raw(name, { body: {} });
    case 'claimEdit':
      return raw(name, { params: { id: draft }, body: { partnerContact: { name: 'P2', email: 'p2@partner.example', phone: null } } });
    case 'documentUpload':
      return raw(name, { params: { id: draft }, query: { fileName: 'more.pdf' }, body: await poePdf('Matrix', `${caller}-${Date.now()}`) });
    case 'claimSubmit':
      return raw(name, { params: { id: leased }, body: {} });
    case 'claimResubmit':
      return raw(name, { params: { id: leased }, body: {} });
    case 'claimWithdraw':
      return raw(name, { params: { id: draft }, body: {} });
    case 'claimDispute':
      return raw(name, { params: { id: leased }, body: { justification: 'matrix' } });
    case 'claimComment':
      return raw(name, { params: { id: leased }, body: { text: `matrix ${caller}` } });
    case 'claimDecline':
      return raw(name, { params: { id: leased }, body: {} });
    case 'claimDelete':
      return raw(name, { params: { id: leased } });
    case 'notificationRead':
      return raw(name, { body: { all: true } });
    case 'auditGet':
      return raw(name, { params: { id: crypto.randomUUID() } });
    case 'auditReviewerSet':
      return raw(name, { params: { id: 'u-rev1' }, body: {} });
    default: {
      const def: RouteDef = serviceApi[name];
      return raw(name, def.body ? { body: {} } : {});
    }
  }
}

/** What a response says about authorization: did the caller get through to the route's own rules? */
async function verdict(name: RouteName, res: Response): Promise<Cell> {
  if (res.status === 401 || res.status === 403) return 'deny';
  // A claim or lease you may not see does not exist for you; an unknown audit id is just unknown.
  if (res.status === 404) return name === 'auditGet' ? 'allow' : 'deny';
  if (name === 'mutations' && res.ok) {
    const [result] = ((await res.json()) as { results: MutationResult[] }).results;
    return result!.outcome === 'invalid' && result!.problem?.type === PROBLEM_TYPES.notLeased ? 'deny' : 'allow';
  }
  return 'allow';
}

beforeAll(async () => {
  svc = await startTestService({ demoClaims: 0 });
  for (const [caller, username] of Object.entries(USERNAMES)) tokens[caller as keyof typeof tokens] = (await signIn(svc.url, username)).token!;
  expiredToken = (await signIn(svc.url, 'rev1')).token!;
  const db = new Database(path.join(svc.dataDir, 'service.sqlite'), { readonly: true });
  const tenant = (db.prepare("SELECT tenant_id FROM users WHERE username = 'customer1'").get() as { tenant_id: string }).tenant_id;
  db.close();
  leased = await createClaim(tenant, true);
  draft = await createClaim(tenant, false);
  documentSha = (await as('partner').call('claimGet', { params: { id: leased } })).documents[0]!.sha256;
  leaseId = (await as('reviewer').call('leaseCreate', { body: { size: 10 } })).lease.id;
});
afterAll(async () => {
  await svc?.stop();
});

describe('the authorization matrix of the service', () => {
  it('names every route of the service table', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual(Object.keys(serviceApi).sort());
  });

  const live = CALLERS.filter((c) => c !== 'expired');
  for (const name of Object.keys(EXPECTED) as RouteName[]) {
    const def: RouteDef = serviceApi[name];
    it(`${def.method} ${def.path} (${name}): ${live.map((c) => `${c} ${EXPECTED[name][c]}`).join(', ')}`, async () => {
      // The lease holder goes last: some of its calls end or change what the others would see.
      for (const caller of [...live.filter((c) => c !== 'reviewer'), 'reviewer' as const]) {
        const res = await request(name, caller);
        const got = await verdict(name, res);
        expect(got, `${caller} → ${res.status}`).toBe(EXPECTED[name][caller]);
        if (res.status === 401 || res.status === 403) expect(((await res.json()) as Problem).status).toBe(res.status);
        if (caller === 'anonymous' && got === 'deny') expect(res.status).toBe(401);
      }
      if (name === 'leaseRelease') leaseId = (await as('reviewer').call('leaseCreate', { body: { size: 10 } })).lease.id;
    });
  }

  it('once the session is over (service clock past 8 hours), a token reaches nothing but the public routes', async () => {
    await advanceClock(svc.url, 'PT9H');
    for (const name of Object.keys(EXPECTED) as RouteName[]) {
      const res = await request(name, 'expired');
      expect(await verdict(name, res), `${name} → ${res.status}`).toBe(EXPECTED[name].expired);
      if (EXPECTED[name].expired === 'deny') expect(((await res.json()) as Problem).detail).toMatch(/expired/);
    }
  });
});

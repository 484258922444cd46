// Property-based fuzzing of every route of the service table (shared serviceApi) against the real
// service: hostile params, queries and bodies, wrong content types, raw invalid bytes. Whatever
// comes in, the answer is never 5xx; a refusal is a problem document; input the route's own
// schemas refuse is always refused (4xx); and a refused request writes nothing (the database
// fingerprint is unchanged). FUZZ_RUNS raises the cases per route.
import { createHash } from 'node:crypto';
import path from 'node:path';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { Problem, serviceApi, type RouteDef, type RouteName } from '../../shared/contracts';
import type { Role } from '../../shared/domain';
import { submitClaims } from '../support/claims';
import { signIn, startTestService, type TestService } from '../support/service';
import {
  CONTENT_TYPES,
  checkProperty,
  hostileObject,
  hostileString,
  hostileValue,
  mutated,
  parsedValue,
  percentEncode,
  rawBodies,
  toJson,
  traversal,
  type Encoding,
} from './hostile-input';

const RUNS = Number(process.env.FUZZ_RUNS ?? 25);
const USER_OF: Partial<Record<Role, string>> = { reviewer: 'rev1', qa_lead: 'qa1', partner: 'partner1', customer: 'customer1', admin: 'admin1' };

let svc: TestService;
const tokens = new Map<string, string>();
let claimId: string;
let documentSha: string;

/** Everything the service keeps, hashed table by table. */
function fingerprint(): string {
  const db = new Database(path.join(svc.dataDir, 'service.sqlite'), { readonly: true });
  try {
    const hash = createHash('sha256');
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[];
    for (const { name } of tables) {
      hash.update(name);
      for (const row of db.prepare(`SELECT * FROM "${name}" ORDER BY rowid`).iterate())
        hash.update(JSON.stringify(row, (_k, v: unknown) => (Buffer.isBuffer(v) ? v.toString('base64') : v)));
    }
    return hash.digest('hex');
  } finally {
    db.close();
  }
}

const shapeKeys = (s: z.ZodType | 'binary' | undefined): string[] => (s && s !== 'binary' && 'shape' in s ? Object.keys((s as z.ZodObject).shape) : []);

/** A body the route would accept, where one is easy to write: the fuzz mutates it field by field. */
function template(name: RouteName): Record<string, unknown> | null {
  switch (name) {
    case 'login':
      return { username: 'rev1', password: 'wrong' };
    case 'leaseCreate':
      return { size: 1 };
    case 'mutations':
      return { mutations: [{ id: '01a2136b-0000-7000-8000-000000000001', claimId, baseVersion: 1, kind: 'comment', payload: { text: 'x' } }] };
    case 'claimDispute':
      return { justification: 'x' };
    case 'claimComment':
      return { text: 'x' };
    case 'testClock':
      return { advance: 'PT1S' };
    default:
      return null;
  }
}

interface Case {
  id: string;
  query: Record<string, unknown>;
  body: { kind: 'value'; value: unknown; encoding: Encoding } | { kind: 'raw'; bytes: Buffer; encoding: Encoding } | { kind: 'none' };
  auth: 'role' | 'none' | 'garbage';
}

function caseFor(name: RouteName, def: RouteDef): fc.Arbitrary<Case> {
  const id = fc.oneof(
    { weight: 2, arbitrary: fc.constantFrom(claimId, documentSha) },
    { weight: 3, arbitrary: hostileString.map(percentEncode) },
    { weight: 2, arbitrary: traversal },
    { weight: 1, arbitrary: fc.constantFrom('%FF', '%E0%A4%A', '%C0%AF', '%00', '%2F..%2F', '..%252F') },
  );
  const query = fc.oneof(fc.constant({}), hostileObject(shapeKeys(def.query)));
  const tpl = template(name);
  const values = [hostileValue, hostileObject(shapeKeys(def.body)), ...(tpl ? [mutated(tpl)] : [])];
  // The push route checks its envelope, then each mutation on its own: fuzz inside the list too.
  if (name === 'mutations')
    values.push(fc.array(mutated((tpl!.mutations as Record<string, unknown>[])[0]!), { minLength: 1, maxLength: 4 }).map((mutations) => ({ mutations })));
  const encoding = fc.constantFrom<Encoding>('json', 'json', 'json', 'text', 'form', 'multipart', 'pdf', 'octet', 'none', 'json-charset', 'xml');
  const body = fc.oneof(
    { weight: 6, arbitrary: fc.record({ kind: fc.constant('value' as const), value: fc.oneof(...values), encoding }) },
    {
      weight: 2,
      arbitrary: fc.record({
        kind: fc.constant('raw' as const),
        bytes: fc.oneof(
          rawBodies,
          fc.uint8Array({ maxLength: 2_000 }).map((b) => Buffer.from(b)),
        ),
        encoding,
      }),
    },
    { weight: 1, arbitrary: fc.constant({ kind: 'none' as const }) },
  );
  return fc.record({ id, query, body, auth: fc.constantFrom<Case['auth']>('role', 'role', 'role', 'none', 'garbage') });
}

/** Would the route's own schemas refuse this request before any rule of the domain is looked at? */
function schemasRefuse(def: RouteDef, c: Case, token: string | null): boolean {
  if (def.roles !== null && token === null) return true;
  if (def.params) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(c.id);
    } catch {
      return true;
    }
    if (!def.params.safeParse({ [Object.keys(def.params.shape)[0]!]: decoded }).success) return true;
  }
  if (def.query && !def.query.safeParse(Object.fromEntries(new URLSearchParams(stringQuery(c.query)))).success) return true;
  if (!def.body || c.body.kind === 'none') return false;
  const type = CONTENT_TYPES[c.body.encoding];
  if (def.body === 'binary') return c.body.kind === 'value' || !['pdf', 'octet'].includes(c.body.encoding) || c.body.bytes.byteLength === 0;
  if (type === null || !type.startsWith('application/json')) return true;
  if (c.body.kind === 'raw') return !jsonObject(c.body.bytes);
  return !(def === serviceApi.mutations ? PushEnvelope : def.body).safeParse(parsedValue(c.body.value)).success;
}

/** Raw bytes that happen to be a JSON object (a BOM is allowed) may well be accepted. */
function jsonObject(bytes: Buffer): boolean {
  try {
    const v: unknown = JSON.parse(bytes.toString('utf8').replace(/^\uFEFF/, ''));
    return typeof v === 'object' && v !== null;
  } catch {
    return false;
  }
}

/** What the push route validates as a whole; each mutation in it is answered on its own. */
const PushEnvelope = z.object({ mutations: z.array(z.object({}).loose()).min(1).max(500) });

const stringQuery = (q: Record<string, unknown>): Record<string, string> =>
  Object.fromEntries(Object.entries(q).map(([k, v]) => [k, typeof v === 'string' ? v : toJson(v).slice(0, 5_000)]));

async function send(def: RouteDef, c: Case, token: string | null): Promise<Response> {
  const url = `${svc.url}${def.path.replace(/:\w+/, c.id)}${Object.keys(c.query).length ? `?${new URLSearchParams(stringQuery(c.query))}` : ''}`;
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  let body: Uint8Array<ArrayBuffer> | string | undefined;
  if (c.body.kind !== 'none') {
    const type = CONTENT_TYPES[c.body.encoding];
    if (type) headers['content-type'] = type;
    body = c.body.kind === 'raw' ? new Uint8Array(c.body.bytes) : toJson(c.body.value);
  }
  return fetch(url, { method: def.method, headers, body: def.method === 'GET' ? undefined : body });
}

beforeAll(async () => {
  svc = await startTestService({ demoClaims: 0 });
  for (const [role, username] of Object.entries(USER_OF)) tokens.set(role, (await signIn(svc.url, username!)).token!);
  [claimId] = await submitClaims(svc.url, 1);
  const partner = await signIn(svc.url, 'partner1');
  documentSha = (await partner.call('claimGet', { params: { id: claimId! } })).documents[0]!.sha256;
  await (await signIn(svc.url, 'rev1')).call('leaseCreate', { body: { size: 5 } });
});
afterAll(async () => {
  await svc?.stop();
});

describe('every service route under hostile input', () => {
  for (const [name, def] of Object.entries(serviceApi) as [RouteName, RouteDef][]) {
    it(`${def.method} ${def.path} (${name}) never answers 5xx, refuses what its schemas refuse with a problem, and writes nothing when it refuses`, async () => {
      await checkProperty(
        caseFor(name, def),
        async (c) => {
          const role = def.roles?.[0];
          const token = def.roles === null || c.auth === 'none' ? null : c.auth === 'garbage' ? 'not-a-token' : (tokens.get(role!) ?? null);
          const before = fingerprint();
          const res = await send(def, c, token);
          const text = await res.text();
          expect(res.status, text.slice(0, 300)).toBeLessThan(500);
          // A push of nothing but refused mutations is answered 200, mutation by mutation: it too writes nothing.
          const allRefused =
            name === 'mutations' &&
            res.status === 200 &&
            (JSON.parse(text) as { results: { outcome: string }[] }).results.every((r) => r.outcome === 'invalid');
          if (allRefused) expect(fingerprint()).toBe(before);
          if (res.status >= 400) {
            expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
            const problem = Problem.parse(JSON.parse(text));
            expect(problem.status).toBe(res.status);
            expect(fingerprint()).toBe(before);
          }
          if (schemasRefuse(def, c, c.auth === 'garbage' ? null : token)) expect(res.status, text.slice(0, 300)).toBeGreaterThanOrEqual(400);
        },
        RUNS,
      );
    }, 120_000);
  }

  it('is still up and answers health after all of it', async () => {
    const res = await fetch(`${svc.url}/api/v1/health`);
    expect(res.status).toBe(200);
  });
});

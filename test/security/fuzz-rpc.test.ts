// Property-based fuzzing of every workstation API method (shared workstationApi) through the real
// browser host process: input its schema refuses, bodies that are not JSON, wrong content types,
// invalid UTF-8, huge and deeply nested values, unknown and traversal method names. Every refusal is
// a 4xx problem document, nothing is written to the local database, and the process stays up.
import { createHash } from 'node:crypto';
import path from 'node:path';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { Problem, workstationApi, type WorkstationMethod } from '../../shared/contracts';
import { submitClaims } from '../support/claims';
import { startTestService, type TestService } from '../support/service';
import { startWorkstation, type RunningWorkstationProcess } from '../support/workstation';
import { CONTENT_TYPES, checkProperty, hostileObject, hostileValue, mutated, parsedValue, rawBodies, toJson, traversal, type Encoding } from './hostile-input';

const RUNS = Number(process.env.FUZZ_RUNS ?? 25);
const safeDecode = (s: string): string => {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
};
let svc: TestService;
let ws: RunningWorkstationProcess;
let claimId: string;

/** The local database, hashed (sync bookkeeping and assist results, which move on their own, left out). */
function fingerprint(): string {
  const db = new Database(path.join(ws.profileDir, 'workstation.sqlite'), { readonly: true });
  try {
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[];
    const parts: string[] = [];
    for (const { name } of tables) {
      // The PoE assist's results are a cache the background analysis fills on its own schedule.
      if (name.startsWith('assist_')) continue;
      const where = name === 'kv' ? " WHERE key NOT LIKE 'sync.%'" : '';
      // Rows sorted by content: some tables (FTS5's shadow tables) have no rowid to order by.
      // A document's last use is the cache's LRU clock: the background PoE assist reads documents too.
      const columns = name === 'documents' ? 'sha256, size, media_type, file_name, fetched_at' : '*';
      const rows = (db.prepare(`SELECT ${columns} FROM "${name}"${where}`).all() as unknown[]).map((row) => JSON.stringify(row)).sort();
      // Named per table, so a failure says which table moved.
      parts.push(`${name}:${createHash('sha256').update(rows.join('\n')).digest('hex').slice(0, 12)}`);
    }
    return parts.join(' ');
  } finally {
    db.close();
  }
}

const inputKeys = (s: z.ZodType): string[] => ('shape' in s ? Object.keys((s as z.ZodObject).shape) : []);

function template(method: WorkstationMethod): Record<string, unknown> | null {
  switch (method) {
    case 'queue.pull':
      return { size: 1 };
    case 'claim.get':
      return { id: claimId };
    case 'claim.lease':
      return { id: claimId };
    case 'document.get':
      return { sha256: '0'.repeat(64) };
    case 'review.checklist':
      return { claimId, code: 'missing-product', productId: null, checked: true, note: null };
    case 'review.comment':
      return { claimId, text: 'x' };
    case 'review.decide':
      return { claimId, decision: { kind: 'approve', message: null } };
    case 'review.undo':
      return { entryId: '01a2136b-0000-7000-8000-000000000001' };
    case 'conflicts.resolve':
      return { entryId: '01a2136b-0000-7000-8000-000000000001', choice: 'discard' };
    case 'settings.set':
      return { language: 'en', batchSize: 5 };
    case 'queue.list':
      return { sort: 'urgency', search: '', limit: 5 };
    default:
      return null;
  }
}

beforeAll(async () => {
  svc = await startTestService({ demoClaims: 0 });
  [claimId] = await submitClaims(svc.url, 2);
  ws = await startWorkstation({ serviceUrl: svc.url, args: ['--sync-interval', '600000'] });
  await ws.rpc('session.login', { username: 'rev1', password: 'demo' });
  // The batch's documents download in the background after the pull answers: wait for the last one,
  // so the database only moves when an input is accepted.
  const events = await ws.events();
  await ws.rpc('queue.pull', { size: 5 });
  await events.waitFor((e) => e.type === 'pull.progress' && (e.progress.phase === 'done' || e.progress.phase === 'failed'));
  events.close();
});
afterAll(async () => {
  await ws?.cleanup();
  await svc?.stop();
});

async function expectRefusal(res: Response, before: string): Promise<Problem> {
  const text = await res.text();
  expect(res.status, text.slice(0, 300)).toBeGreaterThanOrEqual(400);
  expect(res.status, text.slice(0, 300)).toBeLessThan(500);
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  const problem = Problem.parse(JSON.parse(text));
  expect(problem.status).toBe(res.status);
  // Compared table by table, so a failure names the tables that moved.
  expect(
    fingerprint()
      .split(' ')
      .filter((t) => !before.split(' ').includes(t)),
  ).toEqual([]);
  return problem;
}

describe('every workstation API method under hostile input', () => {
  for (const [method, def] of Object.entries(workstationApi) as [WorkstationMethod, { input: z.ZodType }][]) {
    it(`${method} refuses input its schema refuses with a 4xx problem and writes nothing`, async () => {
      const tpl = template(method);
      const input = fc
        .oneof(hostileValue, hostileObject(inputKeys(def.input)), ...(tpl ? [mutated(tpl)] : []))
        .filter((v) => !def.input.safeParse(parsedValue(v)).success);
      await checkProperty(
        input,
        async (value) => {
          const before = fingerprint();
          const res = await fetch(`${ws.origin}/rpc/${method}`, {
            method: 'POST',
            headers: { authorization: `Bearer ${ws.key}`, 'content-type': 'application/json' },
            body: toJson(value),
          });
          await expectRefusal(res, before);
        },
        RUNS,
      );
    }, 120_000);
  }

  it('refuses bodies that are not JSON, or not UTF-8, or sent as another type, for every method', async () => {
    const methods = Object.keys(workstationApi);
    const encodings: Encoding[] = ['text', 'form', 'multipart', 'pdf', 'octet', 'xml'];
    const arbitrary = fc.record({
      method: fc.constantFrom(...methods),
      bytes: fc.oneof(
        rawBodies,
        fc.uint8Array({ minLength: 1, maxLength: 2_000 }).map((b) => Buffer.from(b)),
      ),
      encoding: fc.constantFrom(...encodings),
    });
    await checkProperty(
      arbitrary,
      async ({ method, bytes, encoding }) => {
        const before = fingerprint();
        const res = await fetch(`${ws.origin}/rpc/${method}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${ws.key}`, 'content-type': CONTENT_TYPES[encoding]! },
          body: bytes,
        });
        await expectRefusal(res, before);
      },
      RUNS * 4,
    );
    for (const raw of ['{"a":', '\uFEFF{', '{"__proto__":{"x":1}}', Buffer.from([0x7b, 0xff, 0xfe, 0x7d]).toString('latin1')]) {
      const before = fingerprint();
      await expectRefusal(
        await fetch(`${ws.origin}/rpc/settings.set`, {
          method: 'POST',
          headers: { authorization: `Bearer ${ws.key}`, 'content-type': 'application/json' },
          body: raw,
        }),
        before,
      );
    }
  }, 120_000);

  it('refuses a body over the size limit and deeply nested JSON without falling over', async () => {
    const before = fingerprint();
    const huge = await fetch(`${ws.origin}/rpc/review.comment`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ws.key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ claimId, text: 'x'.repeat(2 * 1024 * 1024) }),
    }).catch((e: Error) => e);
    // The host answers 413 as soon as the limit is passed; a client still sending may see the connection cut instead.
    if (huge instanceof Response) expect((await expectRefusal(huge, before)).status).toBe(413);
    else expect(String((huge.cause as Error | undefined)?.message ?? huge.message)).toMatch(/EPIPE|ECONNRESET|other side closed/);
    expect(fingerprint()).toBe(before);
    const deep = '['.repeat(400_000) + ']'.repeat(400_000);
    for (const body of [deep, `{"claimId":"${claimId}","text":${deep}}`]) {
      await expectRefusal(
        await fetch(`${ws.origin}/rpc/review.comment`, {
          method: 'POST',
          headers: { authorization: `Bearer ${ws.key}`, 'content-type': 'application/json' },
          body,
        }),
        before,
      );
    }
  });

  it('answers 404 for method names that are not in the table, traversal and prototype names included', async () => {
    const names = fc
      .oneof(
        traversal.map(encodeURIComponent),
        fc.constantFrom(
          '__proto__',
          'constructor',
          'toString',
          'hasOwnProperty',
          'session',
          'review.',
          'REVIEW.COMMENT',
          'shell.exec',
          '%00',
          '%FF',
          '%E0%A4%A',
          'x'.repeat(300),
        ),
        fc.string({ minLength: 1, maxLength: 30 }).map(encodeURIComponent),
      )
      .filter((n) => !(Object.keys(workstationApi) as string[]).includes(safeDecode(n)));
    await checkProperty(
      names,
      async (name) => {
        const before = fingerprint();
        const res = await fetch(`${ws.origin}/rpc/${name}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${ws.key}`, 'content-type': 'application/json' },
          body: '{}',
        });
        await expectRefusal(res, before);
      },
      RUNS * 2,
    );
  });

  it('is still running and answering afterwards', async () => {
    expect(() => process.kill(ws.pid, 0)).not.toThrow();
    expect((await ws.rpc('session.current', {})).user?.id).toBe('u-rev1');
  });
});

// The document cache: content-addressed files verified on write and on every read. A corrupt file is
// never served: it is deleted and fetched again from the service, or refused while offline. Over its
// size limit, the least recently used documents no batch claim needs are evicted.
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { WorkstationError } from '../../shared/contracts';
import { DocumentCache, DocumentHashMismatch } from '../../electron/core/documents';
import { openDatabase } from '../../electron/core/store/database';
import { Store } from '../../electron/core/store/queries';
import { claimFixture } from './fixtures';
import { openCore, reviewerBehindLink } from './harness';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

describe('a cached PoE document', () => {
  it('is re-fetched from the service when its file is corrupt, and refused (never served) while offline', async () => {
    const setup = await reviewerBehindLink();
    cleanups.push(() => setup.close());
    const { svc, link, ws } = setup;
    const { claim } = await ws.call('claim.get', { id: svc.claimIds[0]! });
    const digest = claim.documents[0]!.sha256;
    const file = path.join(ws.profileDir, 'documents', digest);
    const original = readFileSync(file);
    expect(sha(original)).toBe(digest);

    writeFileSync(file, Buffer.from('%PDF-1.7 tampered'));
    const fetched = await ws.call('document.get', { sha256: digest });
    expect(sha(Buffer.from(fetched.base64, 'base64'))).toBe(digest);
    expect(fetched).toMatchObject({ mediaType: 'application/pdf', fileName: claim.documents[0]!.fileName });
    expect(sha(readFileSync(file))).toBe(digest);

    link.cut = true;
    writeFileSync(file, Buffer.from('%PDF-1.7 tampered again'));
    const refused = await ws.call('document.get', { sha256: digest }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(WorkstationError);
    expect((refused as WorkstationError).problem.status).toBe(503);
    expect(existsSync(file)).toBe(false);

    link.cut = false;
    const back = await ws.call('document.get', { sha256: digest });
    expect(Buffer.from(back.base64, 'base64').equals(original)).toBe(true);
  });

  it('answers 404 for a document no claim of the batch holds', async () => {
    const ws = await openCore('http://127.0.0.1:9');
    cleanups.push(() => ws.close());
    ws.core.ctx.saveSession({ serviceUrl: 'http://127.0.0.1:9', username: 'rev1', user: { id: 'u-rev1', name: 'R', role: 'reviewer' }, token: null });
    const error = await ws.call('document.get', { sha256: 'a'.repeat(64) }).catch((e: unknown) => e);
    expect((error as WorkstationError).problem.status).toBe(404);
  });
});

describe('the document cache', () => {
  const setup = (limit: number) => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'docs-'));
    const store = new Store(openDatabase(path.join(dir, 'workstation.sqlite')));
    let tick = 0;
    const cache = new DocumentCache(store, path.join(dir, 'documents'), limit, () => new Date(Date.UTC(2026, 10, 2, 9, 0, tick++)).toISOString());
    cleanups.push(() => {
      store.close();
      rmSync(dir, { recursive: true, force: true });
    });
    return { store, cache };
  };
  const bytes = (s: string) => new Uint8Array(Buffer.from(s.padEnd(100, '.')));

  it('refuses bytes that do not match the hash they are stored under', async () => {
    const { cache } = setup(10_000);
    await cache.init();
    await expect(cache.put('0'.repeat(64), bytes('x'), { mediaType: 'application/pdf', fileName: 'x.pdf' })).rejects.toThrow(DocumentHashMismatch);
    expect(cache.has('0'.repeat(64))).toBe(false);
  });

  it('evicts the least recently used documents outside the batch first, and never a batch document', async () => {
    const { store, cache } = setup(250);
    await cache.init();
    const [a, b, c, d] = ['a', 'b', 'c', 'd'].map(bytes);
    const meta = { mediaType: 'application/pdf', fileName: 'f.pdf' };
    for (const doc of [a!, b!, c!, d!]) await cache.put(sha(doc), doc, meta);
    // d belongs to a claim of the batch; a is read again, so b is the least recently used.
    store.putServerClaim(claimFixture('CLM-IN-BATCH', [{ sha256: sha(d!), size: 100 }]), '2026-11-02T09:00:00.000Z', true);
    expect(await cache.read(sha(a!))).not.toBeNull();
    const evicted = await cache.evict();
    expect(evicted).toEqual([sha(b!), sha(c!)]);
    expect(store.documentBytes()).toBe(200);
    expect(cache.has(sha(d!))).toBe(true);
    expect(cache.has(sha(a!))).toBe(true);
    expect(existsSync(cache.file(sha(b!)))).toBe(false);
  });
});

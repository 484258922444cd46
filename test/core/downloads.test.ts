// Downloading a batch's documents: at most 8 in flight, the first claim's documents recorded before
// the rest arrive (so the first claim opens while they download), and a wrong hash stops the batch
// without storing that document.
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DocumentCache } from '../../electron/core/documents';
import { openDatabase } from '../../electron/core/store/database';
import { Store } from '../../electron/core/store/queries';
import { downloadAll, DOWNLOADS_IN_FLIGHT } from '../../electron/core/sync/downloads';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const meta = { mediaType: 'application/pdf', fileName: 'poe.pdf' };

async function cache() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'downloads-'));
  const store = new Store(openDatabase(path.join(dir, 'workstation.sqlite')));
  const docs = new DocumentCache(store, path.join(dir, 'documents'), 1e9, () => '2026-11-02T09:00:00.000Z');
  await docs.init();
  cleanups.push(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return docs;
}

describe('downloading a batch of documents', () => {
  it('keeps 8 in flight and records the first claim’s documents while the rest still download', async () => {
    const docs = await cache();
    const files = Array.from({ length: 30 }, (_, i) => new TextEncoder().encode(`%PDF-1.4 document ${i}`));
    const first = new Set([sha(files[0]!), sha(files[1]!)]);
    let inFlight = 0;
    let most = 0;
    let openGate!: () => void;
    const gate = new Promise<void>((resolve) => (openGate = resolve));
    const firstRecorded = new Promise<void>((resolve) => {
      const check = setInterval(() => {
        if ([...first].every((s) => docs.has(s))) {
          clearInterval(check);
          resolve();
        }
      }, 5);
    });
    const fetchBytes = async (digest: string) => {
      inFlight++;
      most = Math.max(most, inFlight);
      if (!first.has(digest)) await gate;
      inFlight--;
      return files.find((f) => sha(f) === digest)!;
    };
    const announced: boolean[] = [];
    const all = downloadAll(
      docs,
      files.map((f) => ({ sha256: sha(f), meta })),
      first,
      fetchBytes,
      undefined,
      // told once, when the first claim's documents are recorded and before the rest are
      () => announced.push([...first].every((s) => docs.has(s)) && !files.slice(2).some((f) => docs.has(sha(f)))),
    );
    await firstRecorded;
    await expect.poll(() => announced).toEqual([true]);
    expect(files.slice(2).some((f) => docs.has(sha(f)))).toBe(false);
    openGate();
    expect(await all).toBe(30);
    expect(most).toBe(DOWNLOADS_IN_FLIGHT);
    expect(files.every((f) => docs.has(sha(f)))).toBe(true);
  });

  it('stops at a document whose bytes do not match its hash and never records it', async () => {
    const docs = await cache();
    const good = new TextEncoder().encode('%PDF-1.4 good');
    const claimed = sha(new TextEncoder().encode('%PDF-1.4 what the claim lists'));
    await expect(
      downloadAll(
        docs,
        [
          { sha256: sha(good), meta },
          { sha256: claimed, meta },
        ],
        new Set(),
        async (d) => (d === claimed ? new TextEncoder().encode('%PDF-1.4 tampered') : good),
      ),
    ).rejects.toThrow(/different content/);
    expect(docs.has(claimed)).toBe(false);
    expect(docs.has(sha(good))).toBe(true);
  });
});

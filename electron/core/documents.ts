// The PoE document cache: files named by their SHA-256 under <profile>/documents, verified when
// written and again when read (a corrupt file is deleted, never served), size-limited with LRU
// eviction of documents no claim in the batch needs. It does not fetch: callers pass the bytes.
import { createHash, randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Store } from './store/queries';

export const sha256Hex = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

export interface DocumentMeta {
  mediaType: string;
  fileName: string;
}

export class DocumentHashMismatch extends Error {
  constructor(
    readonly expected: string,
    readonly actual: string,
  ) {
    super(`document bytes hash to ${actual}, not ${expected}`);
    this.name = 'DocumentHashMismatch';
  }
}

export class DocumentCache {
  /** Temp files are named by this cache's random prefix and a count (no random bytes drawn per file). */
  private readonly tempPrefix = randomBytes(6).toString('hex');
  private temps = 0;

  constructor(
    private readonly store: Store,
    readonly dir: string,
    private readonly limitBytes: number,
    private readonly now: () => string,
  ) {}

  async init(): Promise<void> {
    await fs.mkdir(this.dir, { recursive: true });
    // Temp files of a write the process did not finish.
    for (const name of await fs.readdir(this.dir)) if (name.startsWith('.tmp-')) await fs.rm(path.join(this.dir, name), { force: true });
  }

  file(sha256: string): string {
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error(`not a SHA-256: ${sha256}`);
    return path.join(this.dir, sha256);
  }

  has(sha256: string): boolean {
    return this.store.document(sha256) !== null;
  }

  /** Verifies and stores downloaded bytes: temp file, fsync, rename, so a crash leaves no half file. */
  async put(sha256: string, bytes: Uint8Array, meta: DocumentMeta): Promise<void> {
    await this.write(sha256, bytes);
    await this.syncDir();
    const at = this.now();
    this.store.putDocument({ sha256, size: bytes.byteLength, mediaType: meta.mediaType, fileName: meta.fileName, fetchedAt: at, lastUsedAt: at });
  }

  /**
   * Stores a batch of verified downloads (written with `write`): ONE directory fsync makes their renames
   * durable, then ONE transaction records them. Until then they are files the cache does not serve.
   */
  async commit(batch: readonly { sha256: string; size: number; meta: DocumentMeta }[]): Promise<void> {
    if (batch.length === 0) return;
    await this.syncDir();
    const at = this.now();
    this.store.transaction(() => {
      for (const d of batch)
        this.store.putDocument({ sha256: d.sha256, size: d.size, mediaType: d.meta.mediaType, fileName: d.meta.fileName, fetchedAt: at, lastUsedAt: at });
    });
  }

  /** Verifies the bytes and writes them under their hash (temp file, fsync, rename); `commit` records them. */
  async write(sha256: string, bytes: Uint8Array): Promise<void> {
    const actual = sha256Hex(bytes);
    if (actual !== sha256) throw new DocumentHashMismatch(sha256, actual);
    const target = this.file(sha256);
    const temp = path.join(this.dir, `.tmp-${this.tempPrefix}-${++this.temps}`);
    const handle = await fs.open(temp, 'w');
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(temp, target);
  }

  /** The verified bytes, or null when not cached or corrupt (a corrupt file is removed). */
  async read(sha256: string): Promise<Uint8Array | null> {
    if (!this.has(sha256)) return null;
    let bytes: Uint8Array;
    try {
      bytes = await fs.readFile(this.file(sha256));
    } catch {
      this.store.deleteDocument(sha256);
      return null;
    }
    if (sha256Hex(bytes) !== sha256) {
      await this.remove(sha256);
      return null;
    }
    this.store.touchDocument(sha256, this.now());
    return bytes;
  }

  async remove(sha256: string): Promise<void> {
    await fs.rm(this.file(sha256), { force: true });
    this.store.deleteDocument(sha256);
  }

  /** Evicts least recently used documents that no batch claim needs until under the size limit. */
  async evict(): Promise<string[]> {
    const evicted: string[] = [];
    let total = this.store.documentBytes();
    if (total <= this.limitBytes) return evicted;
    for (const d of this.store.evictableDocuments()) {
      if (total <= this.limitBytes) break;
      await this.remove(d.sha256);
      total -= d.size;
      evicted.push(d.sha256);
    }
    return evicted;
  }

  private async syncDir(): Promise<void> {
    try {
      const dir = await fs.open(this.dir, 'r');
      try {
        await dir.sync();
      } finally {
        await dir.close();
      }
    } catch {
      // Directories cannot be opened for fsync on every platform (Windows); the rename is still atomic.
    }
  }
}

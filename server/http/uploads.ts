// Document uploads streamed to a private file as the bytes arrive: the size limit is enforced on each
// chunk (413 the moment it is passed, before the rest is read), at most a few uploads per user at once
// (429), a full disk answers 507, and the file is always removed when the request ends.
import { randomUUID } from 'node:crypto';
import { createWriteStream, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { Socket } from 'node:net';
import path from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Caller } from '../app/context';
import { problem } from './problems';

/** Where an upload's bytes wait while the request is handled. */
export interface SpooledUpload {
  readonly spooled: true;
  file: string;
  size: number;
}

export const MAX_UPLOADS_PER_USER = 2;

export interface UploadSlots {
  claimSlot(caller: Caller, reply: FastifyReply): void;
}

export const isSpooled = (body: unknown): body is SpooledUpload => typeof body === 'object' && body !== null && (body as SpooledUpload).spooled === true;

/** Errors of a full disk (files or SQLite) as the 507 problem; anything else unchanged. */
export function storageProblem(error: unknown): unknown {
  const code = (error as { code?: string } | null)?.code;
  if (code === 'ENOSPC' || code === 'EDQUOT' || code === 'SQLITE_FULL') {
    return problem.insufficientStorage('the service has no disk space left to store this; nothing was saved. Try again later', 'body');
  }
  return error;
}

/** How long a refused request's connection stays open after the answer, its body discarded. */
const LINGER_MS = 1_000;

/**
 * Discards what arrives of a refused request's body until the answer is out; when Node then closes the
 * connection, stops reading, half-closes it and destroys it LINGER_MS later: an immediate close with unread bytes resets the
 * connection, and the client would lose the answer it is owed ("lingering close").
 */
export function lingerThenClose(req: FastifyRequest, _reply: FastifyReply): void {
  req.raw.resume();
  const socket = req.raw.socket as (Socket & { destroySoon?: () => void }) | null;
  if (!socket || typeof socket.destroySoon !== 'function') return;
  socket.destroySoon = () => {
    // Stop reading (TCP holds the sender back, no CPU spent on its bytes), send the answer and FIN.
    socket.pause();
    socket.end();
    setTimeout(() => socket.destroy(), LINGER_MS).unref();
  };
}

/** Reads a spooled upload's bytes (after authentication and the per-user limit) and removes its file. */
export async function takeSpooled(body: SpooledUpload): Promise<Buffer> {
  try {
    return await readFile(body.file);
  } finally {
    rmSync(body.file, { force: true });
  }
}

/**
 * Registers the streaming parser for `contentTypes` (spooled into `dir`, emptied now) and the
 * per-user limit of concurrent uploads for routes whose config says `upload: true`.
 */
export function registerUploads(
  http: FastifyInstance,
  opts: { dir: string; maxBytes: number; contentTypes: readonly string[]; perUser?: number },
): UploadSlots {
  rmSync(opts.dir, { recursive: true, force: true });
  mkdirSync(opts.dir, { recursive: true, mode: 0o700 });
  const perUser = opts.perUser ?? MAX_UPLOADS_PER_USER;
  const running = new Map<string, number>();

  http.addContentTypeParser([...opts.contentTypes], (req: FastifyRequest, payload, done) => {
    const limit = req.routeOptions.bodyLimit ?? opts.maxBytes;
    const tooLarge = (n: string) => problem.tooLarge(`body: the document is ${n} bytes; the limit is ${limit} bytes`, 'body');
    const declared = Number(req.headers['content-length'] ?? NaN);
    if (declared > limit) return done(tooLarge(String(declared)));
    const file = path.join(opts.dir, randomUUID());
    const out = createWriteStream(file, { mode: 0o600 });
    let size = 0;
    let settled = false;
    const settle = (error: unknown, body?: SpooledUpload) => {
      if (settled) return;
      settled = true;
      if (error) {
        payload.unpipe(out);
        out.destroy();
        rmSync(file, { force: true });
        // The rest of the body is read and thrown away (never kept) until the answer closes the connection.
        payload.resume();
        done(storageProblem(error) as Error);
      } else done(null, body);
    };
    payload.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) settle(tooLarge(`more than ${limit}`));
    });
    payload.on('error', (e) => settle(e));
    out.on('error', (e) => settle(e));
    out.on('finish', () => settle(null, { spooled: true, file, size }));
    payload.pipe(out);
  });

  // Every request's leftover spool file goes when the request ends, answered or cut off.
  http.addHook('onRequest', async (req, reply) => {
    reply.raw.once('close', () => {
      if (isSpooled(req.body)) rmSync(req.body.file, { force: true });
    });
  });

  return {
    /** Call in a route's onRequest after authentication: refuses a user's upload beyond `perUser` at once. */
    claimSlot(caller: Caller, reply: FastifyReply): void {
      const n = running.get(caller.id) ?? 0;
      if (n >= perUser) throw problem.rateLimited(`body: you already have ${n} uploads in progress; send the next one when one has finished`, 'body');
      running.set(caller.id, n + 1);
      reply.raw.once('close', () => {
        const left = (running.get(caller.id) ?? 1) - 1;
        if (left > 0) running.set(caller.id, left);
        else running.delete(caller.id);
      });
    },
  };
}

/** Files an earlier run left behind (for the tests). */
export const spoolFiles = (dir: string): string[] => {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
};

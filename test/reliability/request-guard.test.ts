// Nobody can make the service read or hold bodies it will refuse: the caller is authenticated before a
// byte of the body is read, uploads are spooled to disk with the limit enforced as bytes arrive, slow
// bodies are cut, and a user runs at most two uploads at once. The service's memory is measured.
import { readFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimInput } from '../support/claims';
import { removeDir, signIn, spawnService, tempDir, type ChildService } from '../support/service';

const MB = 1024 * 1024;
let svc: ChildService;
let dir: string;
let partnerToken: string;
let draftId: string;

beforeAll(async () => {
  dir = tempDir('poe-guard-');
  svc = await spawnService(['--port', '0', '--data', path.join(dir, 'data'), '--demo', '--demo-claims', '0', '--request-timeout-s', '2']);
  const partner = await signIn(svc.url, 'partner1');
  partnerToken = partner.token!;
  draftId = (await partner.call('claimCreate', { body: claimInput() })).id;
}, 60_000);

afterAll(async () => {
  await svc?.kill();
  if (dir) removeDir(dir);
});

/** The service's resident and peak memory in MB, from the kernel. */
function memory(): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${svc.child.pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+) kB`).exec(status)![1]) / 1024;
  return { rss: kb('VmRSS'), peak: kb('VmHWM') };
}

interface Sent {
  status: number | null;
  /** Bytes of the body written before the answer came (or the connection ended). */
  written: number;
  /** Milliseconds from the first byte sent until the connection was closed. */
  closedAfterMs: number;
}

/**
 * Uploads `size` bytes to a claim's documents route, in 256 KB chunks as fast as the socket takes them
 * (or one byte every `dripMs`), and stops sending the moment an answer arrives or the connection ends.
 */
function upload(opts: { size: number; token?: string; chunked?: boolean; dripMs?: number; claimId?: string }): Promise<Sent> {
  const started = Date.now();
  return new Promise((resolve) => {
    const headers: Record<string, string> = { 'content-type': 'application/pdf' };
    if (!opts.chunked) headers['content-length'] = String(opts.size);
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    const url = new URL(`/api/v1/claims/${opts.claimId ?? draftId}/documents?fileName=poe.pdf`, svc.url);
    const req = http.request(url, { method: 'POST', headers, agent: false });
    let written = 0;
    let status: number | null = null;
    let done = false;
    const chunk = Buffer.alloc(256 * 1024, 0x25);
    const finish = () => {
      if (done) return;
      done = true;
      resolve({ status, written, closedAfterMs: Date.now() - started });
    };
    req.on('response', (res) => {
      status = res.statusCode ?? null;
      res.resume();
      res.on('close', () => {
        req.destroy();
        finish();
      });
    });
    req.on('error', finish);
    req.on('close', finish);
    const pump = () => {
      while (status === null && !req.destroyed && written < opts.size) {
        if (opts.dripMs) {
          req.write(Buffer.from('%'));
          written += 1;
          setTimeout(pump, opts.dripMs);
          return;
        }
        const n = Math.min(chunk.length, opts.size - written);
        written += n;
        if (!req.write(n === chunk.length ? chunk : chunk.subarray(0, n))) {
          req.once('drain', pump);
          return;
        }
      }
      if (status === null && !req.destroyed && written >= opts.size) req.end();
    };
    req.flushHeaders();
    pump();
  });
}

describe('bodies the service refuses are never read', () => {
  it('answers 40 unauthenticated 19 MB uploads with 401 before their bodies, memory bounded', async () => {
    await upload({ size: 10, token: 'nobody' });
    const before = memory();
    const sent = await Promise.all(Array.from({ length: 40 }, () => upload({ size: 19 * MB })));
    const after = memory();
    console.log(
      `40 unauthenticated 19 MB uploads: service RSS ${before.rss.toFixed(0)} → ${after.rss.toFixed(0)} MB, peak ${before.peak.toFixed(0)} → ${after.peak.toFixed(0)} MB; body bytes sent before the 401: max ${(Math.max(...sent.map((s) => s.written)) / MB).toFixed(1)} MB`,
    );
    expect(sent.every((s) => s.status === 401)).toBe(true);
    expect(Math.max(...sent.map((s) => s.written))).toBeLessThan(19 * MB);
    expect(after.peak - before.peak).toBeLessThan(100);
  }, 60_000);

  it('cuts an authenticated upload the moment it passes the size limit, spooled to disk, not memory', async () => {
    const before = memory();
    const over = await upload({ size: 40 * MB, token: partnerToken, chunked: true });
    const declared = await upload({ size: 40 * MB, token: partnerToken });
    const after = memory();
    console.log(`40 MB uploads over the 20 MB limit: service peak ${before.peak.toFixed(0)} → ${after.peak.toFixed(0)} MB`);
    expect(over.status).toBe(413);
    expect(over.written).toBeLessThan(40 * MB);
    expect(declared).toMatchObject({ status: 413 });
    expect(declared.written).toBeLessThan(40 * MB);
    expect(after.peak - before.peak).toBeLessThan(60);
  }, 60_000);

  it('closes slow bodies: unauthenticated at once with 401, authenticated ones after the request timeout; a third concurrent upload gets 429', async () => {
    const anonymous = Array.from({ length: 50 }, () => upload({ size: MB, dripMs: 200 }));
    const slowA = upload({ size: MB, token: partnerToken, dripMs: 200 });
    const slowB = upload({ size: MB, token: partnerToken, dripMs: 200 });
    await new Promise((r) => setTimeout(r, 300));
    const third = await upload({ size: 1000, token: partnerToken, dripMs: 200 });
    expect(third.status).toBe(429);
    const cut = await Promise.all(anonymous);
    expect(cut.every((s) => s.status === 401)).toBe(true);
    expect(Math.max(...cut.map((s) => s.closedAfterMs))).toBeLessThan(2_000);
    const slow = await Promise.all([slowA, slowB]);
    console.log(
      `slow authenticated uploads closed after ${slow.map((s) => s.closedAfterMs).join(', ')} ms (request timeout 2 s), having sent ${slow.map((s) => s.written).join(', ')} bytes`,
    );
    expect(slow.every((s) => s.closedAfterMs < 8_000 && s.written < MB)).toBe(true);
    expect(slow.every((s) => s.status === null || s.status === 408)).toBe(true);
    // Once they are gone, the partner may upload again.
    const next = await upload({ size: 10, token: partnerToken });
    expect(next.status).toBe(415);
  }, 30_000);
});

// "Open with system PDF reader": the shared handler answers { opened: false } (a browser downloads the
// file itself) after the same access check as document.get; the desktop wrapper writes a copy of the
// cached PoE under a safe name and hands it to the OS, reporting whether the OS could open it.
import { readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { WorkstationError } from '../../shared/contracts';
import { safeFileName, withSystemReader } from '../../electron/core/system-reader';
import { openCore, reviewerBehindLink } from './harness';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe('opening a PoE in the system PDF reader', () => {
  it('answers opened: false through the shared table, and the desktop wrapper opens a written copy', async () => {
    const setup = await reviewerBehindLink();
    cleanups.push(() => setup.close());
    const { svc, ws } = setup;
    const { claim } = await ws.call('claim.get', { id: svc.claimIds[0]! });
    const ref = claim.documents.find((d) => d.mediaType === 'application/pdf')!;
    await expect(ws.call('document.openExternal', { sha256: ref.sha256 })).resolves.toEqual({ opened: false });

    const dir = path.join(os.tmpdir(), `poe-opened-${process.pid}-${Date.now()}`);
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const opened: string[] = [];
    let answer = '';
    const desktop = withSystemReader(ws.handlers, ws.core, dir, async (file) => (opened.push(file), answer));
    await expect(desktop['document.openExternal']({ sha256: ref.sha256 })).resolves.toEqual({ opened: true });
    expect(path.dirname(opened[0]!)).toBe(dir);
    expect(path.basename(opened[0]!)).toBe(safeFileName(ref.fileName, ref.sha256));
    const original = Buffer.from((await ws.call('document.get', { sha256: ref.sha256 })).base64, 'base64');
    expect(readFileSync(opened[0]!).equals(original)).toBe(true);
    answer = 'No application is registered for PDF files';
    await expect(desktop['document.openExternal']({ sha256: ref.sha256 })).resolves.toEqual({ opened: false });
  });

  it('refuses a document outside the batch and a malformed hash, before writing anything', async () => {
    const ws = await openCore('http://127.0.0.1:9');
    cleanups.push(() => ws.close());
    ws.core.ctx.saveSession({ serviceUrl: 'http://127.0.0.1:9', username: 'rev1', user: { id: 'u-rev1', name: 'R', role: 'reviewer' }, token: null });
    const opened: string[] = [];
    const desktop = withSystemReader(ws.handlers, ws.core, os.tmpdir(), async (file) => (opened.push(file), ''));
    const missing = await desktop['document.openExternal']({ sha256: 'a'.repeat(64) }).catch((e: unknown) => e);
    expect((missing as WorkstationError).problem.status).toBe(404);
    const bad = await desktop['document.openExternal']({ sha256: '../../etc/passwd' }).catch((e: unknown) => e);
    expect((bad as WorkstationError).problem).toMatchObject({ status: 400, field: 'sha256' });
    expect(opened).toEqual([]);
  });

  it('names the copy without folders, control or right-to-left characters', () => {
    const sha = 'ab12cd34'.repeat(8);
    expect(safeFileName('../../evil/invoice\u202efdp.exe', sha)).toBe('ab12cd34-invoicefdp.exe.pdf');
    expect(safeFileName('C:\\temp\\poe\tscan.PDF', sha)).toBe('ab12cd34-poescan.PDF');
    expect(safeFileName('', sha)).toBe('ab12cd34-document.pdf');
  });
});

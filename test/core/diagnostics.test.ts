// Save diagnostics and About, as support receives them: one JSON file with the version, the OS, the
// settings, the sync status, the outbox counts and the last lines of the real log file, and none of the
// reviewer's password, the service token or PoE content (a comment's text). Real service, real log file.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFileLogger, type FileLogger } from '../../electron/core/log-file';
import { openCore, serviceWithClaims, type TestCore, type TestService } from './harness';

const COMMENT = 'Invoice 4471 looks altered near the total — ask the partner';
let svc: TestService;
let ws: TestCore;
let logDir: string;
let logger: FileLogger;

beforeAll(async () => {
  svc = await serviceWithClaims(1);
  logDir = mkdtempSync(path.join(os.tmpdir(), 'diagnostics-log-'));
  logger = createFileLogger(logDir, 'workstation');
  ws = await openCore(svc.service.url, { logger, host: { host: 'electron', version: '9.8.7' } });
  await ws.call('session.login', { username: 'rev1', password: 'demo' });
  await ws.call('queue.pull', { size: 1 });
  await ws.call('settings.set', { batchSize: 40 });
  ws.core.sync.stop();
  await ws.call('review.comment', { claimId: svc.claimIds[0]!, text: COMMENT });
});
afterAll(async () => {
  await ws.close();
  await svc.close();
  rmSync(logDir, { recursive: true, force: true });
});

describe('Save diagnostics', () => {
  it('holds version, OS, settings, sync status, outbox counts and the last log lines', async () => {
    const out = await ws.call('app.diagnostics', {});
    expect(out.fileName).toMatch(/^poe-workstation-diagnostics-[\dT-]+Z\.json$/);
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a report read as support would
    const report = JSON.parse(out.json) as Record<string, any>;
    expect(report.app).toMatchObject({ version: '9.8.7', host: 'electron', versions: { node: process.versions.node } });
    expect(report.os).toMatchObject({ platform: process.platform, arch: process.arch });
    expect(report.settings).toMatchObject({ batchSize: 40, serviceUrl: svc.service.url });
    expect(report.session).toEqual({ signedIn: true, role: 'reviewer', serviceUrl: svc.service.url, hasToken: true });
    expect(report.sync).toMatchObject({ pending: 1, conflicts: 0 });
    expect(report.outbox).toMatchObject({ pending: 1, conflictsOrRefused: 0 });
    expect(report.log.file).toBe(logger.file);
    expect(report.log.lastLines.some((l: string) => l.includes('signed in as') && l.includes('[info]'))).toBe(true);
    expect(readFileSync(logger.file, 'utf8')).toContain('opened its profile');
  });

  it('never holds the password, the token or PoE content', async () => {
    const { json } = await ws.call('app.diagnostics', {});
    const token = ws.core.ctx.session!.token!;
    expect(json).not.toContain(token);
    expect(json).not.toContain('"demo"');
    expect(json).not.toContain(COMMENT);
    expect(json).not.toContain('Invoice 4471');
  });

  it('masks a secret that found its way into the log anyway', async () => {
    logger.warn('a careless line with Bearer abc.def.ghi and password=hunter2');
    const { json } = await ws.call('app.diagnostics', {});
    expect(json).toContain('Bearer [redacted]');
    expect(json).not.toContain('hunter2');
    expect(json).not.toContain('abc.def.ghi');
  });
});

describe('About', () => {
  it('names the version, the runtimes and the licences of what ships', async () => {
    const a = await ws.call('app.about', {});
    expect(a).toMatchObject({ name: 'PoE Reviewer Workstation', version: '9.8.7', host: 'electron', versions: { node: process.versions.node } });
    expect(a.licences).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'better-sqlite3', license: 'MIT' }),
        expect.objectContaining({ name: 'fastify', license: 'MIT' }),
      ]),
    );
  });
});

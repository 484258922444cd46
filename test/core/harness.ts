// Set-up for the core suites: a real review service in a temp folder with claims submitted by a
// partner, and workstation cores opened in-process on temp profiles (their handler table is the API).
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startService, type RunningService, type ServiceOptions } from '../../server/service';
import { createCore, type CoreOptions, type WorkstationCore } from '../../electron/core/core';
import { createHandlers, type HandlerTable } from '../../electron/core/handlers';
import { expect } from 'vitest';
import { WorkstationError, type MethodInput, type MethodOutput, type Problem, type WorkstationMethod } from '../../shared/contracts';
import { submitClaims } from '../support/claims';
import { onDemoTemplate } from '../support/demo-template';
import { startLink, type Link } from './link';

export interface TestService {
  service: RunningService;
  dataDir: string;
  claimIds: string[];
  close(): Promise<void>;
}

export async function serviceWithClaims(claims: number, opts: Partial<ServiceOptions> = {}): Promise<TestService> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'core-service-'));
  const dataDir = path.join(dir, 'data');
  const service = await startService(onDemoTemplate({ port: 0, dataDir, demo: true, demoClaims: 0, ...opts }));
  const claimIds = claims > 0 ? await submitClaims(service.url, claims) : [];
  return {
    service,
    dataDir,
    claimIds,
    close: async () => {
      await service.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface TestCore {
  core: WorkstationCore;
  handlers: HandlerTable;
  profileDir: string;
  call<M extends WorkstationMethod>(method: M, input?: MethodInput<M>): Promise<MethodOutput<M>>;
  close(): Promise<void>;
}

export async function openCore(serviceUrl: string, opts: Partial<CoreOptions> = {}): Promise<TestCore> {
  const profileDir = opts.profileDir ?? mkdtempSync(path.join(os.tmpdir(), 'core-profile-'));
  const core = await createCore({ serviceUrl, ...opts, profileDir, sync: { intervalMs: 600_000, undoWindowMs: 0, ...opts.sync } });
  const handlers = createHandlers(core);
  return {
    core,
    handlers,
    profileDir,
    call: (method, input) => handlers[method](input ?? {}),
    close: async () => {
      await core.close();
      if (!opts.profileDir) rmSync(profileDir, { recursive: true, force: true });
    },
  };
}

export interface LinkedReviewer {
  svc: TestService;
  /** The loopback link between workstation and service: cut it to go offline. */
  link: Link;
  ws: TestCore;
  close(): Promise<void>;
}

/** A service with `claims` submitted claims, reached through a link the test controls, and rev1 signed in with them pulled. */
export async function reviewerBehindLink(claims = 1): Promise<LinkedReviewer> {
  const svc = await serviceWithClaims(claims);
  const link = await startLink(svc.service.url);
  const ws = await openCore(link.url);
  await ws.call('session.login', { username: 'rev1', password: 'demo' });
  await ws.call('queue.pull', { size: claims });
  return {
    svc,
    link,
    ws,
    close: async () => {
      await ws.close();
      await link.close();
      await svc.close();
    },
  };
}

/** The problem document of a call the core refused (and fails the test when the call succeeded or failed otherwise). */
export async function refusal(p: Promise<unknown>): Promise<Problem> {
  const error = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(WorkstationError);
  return (error as WorkstationError).problem;
}

// The real workstation core for the bench, in this process: createCore on a temp profile pinned to
// a review service, its handler table (the API both transports carry), sign-in, and holding the
// background sync still while a figure measures the local path alone.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createCore, type WorkstationCore } from '../../electron/core/core';
import { createHandlers, type HandlerTable } from '../../electron/core/handlers';
import type { MethodInput, MethodOutput, WorkstationMethod } from '../../shared/contracts';

export interface BenchCore {
  core: WorkstationCore;
  handlers: HandlerTable;
  profileDir: string;
  call<M extends WorkstationMethod>(method: M, input?: MethodInput<M>): Promise<MethodOutput<M>>;
  /** Stops background sync and waits for a cycle in flight: from now on only explicit calls sync. */
  holdSync(): Promise<void>;
  close(opts?: { keepProfile?: boolean }): Promise<void>;
}

export const tempProfile = (): string => fs.mkdtempSync(path.join(os.tmpdir(), 'bench-profile-'));

export async function openBenchCore(serviceUrl: string, profileDir = tempProfile()): Promise<BenchCore> {
  // A long sync interval: cycles run when the figure asks (sync.run) or after a local change (kick); no undo
  // window, since the push figures measure the push, not the reviewer's chance to take an action back.
  const core = await createCore({ profileDir, serviceUrl, sync: { intervalMs: 3_600_000, undoWindowMs: 0 } });
  const handlers = createHandlers(core);
  return {
    core,
    handlers,
    profileDir,
    call: (method, input) => handlers[method](input ?? {}) as never,
    holdSync: async () => {
      core.sync.stop();
      await core.sync.exclusive(async () => undefined);
    },
    close: async (opts = {}) => {
      await core.close();
      if (!opts.keepProfile) fs.rmSync(profileDir, { recursive: true, force: true });
    },
  };
}

/** Opens a core and signs in as `username` (password "demo"), with background sync held. */
export async function signedInCore(serviceUrl: string, username: string, profileDir?: string): Promise<BenchCore> {
  const c = await openBenchCore(serviceUrl, profileDir);
  try {
    await c.call('session.login', { username, password: 'demo' });
    await c.holdSync();
    return c;
  } catch (error) {
    await c.close();
    throw error;
  }
}

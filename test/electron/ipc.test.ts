// The IPC transport end to end without Electron: the preload's bridge talks to the main process's
// invoke handler over a stand-in for Electron's IPC; the handler table and core behind it are real.
import { EventEmitter } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROBLEM_TYPES, type WorkstationEvent } from '../../shared/contracts';
import { createCore, type WorkstationCore } from '../../electron/core/core';
import { IPC_CHANNELS } from '../../shared/contracts/ipc-envelope';
import { createHandlers, type HandlerTable } from '../../electron/core/handlers';
import { handleInvoke } from '../../electron/main/ipc';
import { createBridge, type BridgeRejection, type IpcRendererLike } from '../../electron/preload/bridge';

let dir: string;
let core: WorkstationCore;
let handlers: HandlerTable;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'ipc-'));
  core = await createCore({ profileDir: dir, serviceUrl: 'http://127.0.0.1:9' });
  handlers = createHandlers(core);
});
afterAll(async () => {
  await core.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Electron's IPC between one page and the main process, with structured cloning, for a page at `frameUrl`. */
function ipcFor(frameUrl: string) {
  const page = new EventEmitter();
  const ipc: IpcRendererLike = {
    invoke: async (channel, method, input) => {
      expect(channel).toBe(IPC_CHANNELS.invoke);
      return structuredClone(await handleInvoke(handlers, frameUrl, method, structuredClone(input)));
    },
    on: (channel, listener) => page.on(channel, listener),
    removeListener: (channel, listener) => page.removeListener(channel, listener),
  };
  const send = (e: WorkstationEvent) => page.emit(IPC_CHANNELS.event, {}, structuredClone(e));
  return { ipc, send };
}

describe('the IPC handler', () => {
  it('checks the sender before it looks at the payload', async () => {
    const refused = await handleInvoke(handlers, 'https://evil.example/', 'settings.get', {});
    expect(refused).toMatchObject({ ok: false, problem: { status: 403, type: PROBLEM_TYPES.forbidden } });
    const alsoRefused = await handleInvoke(handlers, null, 'no.such-method', 'garbage');
    expect(alsoRefused).toMatchObject({ ok: false, problem: { status: 403 } });
  });

  it('answers in an envelope: the value, or a problem naming the bad field, or 404 for an unknown method', async () => {
    const app = 'app://workstation/index.html';
    expect(await handleInvoke(handlers, app, 'settings.get', {})).toMatchObject({ ok: true, value: { language: 'en' } });
    expect(await handleInvoke(handlers, app, 'queue.pull', { size: 0 })).toMatchObject({ ok: false, problem: { status: 400, field: 'size' } });
    expect(await handleInvoke(handlers, app, 'queue.list', {})).toMatchObject({ ok: false, problem: { status: 401 } });
    expect(await handleInvoke(handlers, app, 'shell.exec', {})).toMatchObject({ ok: false, problem: { status: 404 } });
    expect(await handleInvoke(handlers, app, { toString: () => 'settings.get' }, {})).toMatchObject({ ok: false, problem: { status: 404 } });
  });
});

describe('window.workstation (the preload bridge)', () => {
  it('resolves with the value and rejects with the problem intact', async () => {
    const { ipc } = ipcFor('app://workstation/index.html');
    const bridge = createBridge(ipc);
    const settings = await bridge.invoke('settings.set', { language: 'zh-TW' });
    expect(settings.language).toBe('zh-TW');
    const rejection = (await bridge.invoke('queue.pull', { size: 9999 }).catch((e: unknown) => e)) as BridgeRejection;
    expect(rejection).toMatchObject({ name: 'WorkstationError', problem: { status: 400, field: 'size', type: PROBLEM_TYPES.validation } });
    expect(rejection.message).toBe(rejection.problem.detail);
    // A plain object survives structured cloning (and contextBridge) with its problem.
    expect(structuredClone(rejection).problem).toEqual(rejection.problem);
  });

  it('delivers events to subscribers until they unsubscribe', () => {
    const { ipc, send } = ipcFor('app://workstation/index.html');
    const bridge = createBridge(ipc);
    const got: WorkstationEvent[] = [];
    const off = bridge.subscribe((e) => got.push(e));
    send({ type: 'conflicts.changed', count: 2 });
    off();
    send({ type: 'conflicts.changed', count: 3 });
    expect(got).toEqual([{ type: 'conflicts.changed', count: 2 }]);
  });
});

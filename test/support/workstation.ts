// Launches the workstation as a real child process (the browser host on a temp profile against a
// review service URL) and drives it over its loopback RPC and event stream, for the core, browser-host
// and end-to-end suites. kill() can SIGKILL it; restart() brings it back on the same profile and port.
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT, startOurProgram } from './programs';
import { WorkstationError, WorkstationEvent, type MethodInput, type MethodOutput, type Problem, type WorkstationMethod } from '../../shared/contracts';

export { REPO_ROOT };

export interface WorkstationLaunch {
  serviceUrl: string;
  /** Reuse a profile folder; default: a fresh temp folder, removed by cleanup(). */
  profileDir?: string;
  /** Default 0 (a free port); restart() keeps the port it got. */
  port?: number;
  /** More command-line options, e.g. ['--push-batch', '2']. */
  args?: string[];
}

export interface EventStream {
  /** Every event received so far, oldest first. */
  readonly events: WorkstationEvent[];
  /** The first event (received already or later) that satisfies `predicate`. */
  waitFor<T extends WorkstationEvent = WorkstationEvent>(predicate: (e: WorkstationEvent) => boolean, timeoutMs?: number): Promise<T>;
  close(): void;
}

export interface RunningWorkstationProcess {
  /** http://127.0.0.1:<port>/#key=<key> */
  readonly url: string;
  readonly origin: string;
  readonly key: string;
  readonly port: number;
  readonly profileDir: string;
  readonly pid: number;
  rpc<M extends WorkstationMethod>(method: M, input?: MethodInput<M>): Promise<MethodOutput<M>>;
  /** A raw POST /rpc/<method> with the key (for status-code assertions). */
  rpcRaw(method: string, body: unknown, headers?: Record<string, string>): Promise<Response>;
  events(): Promise<EventStream>;
  /** Sends `signal` (default SIGKILL) and waits until the process is gone. */
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** Stops it (SIGTERM unless already gone) and starts it again on the same profile and port (a new launch key). */
  restart(): Promise<void>;
  /** Stops it (SIGTERM) and removes a temp profile it created. */
  cleanup(): Promise<void>;
}

const READY = /workstation ready at (http:\/\/\S+)/;

interface Child {
  proc: ChildProcess;
  url: string;
  exited: Promise<unknown>;
}

async function launch(args: string[]): Promise<Child> {
  const p = await startOurProgram('browser-host', args, { name: 'the workstation', ready: READY });
  return { proc: p.child, url: p.ready[1]!, exited: p.exited };
}

async function openEvents(origin: string, key: string): Promise<EventStream> {
  const controller = new AbortController();
  const res = await fetch(`${origin}/events`, { headers: { authorization: `Bearer ${key}` }, signal: controller.signal });
  if (!res.ok || !res.body) throw new Error(`GET /events answered ${res.status}`);
  const events: WorkstationEvent[] = [];
  const waiters = new Set<{ predicate: (e: WorkstationEvent) => boolean; resolve: (e: WorkstationEvent) => void }>();
  void (async () => {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        let cut: number;
        while ((cut = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          const data = block
            .split('\n')
            .filter((l) => l.startsWith('data: '))
            .map((l) => l.slice(6))
            .join('\n');
          if (!data) continue;
          const e = WorkstationEvent.parse(JSON.parse(data));
          events.push(e);
          for (const w of [...waiters])
            if (w.predicate(e)) {
              waiters.delete(w);
              w.resolve(e);
            }
        }
      }
    } catch {
      // aborted by close()
    }
  })();
  return {
    events,
    waitFor: <T extends WorkstationEvent>(predicate: (e: WorkstationEvent) => boolean, timeoutMs = 30_000) =>
      new Promise<T>((resolve, reject) => {
        const seen = events.find(predicate);
        if (seen) return resolve(seen as T);
        const timer = setTimeout(() => {
          waiters.delete(w);
          reject(new Error(`no matching workstation event within ${timeoutMs} ms; got ${JSON.stringify(events.slice(-5))}`));
        }, timeoutMs);
        const w = {
          predicate,
          resolve: (e: WorkstationEvent) => {
            clearTimeout(timer);
            resolve(e as T);
          },
        };
        waiters.add(w);
      }),
    close: () => controller.abort(),
  };
}

export async function startWorkstation(o: WorkstationLaunch): Promise<RunningWorkstationProcess> {
  const ownProfile = o.profileDir === undefined;
  const profileDir = o.profileDir ?? mkdtempSync(path.join(os.tmpdir(), 'workstation-profile-'));
  let port = o.port ?? 0;
  // Tests push at once unless they ask for an undo window (`args: ['--undo-window', '3000']`).
  const undoWindow = o.args?.includes('--undo-window') ? [] : ['--undo-window', '0'];
  const argsFor = () => ['--headless', '--port', String(port), '--service', o.serviceUrl, '--profile', profileDir, ...undoWindow, ...(o.args ?? [])];
  let child = await launch(argsFor());
  const parse = () => {
    const u = new URL(child.url);
    return { origin: u.origin, port: Number(u.port), key: new URLSearchParams(u.hash.slice(1)).get('key')! };
  };
  let current = parse();
  port = current.port;

  const rpcRaw = (method: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${current.origin}/rpc/${method}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${current.key}`, 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body ?? {}),
    });

  const kill = async (signal: NodeJS.Signals = 'SIGKILL') => {
    if (child.proc.exitCode === null && child.proc.signalCode === null) child.proc.kill(signal);
    await child.exited;
  };

  return {
    get url() {
      return child.url;
    },
    get origin() {
      return current.origin;
    },
    get key() {
      return current.key;
    },
    get port() {
      return current.port;
    },
    get pid() {
      return child.proc.pid!;
    },
    profileDir,
    async rpc<M extends WorkstationMethod>(method: M, input?: MethodInput<M>): Promise<MethodOutput<M>> {
      const res = await rpcRaw(method, input ?? {});
      const body: unknown = await res.json();
      if (!res.ok) throw new WorkstationError(body as Problem);
      return body as MethodOutput<M>;
    },
    rpcRaw,
    events: () => openEvents(current.origin, current.key),
    kill,
    async restart() {
      await kill('SIGTERM');
      child = await launch(argsFor());
      current = parse();
    },
    async cleanup() {
      await kill('SIGTERM');
      if (ownProfile) rmSync(profileDir, { recursive: true, force: true });
    },
  };
}

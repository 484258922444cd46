// Test helpers for the reference review service: start a real one on a loopback port 0 in a temp
// data folder (in-process, or as a child process for kill/restart tests), sign in as a demo user,
// and call routes of the shared serviceApi table. No mocks: these drive the real service over HTTP.
//
//   const svc = await startTestService({ demoClaims: 0 });      // demo users only, no claims (fast)
//   const full = await startTestService();                      // the whole demo world (300 claims, seed 42)
//   const rev = await signIn(svc.url, 'rev1');                  // password 'demo'
//   const { claims } = await rev.call('leaseCreate', { body: { size: 5 } });
//   const res = await rev.raw('claimGet', { params: { id } });  // a fetch Response, for status checks
//   await svc.stop();                                           // closes and deletes the temp folder
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnTied, type ExitStatus } from '../../common/child-process';
import {
  routePath,
  serviceApi,
  type Problem,
  type RouteBody,
  type RouteName,
  type RouteParams,
  type RouteQuery,
  type RouteResponse,
} from '../../shared/contracts';
import { startService, type RunningService, type ServiceOptions } from '../../server/service';
import { copyDemoTemplate, wantsDemoCast } from './demo-template';
import { createDatabaseAt } from './postgres';
import { programArgs, REPO_ROOT, startOurProgram } from './programs';

export { REPO_ROOT };
export const DEMO_PASSWORD = 'demo';

/** A fresh folder under the OS temp dir; remove it with removeDir. */
export function tempDir(prefix = 'poe-service-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}
export function removeDir(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
}

/**
 * The engine the service tests run on: SQLite unless SERVICE_ENGINE=postgres (the vitest project
 * `integration-postgres` sets it and starts a throwaway cluster; see test/support/postgres-global.ts).
 */
export const testEngine = (): 'sqlite' | 'postgres' => (process.env.SERVICE_ENGINE === 'postgres' ? 'postgres' : 'sqlite');

const databases = new Map<string, string>();
/**
 * One PostgreSQL database per data folder: a test that restarts the service on its folder finds its data again.
 * `fromDemo`: created from the run's template database holding the demo's cast.
 */
async function postgresDatabaseFor(dataDir: string, fromDemo: boolean): Promise<string> {
  const known = databases.get(dataDir);
  if (known) return known;
  const { inject } = await import('vitest');
  const url = await createDatabaseAt(inject('postgresAdminUrl'), 'svc', fromDemo ? inject('postgresDemoTemplate') : undefined);
  databases.set(dataDir, url);
  return url;
}

export interface TestService extends RunningService {
  dataDir: string;
  /** The PostgreSQL database it runs on (undefined on SQLite). */
  databaseUrl?: string;
  /** Closes the service (if still running) and deletes its data folder unless it was given. */
  stop(): Promise<void>;
}

/**
 * Starts the service in-process on 127.0.0.1:0. Defaults: the demo world seeded (`demo: true`, 300
 * claims unless `demoClaims` says otherwise; `demoClaims: 0` gives the demo users only, copied from the
 * run's template), test clock on, a new temp data folder (deleted by stop()). Pass `dataDir` to reuse one (kept by stop()).
 */
export async function startTestService(opts: Partial<ServiceOptions> = {}): Promise<TestService> {
  const owned = opts.dataDir === undefined;
  const dataDir = opts.dataDir ?? tempDir();
  // The demo's cast is copied from the run's template (test/support/demo-template.ts) instead of seeded again.
  const postgres = testEngine() === 'postgres';
  // (Only into a folder or database that is new: one holding data keeps it, as the service does.)
  const copied = wantsDemoCast({ demo: true, ...opts }) && (postgres ? !databases.has(dataDir) : copyDemoTemplate(dataDir));
  const databaseUrl = opts.databaseUrl ?? (postgres ? await postgresDatabaseFor(dataDir, copied) : undefined);
  const running = await startService({ demo: true, testClock: true, ...opts, ...(copied ? { demo: false } : {}), port: opts.port ?? 0, dataDir, databaseUrl });
  return {
    ...running,
    seeded: running.seeded || copied,
    dataDir,
    databaseUrl,
    stop: async () => {
      await running.close();
      if (owned) removeDir(dataDir);
    },
  };
}

export interface ChildService {
  url: string;
  port: number;
  child: ChildProcess;
  /** Everything the process wrote to stderr so far. */
  stderr(): string;
  /** Resolves with the exit code (or signal) once the process has ended. */
  exited: Promise<ExitStatus>;
  /** Sends a signal (default SIGTERM) and waits for the process to end. */
  kill(signal?: NodeJS.Signals): Promise<ExitStatus>;
}

/**
 * `--demo --demo-claims 0` on a `--data` folder holding no database yet: the run's template is copied
 * there and those two options dropped (the child starts on the demo's cast as if it had seeded it).
 */
function demoCastFromTemplate(args: string[]): string[] {
  const value = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
  const data = value('--data');
  const claims = value('--demo-claims');
  if (!args.includes('--demo') || claims !== '0' || !data || args.includes('--seed') || args.includes('--db') || !copyDemoTemplate(data)) return args;
  const at = args.indexOf('--demo-claims');
  return args.filter((a, i) => a !== '--demo' && i !== at && i !== at + 1);
}

/** Runs the CLI (server/main.ts; the run's bundle of it) with `args` and waits for its "listening on" line. */
export async function spawnService(args: string[], timeoutMs = 60_000): Promise<ChildService> {
  const p = await startOurProgram('service', demoCastFromTemplate(args), {
    name: 'the service',
    ready: /review service listening on (http:\/\/\S+)/,
    timeoutMs,
  });
  const url = p.ready[1]!;
  return { url, port: Number(new URL(url).port), child: p.child, stderr: p.stderr, exited: p.exited, kill: p.stop };
}

/** Runs the CLI to completion (for bad-input checks): exit code and output. */
export function runServiceCli(args: string[], timeoutMs = 60_000): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawnTied(process.execPath, [...programArgs('service'), ...args], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NODE_OPTIONS: '' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error('the CLI did not exit in time'));
    }, timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** The error `call` throws for a non-2xx answer: the problem document and the HTTP status. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem,
  ) {
    super(`${status} ${problem.title}: ${problem.detail}`);
    this.name = 'ApiError';
  }
}

export interface CallInput<N extends RouteName> {
  params?: RouteParams<N>;
  query?: RouteQuery<N>;
  body?: RouteBody<N>;
  /** Extra request headers (e.g. a content type for uploads). */
  headers?: Record<string, string>;
}

export interface Client {
  url: string;
  token: string | null;
  /** Calls a route and parses its JSON answer; throws ApiError unless the status is 2xx. */
  call<N extends RouteName>(name: N, input?: CallInput<N>): Promise<RouteResponse<N>>;
  /** Calls a route and returns the raw fetch Response (no status check). */
  raw<N extends RouteName>(name: N, input?: CallInput<N>): Promise<Response>;
}

/** A client for the service at `url`, optionally with a bearer token. */
export function client(url: string, token: string | null = null): Client {
  const raw = async <N extends RouteName>(name: N, input: CallInput<N> = {}): Promise<Response> => {
    const def = serviceApi[name];
    const query = input.query
      ? `?${new URLSearchParams(
          Object.entries(input.query as Record<string, unknown>)
            .filter(([, v]) => v !== undefined)
            .map(([k, v]) => [k, String(v)]),
        )}`
      : '';
    const headers: Record<string, string> = { ...(token ? { authorization: `Bearer ${token}` } : {}) };
    let body: BodyInit | undefined;
    if ((input.body as unknown) instanceof Uint8Array) {
      body = input.body as unknown as BodyInit;
      headers['content-type'] = 'application/octet-stream';
    } else if (input.body !== undefined) {
      body = JSON.stringify(input.body);
      headers['content-type'] = 'application/json';
    }
    return fetch(`${url}${routePath(def.path, (input.params ?? {}) as Record<string, string>)}${query}`, {
      method: def.method,
      headers: { ...headers, ...input.headers },
      body,
    });
  };
  return {
    url,
    token,
    raw,
    call: async (name, input) => {
      const res = await raw(name, input);
      if (!res.ok) throw new ApiError(res.status, (await res.json()) as Problem);
      if (serviceApi[name].response === 'binary') return new Uint8Array(await res.arrayBuffer()) as never;
      return (await res.json()) as never;
    },
  };
}

/** Signs in (demo users' password is "demo") and returns a client carrying the token. */
export async function signIn(url: string, username: string, password = DEMO_PASSWORD): Promise<Client & { user: RouteResponse<'login'>['user'] }> {
  const session = await client(url).call('login', { body: { username, password } });
  return Object.assign(client(url, session.token), { user: session.user });
}

/**
 * A running clock that starts at `iso` (for a `now` option): tests that count business days start
 * on a known weekday instead of whatever day the suite happens to run.
 */
export function clockFrom(iso: string): () => Date {
  const offset = Date.parse(iso) - Date.now();
  return () => new Date(Date.now() + offset);
}

/** A Monday 09:00 in Taipei (the demo calendar's zone), with no holiday in the weeks after it. */
export const MONDAY_0900_TAIPEI = '2026-03-02T01:00:00.000Z';

/** Moves the clock of a service started with the test clock forward (ISO-8601 duration, e.g. "P6D"). */
export async function advanceClock(url: string, duration: string): Promise<string> {
  return (await client(url).call('testClock', { body: { advance: duration } })).now;
}

// The world a crash and partition run happens in: the real review service as a child process (test
// clock on), the real workstation (browser host child process) talking to it through the fault link,
// and a partner and a QA lead who talk to the service directly. It restarts either process on demand
// on the same data, and reads both SQLite files read-only for the invariant checks.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Agent, setGlobalDispatcher } from 'undici';
import type { RouteName, RouteResponse } from '../../shared/contracts';
import { backupDatabase, restoreDatabase } from '../../server/data-commands';
import { ApiError, client, spawnService, type CallInput, type ChildService } from '../support/service';
import { startWorkstation, type RunningWorkstationProcess } from '../support/workstation';
import { startFaultLink, type FaultLink } from './fault-link';

// reliability (issue 13): the harness's own requests keep no connection alive between runs. A socket kept
// from one run (to a service since restarted) failed a later run with UND_ERR_SOCKET that its replay,
// in a fresh process, could not reproduce; without kept sockets a run depends on its seed only.
setGlobalDispatcher(new Agent({ pipelining: 0 }));

export const REVIEWER = { username: 'rev1', password: 'demo' } as const;
export const LEASE_MINUTES = 30;

/** A service user who signs in again when the test clock ended their session. */
export interface ServiceUser {
  call<N extends RouteName>(name: N, input?: CallInput<N>): Promise<RouteResponse<N>>;
}

export interface World {
  readonly dir: string;
  readonly link: FaultLink;
  readonly ws: RunningWorkstationProcess;
  readonly serviceUrl: string;
  readonly serviceDb: string;
  readonly profileDb: string;
  readonly documentsDir: string;
  readonly serviceAlive: boolean;
  readonly workstationAlive: boolean;
  partner: ServiceUser;
  qa: ServiceUser;
  /** Stops the service (SIGTERM or SIGKILL) and starts it again on the same data folder. */
  restartService(signal: NodeJS.Signals): Promise<void>;
  stopService(signal: NodeJS.Signals): Promise<void>;
  startServiceAgain(): Promise<void>;
  killWorkstation(): Promise<void>;
  /** Starts the workstation again on the same profile (after a kill) and signs the reviewer in. */
  reviveWorkstation(): Promise<void>;
  advanceClock(duration: string): Promise<void>;
  /** Copies the service database aside (the service keeps running). */
  backupService(file: string): Promise<void>;
  /** Stops the service, restores its database from `file` (a new epoch) and starts it again. */
  restoreService(file: string): Promise<void>;
  /** Runs `fn` on a read-only connection to one of the two databases. */
  read<T>(file: string, fn: (db: Database.Database) => T): T;
  close(): Promise<void>;
}

function user(world: () => string, username: string): ServiceUser {
  let token: string | null = null;
  const signIn = async () => {
    token = (await client(world()).call('login', { body: { username, password: 'demo' } })).token;
  };
  return {
    async call(name, input) {
      if (!token) await signIn();
      try {
        return await client(world(), token).call(name, input);
      } catch (error) {
        if (!(error instanceof ApiError) || error.status !== 401) throw error;
        await signIn();
        return client(world(), token).call(name, input);
      }
    },
  };
}

export async function startWorld(options: { pushBatch: number }): Promise<World> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'poe-reliability-'));
  const serviceDir = path.join(dir, 'service');
  const serviceArgs = ['--port', '0', '--data', serviceDir, '--demo', '--demo-claims', '0', '--test-clock', '--lease-minutes', String(LEASE_MINUTES)];
  let service: ChildService | null = await spawnService(serviceArgs);
  let serviceUrl = service.url;
  const link = await startFaultLink(serviceUrl);
  const ws = await startWorkstation({ serviceUrl: link.url, args: ['--sync-interval', '600000', '--push-batch', String(options.pushBatch)] });
  let wsAlive = true;
  await ws.rpc('session.login', REVIEWER);

  const startServiceAgain = async () => {
    service = await spawnService(serviceArgs);
    serviceUrl = service.url;
    link.target = serviceUrl;
  };
  const stopService = async (signal: NodeJS.Signals) => {
    await service?.kill(signal);
    service = null;
  };

  return {
    dir,
    link,
    ws,
    get serviceUrl() {
      return serviceUrl;
    },
    serviceDb: path.join(serviceDir, 'service.sqlite'),
    profileDb: path.join(ws.profileDir, 'workstation.sqlite'),
    documentsDir: path.join(ws.profileDir, 'documents'),
    get serviceAlive() {
      return service !== null;
    },
    get workstationAlive() {
      return wsAlive;
    },
    partner: user(() => serviceUrl, 'partner1'),
    qa: user(() => serviceUrl, 'qa1'),
    stopService,
    startServiceAgain,
    async restartService(signal) {
      await stopService(signal);
      await startServiceAgain();
    },
    async killWorkstation() {
      await ws.kill('SIGKILL');
      wsAlive = false;
    },
    async reviveWorkstation() {
      if (!wsAlive) await ws.restart();
      wsAlive = true;
      await ws.rpc('session.login', REVIEWER);
    },
    async backupService(file) {
      await backupDatabase(serviceDir, file);
    },
    async restoreService(file) {
      await stopService('SIGTERM');
      await restoreDatabase(serviceDir, file);
      await startServiceAgain();
    },
    async advanceClock(duration) {
      await client(serviceUrl).call('testClock', { body: { advance: duration } });
    },
    read(file, fn) {
      const db = new Database(file, { readonly: true, fileMustExist: true });
      try {
        return fn(db);
      } finally {
        db.close();
      }
    },
    async close() {
      await ws.cleanup().catch(() => undefined);
      await link.close();
      await service?.kill('SIGTERM');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

// Starts the reference review service: opens (and migrates) the database in the data folder, seeds
// the demo world when asked and the folder is empty, serves HTTP on loopback, runs the timers.
// `npm start`, the CLI (main.ts) and every test start the service through startService only.
import fs from 'node:fs';
import path from 'node:path';
import { DEFAULT_CALENDAR, calendarProblems, type BusinessCalendar } from '../shared/domain';
import { DEFAULT_CLAIM_LIMITS, type ClaimLimits } from './app/claim-limits';
import type { AppContext } from './app/context';
import { DEFAULT_OFFLINE_LEASE_MAX_MINUTES } from './app/leases';
import { startSweeper, sweep } from './app/timers';
import { startMailer } from './app/mailer';
import { META_CLOCK_OFFSET } from './app/test-clock';
import { ServiceClock } from './clock';
import { DEMO_CALENDAR, DEFAULT_DEMO_SEED } from './demo/calendar';
import type { DemoUnderway } from './demo/seed';
import { buildHttp } from './http/app';
import { ensureEpoch } from './http/service-epoch';
import type { LogSettings } from './http/observability';
import { openStore } from './store/open-store';
import { DATABASE_FILE } from './store/sqlite-store';

export interface ServiceOptions {
  /** TCP port; 0 picks a free one (see the returned `port`). */
  port: number;
  /** Interface to listen on; loopback (127.0.0.1) unless given. */
  host?: string;
  /** Folder of the SQLite database; created when missing. Data survives restarts. Not used with `databaseUrl`. */
  dataDir: string;
  /** A PostgreSQL URL (postgres://user@host/db): use that database instead of SQLite in `dataDir`; several instances may share it. */
  databaseUrl?: string;
  /** Which reverse proxies to believe about the client address: true or their addresses/CIDRs (default: none). */
  trustProxy?: boolean | string;
  /** Milliseconds between timer sweeps (default 15 s). */
  sweepIntervalMs?: number;
  /** Seed the demo world when the data folder is empty (never over existing data). */
  demo?: boolean;
  /** Seed of the demo world (default 42): the same seed gives the same world. */
  seed?: number;
  /** How many claims the demo world holds (default 300; 0 seeds only its companies and users). */
  demoClaims?: number;
  /** Told how far the demo's claims are while they are generated (a first start prints it). */
  onDemoProgress?: (done: number, total: number) => void;
  /**
   * Seed demo claims before listening only until this many await a reviewer (a first batch) and the rest in the background, each claim in its own
   * transaction (health's `demo` field and `demoReady` follow it); a restart finishes an unfinished demo.
   * Default: every claim before listening.
   */
  demoFirstReviewable?: number;
  /** The background seeding starts once this settles (npm start: when the workstation is ready, so it does not slow its start). */
  demoBackgroundAfter?: Promise<unknown>;
  /** Enables POST /api/v1/test/clock, which moves the service clock forward. */
  testClock?: boolean;
  /** Business calendar; default: the one stored with the data, else Asia/Taipei for the demo, else UTC with no holidays. */
  calendar?: BusinessCalendar;
  /** Lease period in minutes (default 30). */
  leaseMinutes?: number;
  /** Longest offline checkout in minutes (default 36 hours); a checkout ends at 18:00 of the next business day or sooner. */
  offlineLeaseMaxMinutes?: number;
  /** Largest accepted PoE upload in bytes (default 20 MB). */
  maxUploadBytes?: number;
  /** Comments, documents and bytes one claim may hold (default DEFAULT_CLAIM_LIMITS). */
  claimLimits?: Partial<ClaimLimits>;
  /** Wall-clock source (default: the system clock); the test clock adds its offset to it. */
  now?: () => Date;
  /** The request log (pino): on by default at LOG_LEVEL or info; false turns it off. */
  log?: boolean | LogSettings;
  /** How long close() lets requests in flight finish before cutting their connections (default 10 s). */
  shutdownTimeoutMs?: number;
  /** Deliver notification e-mails through this SMTP server (smtp://host:port); none when absent. */
  smtp?: string;
  /** Time a client has to send a whole request, body included (default 60 s); slower ones are cut. */
  requestTimeoutMs?: number;
}

export interface RunningService {
  /** Base URL, e.g. http://127.0.0.1:8787 */
  url: string;
  port: number;
  /** True when this start seeded the demo world (false when it kept existing data or demo is off). */
  seeded: boolean;
  /** Settles when the demo's background seeding has stored every claim (or stopped with close()); at once when there is none. */
  demoReady: Promise<void>;
  close(): Promise<void>;
}

export const DEFAULT_LEASE_MINUTES = 30;
export const DEFAULT_MAX_UPLOAD_BYTES = 20 * 1024 * 1024;
const SWEEP_INTERVAL_MS = 15_000;
export const DEFAULT_SHUTDOWN_TIMEOUT_MS = 10_000;
const MAIL_INTERVAL_MS = 250;
const META_CALENDAR = 'calendar';

function serviceVersion(): string {
  try {
    return (JSON.parse(fs.readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
  } catch {
    return '0.0.0';
  }
}

function check(opts: ServiceOptions): void {
  if (!Number.isInteger(opts.port) || opts.port < 0 || opts.port > 65535) throw new RangeError(`port must be a whole number 0-65535, got ${opts.port}`);
  if (!opts.dataDir && !opts.databaseUrl) throw new RangeError('dataDir or databaseUrl is required');
  if (opts.databaseUrl !== undefined && !/^postgres(?:ql)?:\/\//.test(opts.databaseUrl))
    throw new RangeError('databaseUrl must be a postgres:// or postgresql:// URL');
  if (opts.sweepIntervalMs !== undefined && !(Number.isInteger(opts.sweepIntervalMs) && opts.sweepIntervalMs > 0))
    throw new RangeError(`sweepIntervalMs must be a whole number above 0, got ${opts.sweepIntervalMs}`);
  if (opts.seed !== undefined && !Number.isSafeInteger(opts.seed)) throw new RangeError(`seed must be a whole number, got ${opts.seed}`);
  if (opts.demoClaims !== undefined && !(Number.isInteger(opts.demoClaims) && opts.demoClaims >= 0))
    throw new RangeError(`demoClaims must be a whole number ≥ 0, got ${opts.demoClaims}`);
  if (opts.leaseMinutes !== undefined && !(opts.leaseMinutes > 0)) throw new RangeError(`leaseMinutes must be above 0, got ${opts.leaseMinutes}`);
  if (opts.offlineLeaseMaxMinutes !== undefined && !(Number.isInteger(opts.offlineLeaseMaxMinutes) && opts.offlineLeaseMaxMinutes > 0))
    throw new RangeError(`offlineLeaseMaxMinutes must be a whole number above 0, got ${opts.offlineLeaseMaxMinutes}`);
  if (opts.maxUploadBytes !== undefined && !(Number.isInteger(opts.maxUploadBytes) && opts.maxUploadBytes > 0))
    throw new RangeError(`maxUploadBytes must be a whole number above 0, got ${opts.maxUploadBytes}`);
  if (opts.calendar) {
    const problems = calendarProblems(opts.calendar);
    if (problems.length) throw new RangeError(`calendar: ${problems.join('; ')}`);
  }
}

export async function startService(opts: ServiceOptions): Promise<RunningService> {
  check(opts);
  const { store, loginAttempts, shared } = await openStore(opts);
  try {
    const stored = await store.transaction(async (tx) => ({
      calendar: await tx.getMeta(META_CALENDAR),
      offset: await tx.getMeta(META_CLOCK_OFFSET),
      empty: await tx.isEmpty(),
    }));
    const calendar: BusinessCalendar =
      opts.calendar ?? (stored.calendar ? (JSON.parse(stored.calendar) as BusinessCalendar) : opts.demo ? DEMO_CALENDAR : DEFAULT_CALENDAR);
    await store.transaction((tx) => tx.setMeta(META_CALENDAR, JSON.stringify(calendar)));
    await ensureEpoch(store);
    const clock = new ServiceClock(opts.now, opts.testClock && stored.offset ? Number(stored.offset) : 0);
    const app: AppContext = {
      store,
      clock,
      calendar,
      leaseMinutes: opts.leaseMinutes ?? DEFAULT_LEASE_MINUTES,
      offlineLeaseMaxMinutes: opts.offlineLeaseMaxMinutes ?? DEFAULT_OFFLINE_LEASE_MAX_MINUTES,
      maxUploadBytes: opts.maxUploadBytes ?? DEFAULT_MAX_UPLOAD_BYTES,
      claimLimits: { ...DEFAULT_CLAIM_LIMITS, ...opts.claimLimits },
      loginAttempts,
      // A shared database is swept on a schedule by one instance at a time, not before every request.
      sweepOnRequest: !shared,
      sharedClock: shared && (opts.testClock ?? false),
    };

    let seeded = false;
    let demo: DemoUnderway | null = null;
    if (opts.demo) {
      // Imported here: a service started on existing data never loads the demo generator.
      const { DEFAULT_DEMO_CLAIMS, seedDemo, seedDemoStart, unfinishedDemo } = await import('./demo/seed');
      const total = opts.demoClaims ?? DEFAULT_DEMO_CLAIMS;
      if (stored.empty && opts.demoFirstReviewable !== undefined) {
        demo = await seedDemoStart(app, opts.seed ?? DEFAULT_DEMO_SEED, total, opts.demoFirstReviewable, opts.onDemoProgress);
        seeded = true;
      } else if (stored.empty) {
        await seedDemo(app, opts.seed ?? DEFAULT_DEMO_SEED, total, opts.onDemoProgress);
        seeded = true;
      } else if ((demo = await unfinishedDemo(app))) {
        process.stderr.write(`review service: the demo holds ${demo.plan.stored} of its ${demo.plan.claims} claims; seeding the rest in the background\n`);
      } else {
        process.stderr.write(
          `review service: ${shared ? 'the database' : opts.dataDir} already holds data; the demo is not seeded over it (continuing with the existing data)\n`,
        );
      }
    }
    if (demo) app.demo = { claims: demo.plan.claims, stored: demo.plan.stored };
    await sweep(app);

    const http = await buildHttp(app, {
      version: serviceVersion(),
      testClock: opts.testClock ?? false,
      log: opts.log ?? true,
      databaseFile: opts.databaseUrl ? null : path.resolve(opts.dataDir, DATABASE_FILE),
      trustProxy: opts.trustProxy,
      uploadDir: path.join(opts.dataDir, 'uploads'),
      requestTimeoutMs: opts.requestTimeoutMs,
    });
    const host = opts.host ?? '127.0.0.1';
    await http.listen({ port: opts.port, host });
    const address = http.server.address();
    const port = typeof address === 'object' && address ? address.port : opts.port;
    const stopSweeper = startSweeper(app, opts.sweepIntervalMs ?? SWEEP_INTERVAL_MS, (e) => http.log.error({ err: e }, 'timer sweep failed'));
    const stopMailer = opts.smtp ? startMailer(app, opts.smtp, MAIL_INTERVAL_MS, (e) => http.log.error({ err: e }, 'e-mail delivery failed')) : async () => {};
    let closing: Promise<void> | null = null;
    let stopDemo = () => {};
    const demoStopped = new Promise<void>((resolve) => (stopDemo = resolve));
    const demoAfter = opts.demoBackgroundAfter && Promise.race([opts.demoBackgroundAfter, demoStopped]);
    const demoReady = demo
      ? seedInBackground(
          app,
          demo,
          demoAfter,
          () => closing !== null,
          opts.onDemoProgress,
          (e) => http.log.error({ err: e }, 'demo seeding failed'),
        )
      : Promise.resolve();
    return {
      url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
      port,
      seeded,
      demoReady,
      close: () =>
        (closing ??= (async () => {
          stopDemo();
          stopSweeper();
          await stopMailer();
          // Graceful: no new connections, requests in flight may finish, but only for so long.
          let timer: NodeJS.Timeout | undefined;
          const limit = new Promise<'timeout'>((resolve) => {
            timer = setTimeout(() => resolve('timeout'), opts.shutdownTimeoutMs ?? DEFAULT_SHUTDOWN_TIMEOUT_MS);
          });
          const closed = http.close();
          if ((await Promise.race([closed, limit])) === 'timeout') {
            http.log.warn(
              { timeoutMs: opts.shutdownTimeoutMs ?? DEFAULT_SHUTDOWN_TIMEOUT_MS },
              'requests still running at shutdown: their connections are cut',
            );
            http.server.closeAllConnections();
            await closed;
          }
          clearTimeout(timer);
          await demoReady;
          await store.close();
        })()),
    };
  } catch (e) {
    await store.close();
    throw e;
  }
}

/** Stores the demo's remaining claims after the service listens, keeping health's `demo` field current. */
async function seedInBackground(
  app: AppContext,
  demo: DemoUnderway,
  after: Promise<unknown> | undefined,
  stopped: () => boolean,
  onProgress: ServiceOptions['onDemoProgress'],
  onError: (e: unknown) => void,
): Promise<void> {
  const { continueDemo } = await import('./demo/seed');
  try {
    await after?.catch(() => undefined);
    if (stopped()) return;
    await continueDemo(app, demo, stopped, (done, total) => {
      app.demo = { claims: total, stored: done };
      onProgress?.(done, total);
    });
  } catch (e) {
    onError(e);
  }
}

// Command line of the review service: parses options, starts the service, prints where it listens,
// and shuts down cleanly on SIGINT/SIGTERM. Bad input → a message naming the option, exit code 2.
// `backup <file>` and `restore <file>` copy the database online instead (data-commands.ts).
import { parseArgs } from 'node:util';
import { exitWithParent } from '../common/parent-watch';
import { readCalendarFile } from './app/calendar-file';
import { DATA_COMMANDS_USAGE, DataCommandError, runDataCommand } from './data-commands';
import { startService, type ServiceOptions } from './service';

const USAGE = `usage: npm run service -- --port 8787 (--data ./.data/service | --db postgres://user@host/db) [--demo] [--seed 42] [--demo-claims 300]
                           [--test-clock] [--host 127.0.0.1] [--calendar calendar.json] [--lease-minutes 30] [--offline-lease-max 36h]
                           [--max-upload-mb 20] [--smtp smtp://host:port] [--trust-proxy true|<addresses>] [--request-timeout-s 60]
       (without --data or --db, DATABASE_URL names the PostgreSQL database when set)
The request log is on (JSON lines on stdout) at LOG_LEVEL (default info; silent turns it off).`;

class UsageError extends Error {}

function wholeNumber(name: string, value: string | undefined, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < min || n > max)
    throw new UsageError(`--${name} must be a whole number from ${min} to ${max}, got "${value}"`);
  return n;
}

/** A duration as minutes: "90" or "90m" (minutes) or "8h" (hours), from 1 minute to 14 days. */
function durationMinutes(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const m = /^(\d+)\s*(m|h)?$/.exec(value.trim());
  const n = m ? Number(m[1]) * (m[2] === 'h' ? 60 : 1) : NaN;
  if (!Number.isSafeInteger(n) || n < 1 || n > 14 * 24 * 60)
    throw new UsageError(`--${name} must be minutes ("480", "480m") or hours ("8h"), from 1 minute to 14 days, got "${value}"`);
  return n;
}

export function parseCommandLine(argv: string[]): ServiceOptions {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        port: { type: 'string' },
        data: { type: 'string' },
        host: { type: 'string' },
        demo: { type: 'boolean' },
        seed: { type: 'string' },
        'test-clock': { type: 'boolean' },
        calendar: { type: 'string' },
        'lease-minutes': { type: 'string' },
        'offline-lease-max': { type: 'string' },
        'max-upload-mb': { type: 'string' },
        'demo-claims': { type: 'string' },
        'request-timeout-s': { type: 'string' },
        smtp: { type: 'string' },
        log: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        db: { type: 'string' },
        'trust-proxy': { type: 'string' },
      },
    }));
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  if (values.data !== undefined && values.data.trim() === '') throw new UsageError('--data must name a folder');
  if (values.host !== undefined && values.host.trim() === '') throw new UsageError('--host must name an interface');
  if (values.db !== undefined && values.data !== undefined) throw new UsageError('--db and --data both name a database: give one');
  const env = process.env.DATABASE_URL?.trim() || undefined;
  const databaseUrl = values.db ?? (values.data === undefined ? env : undefined);
  if (databaseUrl !== undefined && !/^postgres(?:ql)?:\/\/\S+$/.test(databaseUrl)) {
    throw new UsageError(`${values.db !== undefined ? '--db' : 'DATABASE_URL'} must be a postgres:// URL (postgres://user@host:5432/db), got "${databaseUrl}"`);
  }
  const trust = values['trust-proxy'];
  if (trust !== undefined && trust.trim() === '') throw new UsageError("--trust-proxy must be true or the proxies' addresses (comma-separated)");
  let calendar;
  if (values.calendar !== undefined) {
    try {
      calendar = readCalendarFile(values.calendar);
    } catch (e) {
      throw new UsageError(`--calendar: ${(e as Error).message}`);
    }
  }
  if (values.smtp !== undefined && !/^smtps?:\/\/[^\s/]+(:\d+)?\/?$/.test(values.smtp))
    throw new UsageError(`--smtp must be smtp://host:port, got "${values.smtp}"`);
  const uploadMb = wholeNumber('max-upload-mb', values['max-upload-mb'], 1, 1024);
  const requestTimeoutS = wholeNumber('request-timeout-s', values['request-timeout-s'], 1, 3600);
  return {
    port: wholeNumber('port', values.port, 0, 65535) ?? 8787,
    dataDir: values.data ?? './.data/service',
    databaseUrl,
    trustProxy: trust === undefined ? undefined : trust === 'true' ? true : trust,
    host: values.host,
    demo: values.demo ?? false,
    seed: wholeNumber('seed', values.seed, 0, Number.MAX_SAFE_INTEGER),
    demoClaims: wholeNumber('demo-claims', values['demo-claims'], 0, 100_000),
    testClock: values['test-clock'] ?? false,
    calendar,
    leaseMinutes: wholeNumber('lease-minutes', values['lease-minutes'], 1, 7 * 24 * 60),
    offlineLeaseMaxMinutes: durationMinutes('offline-lease-max', values['offline-lease-max']),
    maxUploadBytes: uploadMb === undefined ? undefined : uploadMb * 1024 * 1024,
    // --log is kept for old scripts: the log is on by default now (LOG_LEVEL=silent turns it off).
    log: true,
    smtp: values.smtp,
    requestTimeoutMs: requestTimeoutS === undefined ? undefined : requestTimeoutS * 1000,
  };
}

async function main(): Promise<void> {
  try {
    const done = await runDataCommand(process.argv.slice(2));
    if (done !== null) {
      process.stdout.write(`review service: ${done}\n`);
      return;
    }
  } catch (e) {
    if (!(e instanceof DataCommandError)) throw e;
    process.stderr.write(`review service: ${e.message}\n${DATA_COMMANDS_USAGE}\n`);
    process.exit(2);
  }
  let opts: ServiceOptions;
  try {
    opts = parseCommandLine(process.argv.slice(2));
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    process.stderr.write(`review service: ${e.message}\n${USAGE}\n`);
    process.exit(2);
  }
  const service = await startService(opts);
  process.stdout.write(`review service listening on ${service.url}\n`);
  const stop = (signal: string) => {
    process.stderr.write(`review service: ${signal}, shutting down\n`);
    service.close().then(
      () => process.exit(0),
      (e) => {
        process.stderr.write(`review service: shutdown failed: ${(e as Error).message}\n`);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

exitWithParent();
main().catch((e: unknown) => {
  process.stderr.write(`review service: ${(e as Error).message ?? String(e)}\n`);
  process.exit(1);
});

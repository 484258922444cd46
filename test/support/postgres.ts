// A throwaway PostgreSQL cluster for tests and the load bench: initdb into a temp folder (as the
// `postgres` user when we are root), pg_ctl start on a free loopback port with its socket in that
// folder, one database per caller, stop and delete after. When PostgreSQL cannot start it throws a
// message saying what is missing; tests fail on it, never skip.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);
const PG_ROOT = '/usr/lib/postgresql';

export interface PostgresCluster {
  port: number;
  /** postgres://postgres@127.0.0.1:<port>/<db> */
  url(database: string): string;
  /** Creates a new empty database and returns its URL. */
  createDatabase(prefix?: string): Promise<string>;
  stop(): Promise<void>;
}

/** The bin folder of the newest PostgreSQL installed (PG_BIN overrides). */
export function postgresBin(): string {
  if (process.env.PG_BIN) return process.env.PG_BIN;
  const versions = fs.existsSync(PG_ROOT)
    ? fs
        .readdirSync(PG_ROOT)
        .filter((v) => fs.existsSync(path.join(PG_ROOT, v, 'bin/initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (!versions.length) {
    throw new Error(
      `PostgreSQL is not installed: no ${PG_ROOT}/<version>/bin/initdb. Install Debian's package (apt-get install postgresql) or set PG_BIN; .ci/run installs it.`,
    );
  }
  return path.join(PG_ROOT, versions[0]!, 'bin');
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

const isRoot = (): boolean => process.getuid?.() === 0;

/** Runs a PostgreSQL program, as the `postgres` user when we are root (the server refuses to run as root). */
async function pgRun(bin: string, program: string, args: string[]): Promise<string> {
  const exe = path.join(bin, program);
  try {
    const { stdout } = isRoot() ? await run('runuser', ['-u', 'postgres', '--', exe, ...args]) : await run(exe, args);
    return stdout;
  } catch (e) {
    const err = e as { stderr?: string; message: string };
    throw new Error(`PostgreSQL could not start: ${program} failed: ${(err.stderr || err.message).trim()}`);
  }
}

let counter = 0;

export async function startPostgresCluster(): Promise<PostgresCluster> {
  const bin = postgresBin();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'poe-pg-'));
  const data = path.join(dir, 'data');
  if (isRoot()) {
    let ids: string;
    try {
      ids = (await run('id', ['-u', 'postgres'])).stdout.trim() + ':' + (await run('id', ['-g', 'postgres'])).stdout.trim();
    } catch {
      fs.rmSync(dir, { recursive: true, force: true });
      throw new Error("PostgreSQL could not start: running as root and there is no `postgres` user to run it as (Debian's postgresql package creates it).");
    }
    const [uid, gid] = ids.split(':').map(Number) as [number, number];
    fs.chmodSync(dir, 0o755);
    fs.chownSync(dir, uid, gid);
  }
  const port = await freePort();
  const stop = async () => {
    await pgRun(bin, 'pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']).catch(() => undefined);
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    await pgRun(bin, 'initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--locale=C', '--no-sync']);
    const settings = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300`;
    await pgRun(bin, 'pg_ctl', ['-D', data, '-l', path.join(dir, 'server.log'), '-w', '-t', '60', '-o', settings, 'start']);
  } catch (e) {
    const log = path.join(dir, 'server.log');
    const tail = fs.existsSync(log) ? `\n${fs.readFileSync(log, 'utf8').split('\n').slice(-10).join('\n')}` : '';
    await stop();
    throw new Error(`${(e as Error).message}${tail}`);
  }
  const url = (database: string) => `postgres://postgres@127.0.0.1:${port}/${database}`;
  return {
    port,
    url,
    createDatabase: async (prefix = 'svc') => {
      const name = `${prefix}_${process.pid}_${Date.now().toString(36)}_${++counter}`.toLowerCase().replace(/[^a-z0-9_]/g, '_');
      const admin = new pg.Client({ connectionString: url('postgres') });
      await admin.connect();
      try {
        await admin.query(`CREATE DATABASE ${name}`);
      } finally {
        await admin.end();
      }
      return url(name);
    },
    stop,
  };
}

/** Creates a database on a cluster someone else started (its admin URL ends in /postgres), empty or a copy of the database `template`. */
export async function createDatabaseAt(adminUrl: string, prefix = 'svc', template?: string): Promise<string> {
  const name = `${prefix}_${process.pid}_${Date.now().toString(36)}_${++counter}`.toLowerCase().replace(/[^a-z0-9_]/g, '_');
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}${template ? ` TEMPLATE ${template}` : ''}`);
  } finally {
    await admin.end();
  }
  return adminUrl.replace(/\/[^/]*$/, `/${name}`);
}

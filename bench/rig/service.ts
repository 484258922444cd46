// The real review service for the bench: a temp data folder seeded with the demo world's users (by
// the service's own startService --demo), extra bench reviewers and the bench's claims (written
// through the service's storage interface, as its demo seeding does), then served by the service's
// CLI in a child process on a loopback port 0, as it runs in production.
import { startProgram } from '../../common/child-process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { claimIndex } from '../../server/app/claims';
import { hashPassword } from '../../server/auth/passwords';
import { DEMO_PASSWORD } from '../../server/demo/world';
import { startService } from '../../server/service';
import { DATABASE_FILE, openSqliteStore } from '../../server/store/sqlite-store';
import { programArgs } from '../../test/support/programs';
import { CALENDAR } from '../data/demo-base';
import type { SeedClaim } from '../data/service-claims';

export interface BenchService {
  url: string;
  dataDir: string;
  /** The service's SQLite file (for the baselines that read it directly). */
  databaseFile: string;
  /** Usernames of the bench reviewers (password "demo"). */
  reviewers: string[];
  pid: number;
  stop(): Promise<void>;
}

export interface ServiceSeed {
  seed: number;
  now: string;
  claims: SeedClaim[];
  /** Names the service in profiles. */
  name: string;
  /** Reviewers besides the demo's rev1..rev3: bench-rev1…bench-revN. */
  extraReviewers?: number;
  leaseMinutes?: number;
}

export const benchReviewer = (i: number): string => `bench-rev${i + 1}`;

/**
 * Node options for the bench's child processes: with BENCH_CPU_PROF=<dir> each writes V8 CPU
 * profiles to <dir>/<name>/ when it exits (open them in Chrome DevTools), to find where a figure's time goes.
 */
export function profilingArgs(name: string): string[] {
  const dir = process.env.BENCH_CPU_PROF;
  return dir ? ['--cpu-prof', '--cpu-prof-dir', path.join(path.resolve(dir), name)] : [];
}

interface Child {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

/** Runs the service's CLI (server/main.ts; the test run's bundle of it when there is one) and waits for its "listening on" line. */
export async function spawnCli(args: string[], name: string, env: Record<string, string> = {}): Promise<Child> {
  const p = await startProgram(process.execPath, [...profilingArgs(name), ...programArgs('service'), ...args], {
    name: 'the service',
    ready: /review service listening on (http:\/\/\S+)/,
    env: { ...process.env, NODE_OPTIONS: '', ...env },
  });
  return { url: p.ready[1]!, pid: p.pid, stop: async () => void (await p.stop()) };
}

/** Seeds a fresh data folder and starts the service on it as a child process. */
export async function startBenchService(o: ServiceSeed): Promise<BenchService> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-service-'));
  try {
    // The demo's users and the stored calendar, exactly as `--demo --demo-claims 0` makes them.
    const boot = await startService({ port: 0, dataDir, demo: true, demoClaims: 0, seed: o.seed, calendar: CALENDAR });
    await boot.close();
    const store = await openSqliteStore(dataDir);
    try {
      const passwordHash = await hashPassword(DEMO_PASSWORD);
      await store.transaction(async (tx) => {
        for (let i = 0; i < (o.extraReviewers ?? 0); i++) {
          await tx.insertUser({
            id: `u-${benchReviewer(i)}`,
            username: benchReviewer(i),
            name: `Bench Reviewer ${i + 1}`,
            role: 'reviewer',
            passwordHash,
            companyId: null,
            tenantId: null,
          });
        }
        for (const c of o.claims) {
          await tx.insertClaim({ facts: { ...c.facts, documents: [] }, companyId: c.companyId, index: claimIndex(c.facts, c.history, o.now, CALENDAR) });
          for (const d of c.documents) {
            await tx.putDocument(d.ref.sha256, d.ref.mediaType, d.bytes, d.ref.uploadedAt);
            await tx.attachDocument({ claimId: c.facts.id, ...d.ref });
          }
          for (const e of c.history) await tx.appendHistory(c.facts.id, e);
        }
      });
    } finally {
      await store.close();
    }
    const child = await spawnCli(['--port', '0', '--data', dataDir, '--lease-minutes', String(o.leaseMinutes ?? 240)], `service-${o.name}`);
    return {
      url: child.url,
      dataDir,
      databaseFile: path.join(dataDir, DATABASE_FILE),
      reviewers: Array.from({ length: o.extraReviewers ?? 0 }, (_, i) => benchReviewer(i)),
      pid: child.pid,
      stop: async () => {
        await child.stop();
        fs.rmSync(dataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    fs.rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
}

// `npm run bench [-- --quick]`: builds the renderer, generates the data (the service's demo generator
// at scale, deterministic for the seed), starts the real services, measures every figure beside its
// baseline from the same run, prints the table, writes bench/results.json and exits non-zero when a
// target is missed. runBench is also what the test suite runs at tiny sizes (correctness only).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { SIZES, type BenchEnv, type Mode } from './config';
import { BENCH_SEED, demoBase } from './data/demo-base';
import { submittedClaims } from './data/service-claims';
import { measureServiceRequests } from './figures/actions';
import { measureAssist } from './figures/assist';
import { measureLease } from './figures/lease';
import { measureLocalCache, type ScalingSeries } from './figures/local-cache';
import { measureMemory } from './figures/memory';
import { measurePull } from './figures/pull';
import { measurePush } from './figures/push';
import { measureRender } from './figures/render';
import { measureFirstPoe } from './figures/sign-in';
import { formatTable, writeResults } from './report';
import { BenchResults, check, figure, type Figure } from './results';
import type { Browser } from 'playwright-core';
import { launchChromium } from './rig/browser';
import { buildRenderer } from './rig/renderer';
import { startBenchService, type BenchService } from './rig/service';

export const FIGURE_IDS = ['lease', 'push', 'actions', 'sign-in', 'pull', 'local-cache', 'memory', 'next-claim', 'assist'] as const;
export type FigureGroup = (typeof FIGURE_IDS)[number];

export interface RunOptions {
  mode: Mode;
  /** Where results.json goes; default bench/results.json. */
  out?: string;
  /** Only these groups (default: all). */
  only?: readonly FigureGroup[];
  log?: (message: string) => void;
  /** A renderer build to serve (the test suite passes the dist/renderer its run built); default: one built for this run. */
  rendererDir?: string;
}

export const DEFAULT_OUT = path.join(path.dirname(fileURLToPath(import.meta.url)), 'results.json');

function failed(id: string, title: string, error: unknown): Figure {
  const message = error instanceof Error ? error.message.split('\n')[0]! : String(error);
  return figure({
    id,
    title,
    size: '—',
    unit: 'ms',
    statistic: '—',
    value: 0,
    baseline: null,
    baselineLabel: '—',
    target: { kind: 'report', limit: null, text: 'runs' },
    samples: 0,
    checks: { run: check(false, `the figure could not be measured: ${message}`) },
    details: {},
  });
}

export async function runBench(o: RunOptions): Promise<BenchResults> {
  const started = Date.now();
  const log = o.log ?? ((m: string) => process.stdout.write(`${m}\n`));
  const sizes = SIZES[o.mode];
  const want = (g: FigureGroup) => !o.only || o.only.includes(g);
  const now = new Date().toISOString();
  const figures: Figure[] = [];
  let scaling: ScalingSeries[] = [];
  const services: BenchService[] = [];
  const cleanup: (() => void)[] = [];
  const step = async <T>(label: string, fn: () => Promise<T>): Promise<T> => {
    const t = Date.now();
    log(`${label} …`);
    const out = await fn();
    // The machine's load beside each figure: a loaded machine explains a noisy ratio.
    log(
      `${label}: ${((Date.now() - t) / 1000).toFixed(1)} s (load average ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}, ${os.cpus().length} CPUs)`,
    );
    return out;
  };
  const guarded = async (id: string, title: string, fn: () => Promise<Figure | Figure[]>) => {
    try {
      const out = await step(title, fn);
      figures.push(...(Array.isArray(out) ? out : [out]));
    } catch (error) {
      log(`  ${title} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      figures.push(failed(id, title, error));
    }
  };

  let chromium: Browser | null = null;
  try {
    // Only the memory and render figures need the renderer: a broken build fails those two, not the run.
    let rendererError: unknown = null;
    const renderer = o.rendererDir
      ? { dir: o.rendererDir, remove: () => undefined }
      : want('memory') || want('next-claim') || want('sign-in')
        ? await step('building the renderer', buildRenderer).catch((error: unknown) => {
            rendererError = error;
            log(`  the renderer does not build: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
            return null;
          })
        : null;
    if (renderer) cleanup.push(renderer.remove);
    const needRenderer = () => {
      if (!renderer)
        throw new Error(`the renderer does not build: ${rendererError instanceof Error ? rendererError.message.split('\n')[0] : String(rendererError)}`);
    };
    const base = await step(`generating ${sizes.baseClaims} demo claims (seed ${BENCH_SEED})`, () => demoBase(BENCH_SEED, sizes.baseClaims, now));
    const env: BenchEnv = { mode: o.mode, sizes, base, rendererDir: renderer?.dir ?? '', log };
    const needPullService = want('pull') || want('local-cache') || want('memory') || want('next-claim') || want('sign-in');

    // Each figure gets its own service (their leases and claims never meet); all start at once.
    const { reviewers, size } = sizes.lease;
    const pullClaims = needPullService
      ? await step(`making ${sizes.pull.claims} claims with ${sizes.pull.claims * sizes.pull.docsPerClaim} PoE PDFs`, () =>
          submittedClaims(base, { prefix: 'PULL', count: sizes.pull.claims, docsPerClaim: sizes.pull.docsPerClaim, docSize: 'large', firstTenant: 0 }),
        )
      : [];
    const [svcL, svcM, svcP, browser] = await step('starting the review services and Chromium', async () => {
      const start = async (wanted: boolean, fn: () => Promise<BenchService>) => {
        if (!wanted) return null;
        const svc = await fn();
        services.push(svc);
        return svc;
      };
      return Promise.all([
        start(want('lease'), async () =>
          startBenchService({
            name: 'lease',
            seed: BENCH_SEED,
            now,
            extraReviewers: reviewers,
            claims: await submittedClaims(base, {
              prefix: 'LEASE',
              count: Math.ceil(reviewers * size * 1.1),
              docsPerClaim: 1,
              docSize: 'small',
              firstTenant: 0,
            }),
          }),
        ),
        start(want('push'), async () =>
          startBenchService({
            name: 'push',
            seed: BENCH_SEED,
            now,
            claims: await submittedClaims(base, {
              prefix: 'PUSH',
              count: sizes.push.claims * sizes.push.reps,
              docsPerClaim: 1,
              docSize: 'small',
              firstTenant: 0,
            }),
          }),
        ),
        start(needPullService, () => startBenchService({ name: 'pull', seed: BENCH_SEED, now, claims: pullClaims })),

        renderer ? launchChromium() : Promise.resolve(null),
      ]);
    });
    chromium = browser;
    const stopService = async (svc: BenchService) => {
      await svc.stop();
      services.splice(services.indexOf(svc), 1);
    };

    if (svcL) await guarded('lease', 'service lease under concurrent reviewers', () => measureLease(env, svcL).finally(() => stopService(svcL)));
    if (svcM) await guarded('push', 'push the outbox', () => measurePush(env, svcM).finally(() => stopService(svcM)));
    // Its own small service, started only now: five services starting at once time out on a loaded machine.
    if (want('actions')) {
      await guarded('service-requests-per-action', 'service requests per reviewer action', async () => {
        const svcA = await startBenchService({
          name: 'actions',
          seed: BENCH_SEED,
          now,
          claims: await submittedClaims(base, { prefix: 'ACT', count: sizes.actions.claims, docsPerClaim: 1, docSize: 'small', firstTenant: 0 }),
        });
        services.push(svcA);
        return measureServiceRequests(env, svcA).finally(() => stopService(svcA));
      });
    }

    // The pull service stays up for the cache, memory and render figures (their reviewer signs in there).
    let pulled: { profileDir: string; documents: Map<string, Uint8Array> } | null = null;
    let memoryProfile: string | null = null;
    if (svcP) {
      // Before the pull figure, whose last reviewer keeps every claim leased: this one releases its batch.
      if (want('sign-in')) {
        await guarded('first-poe-after-sign-in', 'first PoE after sign-in', async () => {
          needRenderer();
          return measureFirstPoe(env, chromium!, svcP);
        });
      }
      if (want('pull') || want('next-claim')) {
        await guarded('pull', 'pull a batch', async () => {
          const r = await measurePull(env, svcP, pullClaims);
          pulled = { profileDir: r.profileDir, documents: new Map(pullClaims.flatMap((c) => c.documents.map((d) => [d.ref.fileName, d.bytes] as const))) };
          cleanup.push(() => fs.rmSync(r.profileDir, { recursive: true, force: true }));
          return want('pull') ? r.figure : [];
        });
      }
      if (want('local-cache') || want('memory')) {
        await guarded('local-cache', 'decision commit and queue query, by cache size', async () => {
          const r = await measureLocalCache(env, svcP.url);
          scaling = r.scaling;
          memoryProfile = r.memoryProfileDir;
          cleanup.push(() => fs.rmSync(r.memoryProfileDir, { recursive: true, force: true }));
          return want('local-cache') ? r.figures : [];
        });
      }
      if (want('memory')) {
        await guarded('memory', 'workstation memory', async () => {
          needRenderer();
          if (!memoryProfile) throw new Error('no cache profile to open (the cache figures failed)');
          return measureMemory(env, chromium!, svcP.url, memoryProfile, sizes.cache.headline);
        });
      }
      if (want('next-claim')) {
        await guarded('next-claim', 'next claim ready after a decision', async () => {
          const p = pulled as { profileDir: string; documents: Map<string, Uint8Array> } | null;
          needRenderer();
          if (!p) throw new Error('no pulled batch to review (the pull figure failed)');
          return measureRender(env, chromium!, svcP, p.profileDir, p.documents);
        });
      }
    }
    // the assist's per-page speed needs no service; the test suite's tiny run leaves it out (OCR takes seconds a page)
    if (want('assist') && o.mode !== 'tiny') await guarded('assist', 'PoE assist per page', () => measureAssist(env));
  } finally {
    await chromium?.close().catch(() => undefined);
    for (const svc of services) await svc.stop().catch(() => undefined);
    for (const c of cleanup) c();
  }

  const results = BenchResults.parse({
    schema: 1,
    mode: o.mode,
    seed: BENCH_SEED,
    startedAt: new Date(started).toISOString(),
    durationMs: Date.now() - started,
    machine: {
      node: process.version,
      platform: `${os.platform()} ${os.release()}`,
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model.trim() ?? 'unknown',
      memoryMb: Math.round(os.totalmem() / 1048576),
    },
    figures,
    scaling,
    pass: figures.length > 0 && figures.every((f) => f.pass),
  });
  writeResults(o.out ?? DEFAULT_OUT, results);
  return results;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { quick: { type: 'boolean' }, out: { type: 'string' }, only: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(`usage: npm run bench [-- --quick] [--only ${FIGURE_IDS.join(',')}] [--out results.json]
  --quick   smaller sizes, every figure's code path, about a minute
  --only    run only these figure groups (the pull runs too when next-claim needs its batch);
            --only scale alone: PostgreSQL with 3 instances against SQLite, 100 reviewers for 60 s (--quick: 10 for 10 s)
  --out     where to write the results (default bench/results.json)
  BENCH_CPU_PROF=<dir> writes V8 CPU profiles of the service and workstation processes to <dir>,
                       and a Chromium trace of the next-claim decisions\n`);
    return;
  }
  if (values.only?.trim() === 'scale') {
    // One PostgreSQL behind 3 instances against one SQLite service (bench/figures/scale.ts).
    const { runScaleCli } = await import('./figures/scale');
    await runScaleCli(values.quick ?? false);
    return;
  }
  const only = values.only?.split(',').map((s) => s.trim()) as FigureGroup[] | undefined;
  const unknown = only?.filter((g) => !(FIGURE_IDS as readonly string[]).includes(g)) ?? [];
  if (unknown.length) {
    process.stderr.write(`bench: unknown figure group(s) ${unknown.join(', ')}; known: ${FIGURE_IDS.join(', ')}\n`);
    process.exit(2);
  }
  const results = await runBench({ mode: values.quick ? 'quick' : 'full', out: values.out, only });
  process.stdout.write(`\n${formatTable(results)}\n\nresults written to ${path.relative(process.cwd(), values.out ?? DEFAULT_OUT)}\n`);
  process.exit(results.pass ? 0 : 1);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();

// Figures on the workstation's local cache, through the real core in this process: the decision
// commit (review.checklist and review.decide: state change + outbox entry in one transaction) beside
// a raw single-row insert transaction on the same database file, and the queue query (queue.list:
// filter + sort + search) beside the same query as hand-written SQL on the same database; both at
// each cache size of the scaling series, with the growth slope. Leaves a copy of the headline-size
// profile for the memory figure.
// The timed steps at one size are in cache-steps.ts.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Actor } from '../../shared/domain';
import type { Claim } from '../../shared/contracts';
import { QUEUE_COUNT_CAP } from '../../electron/core/store/queue-table';
import { cacheClaims, cacheDocuments } from '../data/cache-claims';
import type { BenchEnv } from '../config';
import { signedInCore, type BenchCore } from '../rig/core';
import { figure, type Check, type Figure } from '../results';
import { growthSlope, median, now, p95, round } from '../stats';
import { measureCommit, measureQuery, type CommitStep, type QueryStep } from './cache-steps';
import { QUEUE_QUERIES } from './queue-sql';
import { measureNextSelection, measureProfileOpen } from './selection-open';

export interface ScalingSeries {
  figure: string;
  statistic: string;
  points: { n: number; value: number; baseline: number }[];
  slope: number;
  baselineSlope: number;
}

export interface LocalCacheResult {
  figures: Figure[];
  scaling: ScalingSeries[];
  /** A copy of the profile at the headline size (signed in, no pending action), for the memory figure. */
  memoryProfileDir: string;
}

const FILL_CHUNK = 2_000;
const SLOPE_LIMIT = 0.15;

async function fill(bc: BenchCore, env: BenchEnv, from: number, to: number, reviewer: Actor): Promise<void> {
  const { core } = bc;
  const at = core.ctx.now();
  const o = {
    reviewer,
    now: at,
    lease: { id: 'lease-bench-cache', reviewerId: reviewer.id, expiresAt: new Date(Date.parse(at) + 8 * 3_600_000).toISOString() },
  };
  let chunk: Claim[] = [];
  const flush = () => {
    const claims = chunk;
    chunk = [];
    core.store.transaction(() => {
      for (const c of claims) core.ctx.acceptServerClaim(c, true);
    });
  };
  for (const c of cacheClaims(env.base, from, to, o)) {
    chunk.push(c);
    if (chunk.length >= FILL_CHUNK) flush();
  }
  flush();
}

async function snapshot(bc: BenchCore): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-memory-profile-'));
  await bc.core.store.db.backup(path.join(dir, 'workstation.sqlite'));
  fs.cpSync(bc.core.ctx.docs.dir, path.join(dir, 'documents'), { recursive: true });
  return dir;
}

const fmtN = (n: number) => n.toLocaleString('en-US');

export async function measureLocalCache(env: BenchEnv, serviceUrl: string): Promise<LocalCacheResult> {
  const { steps, headline } = env.sizes.cache;
  const bc = await signedInCore(serviceUrl, 'rev1');
  const commits: CommitStep[] = [];
  const queries: QueryStep[] = [];
  let memoryProfileDir = '';
  let selection: Figure | null = null;
  try {
    const user = bc.core.ctx.session!.user;
    const reviewer: Actor = { id: user.id, name: user.name, role: user.role };
    for (const d of cacheDocuments(env.base)) await bc.core.ctx.docs.put(d.sha256, d.bytes, { mediaType: d.mediaType, fileName: d.fileName });
    let have = 0;
    for (const n of steps) {
      const t = now();
      await fill(bc, env, have, n, reviewer);
      have = n;
      // The queue counts up to its cap ("2,000+"): below it the exact number, above it the cap and `capped`.
      const listed = await bc.call('queue.list', { limit: 1 });
      if (listed.total !== Math.min(n, QUEUE_COUNT_CAP) || listed.capped !== n > QUEUE_COUNT_CAP)
        throw new Error(`the queue counts ${listed.total}${listed.capped ? '+' : ''} claims after filling the cache to ${n}`);
      env.log(`  cache filled to ${fmtN(n)} claims in ${((now() - t) / 1000).toFixed(1)} s`);
      queries.push(await measureQuery(bc, n, env.sizes.cache.queryRounds(n)));
      commits.push(await measureCommit(bc, n, env.sizes.cache.commitSamples(n)));
      const q = queries.at(-1)!;
      const c = commits.at(-1)!;
      env.log(
        `  at ${fmtN(n)}: queue.list ${median(q.core).toFixed(1)} ms vs SQL ${median(q.sql).toFixed(1)} ms; decide p95 ${p95(c.decide).toFixed(1)} ms, checklist p95 ${p95(c.checklist).toFixed(1)} ms vs raw insert p95 ${p95(c.raw).toFixed(1)} ms`,
      );
      if (n === headline) {
        memoryProfileDir = await snapshot(bc);
        selection = measureNextSelection(bc, n, 200);
      }
    }
  } finally {
    await bc.close();
  }
  if (!memoryProfileDir || !selection) throw new Error(`the headline size ${headline} is not one of the cache steps ${steps.join(', ')}`);
  const profileOpen = await measureProfileOpen(memoryProfileDir, headline, env.mode === 'tiny' ? 1 : 5);

  const commitAt = commits.find((c) => c.n === headline)!;
  const queryAt = queries.find((q) => q.n === headline)!;
  const allCommitChecks = Object.assign({}, ...commits.map((c) => c.checks)) as Record<string, Check>;
  const allQueryChecks = Object.assign({}, ...queries.map((q) => q.checks)) as Record<string, Check>;

  const commitFigure = figure({
    id: 'decision-commit',
    title: 'Local decision commit (review.decide)',
    size: `${fmtN(headline)} cached claims`,
    unit: 'ms',
    statistic: 'p95',
    value: p95(commitAt.decide),
    baseline: p95(commitAt.raw),
    baselineLabel: 'the same rows by hand: outbox row + claim row update, one transaction, synchronous=FULL, p95',
    target: { kind: 'ratio-max', limit: 2, text: '≤ 2×' },
    samples: commitAt.decide.length,
    checks: commitAt.checks,
    details: {
      decideMedianMs: round(median(commitAt.decide)),
      checklistP95Ms: round(p95(commitAt.checklist)),
      checklistMedianMs: round(median(commitAt.checklist)),
      checklistRatio: round(p95(commitAt.checklist) / p95(commitAt.raw)),
      rawMedianMs: round(median(commitAt.raw)),
    },
  });
  const queryFigure = figure({
    id: 'queue-query',
    title: 'Queue query (queue.list: filter + sort + search)',
    size: `${fmtN(headline)} cached claims, ${QUEUE_QUERIES.length} queries, page ${QUEUE_QUERIES[0]!.limit}`,
    unit: 'ms',
    statistic: 'median',
    value: median(queryAt.core),
    baseline: median(queryAt.sql),
    baselineLabel: 'the same queries by hand on the index and FTS5 table built for them, capped count, median',
    target: { kind: 'ratio-max', limit: 1.5, text: '≤ 1.5×' },
    samples: queryAt.core.length,
    checks: queryAt.checks,
    details: { matches: queryAt.totals.join(' / '), coreP95Ms: round(p95(queryAt.core)), sqlP95Ms: round(p95(queryAt.sql)) },
  });

  const commitSeries: ScalingSeries = {
    figure: 'decision-commit',
    statistic: 'p95',
    points: commits.map((c) => ({ n: c.n, value: round(p95(c.decide)), baseline: round(p95(c.raw)) })),
    slope: 0,
    baselineSlope: 0,
  };
  commitSeries.slope = growthSlope(commitSeries.points);
  commitSeries.baselineSlope = growthSlope(commitSeries.points.map((p) => ({ n: p.n, value: p.baseline })));
  const querySeries: ScalingSeries = {
    figure: 'queue-query',
    statistic: 'median',
    points: queries.map((q) => ({ n: q.n, value: round(median(q.core)), baseline: round(median(q.sql)) })),
    slope: 0,
    baselineSlope: 0,
  };
  querySeries.slope = growthSlope(querySeries.points);
  querySeries.baselineSlope = growthSlope(querySeries.points.map((p) => ({ n: p.n, value: p.baseline })));

  const scalingFigure = (s: ScalingSeries, title: string, checks: Record<string, Check>, baselineName: string) =>
    figure({
      id: `${s.figure}-scaling`,
      title,
      size: steps.map(fmtN).join(' / '),
      unit: 'slope',
      statistic: `growth exponent of the ${s.statistic}`,
      value: s.slope,
      baseline: null,
      baselineLabel: `${baselineName}: ${round(s.baselineSlope)}`,
      target: { kind: 'value-max', limit: SLOPE_LIMIT, text: `flat or log (slope ≤ ${SLOPE_LIMIT})` },
      samples: s.points.length,
      checks,
      details: Object.fromEntries(
        s.points.flatMap((p) => [
          [`at${p.n}Ms`, p.value],
          [`baselineAt${p.n}Ms`, p.baseline],
        ]),
      ),
    });

  return {
    figures: [
      commitFigure,
      queryFigure,
      selection,
      profileOpen,
      scalingFigure(commitSeries, `Decision commit growth, ${fmtN(steps[0]!)} → ${fmtN(steps.at(-1)!)}`, allCommitChecks, 'raw insert slope'),
      scalingFigure(querySeries, `Queue query growth, ${fmtN(steps[0]!)} → ${fmtN(steps.at(-1)!)}`, allQueryChecks, 'hand-written SQL slope'),
    ],
    scaling: [commitSeries, querySeries],
    memoryProfileDir,
  };
}

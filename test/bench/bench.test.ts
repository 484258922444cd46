// The benchmark harness's correctness, at tiny sizes: every figure runs its real code path (real
// service, real core, browser host and Chromium) and the invariants it verifies on the way hold.
// Timings are the bench's business (npm run bench); nothing here asserts a duration or a target.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIZES } from '../../bench/config';
import { BenchResults, type Figure } from '../../bench/results';
import { runBench } from '../../bench/run';
import { ensureRendererBuilt } from '../e2e/helpers';
import { REPO_ROOT } from '../support/programs';

const tiny = SIZES.tiny;
let results: BenchResults;
let dir: string;
const log: string[] = [];

const fig = (id: string): Figure => {
  const f = results.figures.find((x) => x.id === id);
  if (!f) throw new Error(`no figure ${id} in results.json; the run said:\n${log.join('\n')}`);
  return f;
};
/** The checks of a figure whose name starts with `prefix`, each as "name: detail" when it failed. */
const failures = (f: Figure, prefix = '') =>
  Object.entries(f.checks)
    .filter(([k, c]) => k.startsWith(prefix) && !c.ok)
    .map(([k, c]) => `${k}: ${c.detail}`);
const checked = (f: Figure, prefix: string) => Object.keys(f.checks).filter((k) => k.startsWith(prefix));

describe('npm run bench, at tiny sizes', () => {
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-test-'));
    const out = path.join(dir, 'results.json');
    // The renderer `npm test` built (as the end-to-end suites serve it), not a build of the bench's own.
    ensureRendererBuilt();
    await runBench({ mode: 'tiny', out, log: (m) => log.push(m), rendererDir: path.join(REPO_ROOT, 'dist/renderer') });
    results = BenchResults.parse(JSON.parse(fs.readFileSync(out, 'utf8')));
  }, 600_000);

  afterAll(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('writes results.json with every figure: value, baseline from the same run, ratio, target and verdict', () => {
    expect(results.figures.map((f) => f.id).sort()).toEqual(
      [
        'decision-commit',
        'decision-commit-scaling',
        'lease',
        'memory',
        'renderer-memory',
        'next-claim',
        'rpcs-per-action',
        'next-claim-selection',
        'profile-open',
        'pull',
        'push',
        'queue-query',
        'queue-query-scaling',
        'service-requests-per-action',
        'first-poe-after-sign-in',
      ].sort(),
    );
    for (const f of results.figures) {
      expect(failures(f, 'run'), f.id).toEqual([]);
      expect(Number.isFinite(f.value), f.id).toBe(true);
      if (f.target.kind === 'ratio-max') {
        expect(f.baseline, f.id).toBeGreaterThan(0);
        expect(f.ratio, f.id).toBeCloseTo(f.value / f.baseline!, 9);
      }
      expect(f.samples, f.id).toBeGreaterThan(0);
      const checksHold = Object.values(f.checks).every((c) => c.ok);
      const targetMet = f.target.kind === 'ratio-max' ? f.ratio! <= f.target.limit! : f.target.kind === 'value-max' ? f.value <= f.target.limit! : true;
      expect(f.pass, f.id).toBe(checksHold && targetMet);
    }
    expect(results.pass).toBe(results.figures.every((f) => f.pass));
  });

  it('reports the decision commit and the queue query at every cache size, with their growth slopes', () => {
    expect(results.scaling.map((s) => s.figure).sort()).toEqual(['decision-commit', 'queue-query']);
    for (const s of results.scaling) {
      expect(s.points.map((p) => p.n)).toEqual(tiny.cache.steps);
      expect(s.points.every((p) => p.value > 0 && p.baseline > 0)).toBe(true);
      expect(Number.isFinite(s.slope) && Number.isFinite(s.baselineSlope)).toBe(true);
    }
  });

  it('never leases one claim to two reviewers, and every lease is recorded for each of its claims', () => {
    const f = fig('lease');
    expect(failures(f)).toEqual([]);
    expect(f.details.claimsLeased).toBe(tiny.lease.reviewers * tiny.lease.size * tiny.lease.rounds);
    expect(f.samples).toBe(tiny.lease.reviewers * tiny.lease.rounds);
  });

  it('hash-verifies every byte of every PoE document a pull brought into the cache', () => {
    const f = fig('pull');
    expect(checked(f, 'verified-')).toHaveLength(tiny.pull.reps);
    expect(failures(f)).toEqual([]);
  });

  it('answers every pushed mutation and applies it: nothing left pending, the service shows each', () => {
    const f = fig('push');
    expect(checked(f, 'answered-')).toHaveLength(tiny.push.reps);
    // Its floor wrote the same mutations by SQL on a copy of the service's database and sent the answers.
    expect(checked(f, 'sql-')).toHaveLength(tiny.push.reps);
    expect(f.details.sqlMs).toBeGreaterThan(0);
    expect(f.details.rawHttpMs).toBeGreaterThan(0);
    expect(failures(f)).toEqual([]);
  });

  it('writes each local action with its outbox entry and the claim’s new state, and undoes them all', () => {
    expect(failures(fig('decision-commit'))).toEqual([]);
    const scaling = fig('decision-commit-scaling');
    for (const n of tiny.cache.steps) expect(checked(scaling, `outbox-${n}`)).toHaveLength(1);
    expect(failures(scaling)).toEqual([]);
  });

  it('gets the same queue from queue.list as from the hand-written SQL it is measured against', () => {
    expect(failures(fig('queue-query'))).toEqual([]);
    const scaling = fig('queue-query-scaling');
    for (const n of tiny.cache.steps) expect(checked(scaling, `same-answer-${n}`)).toHaveLength(1);
    expect(failures(scaling)).toEqual([]);
  });

  it('paints another claim’s first PoE page after each decision taken in Chromium, and pdf.js’s PDFViewer paints the same page in a clean page', () => {
    const f = fig('next-claim');
    expect(f.samples).toBe(tiny.render.samples);
    // The baseline fetched the same document from the host and painted page 1 at the same size, with ink.
    expect(checked(f, 'baseline').sort()).toEqual(['baselineErrors', 'baselineInk', 'baselinePages', 'baselineSameDocument', 'baselineSameSize']);
    expect(failures(f)).toEqual([]);
  });

  it('measures memory with the whole cache listed in the queue in Chromium, the host process and the page', () => {
    for (const id of ['memory', 'renderer-memory']) {
      const f = fig(id);
      expect(failures(f), id).toEqual([]);
      expect(f.value, id).toBeGreaterThan(0);
    }
  });

  it('chooses the same next claim as a keyset LIMIT 1, and opens the cached profile listing its first page', () => {
    expect(failures(fig('next-claim-selection'))).toEqual([]);
    expect(fig('next-claim-selection').samples).toBeGreaterThanOrEqual(100);
    expect(failures(fig('profile-open'))).toEqual([]);
  });

  it('counts the workstation calls the page makes per decision', () => {
    const f = fig('rpcs-per-action');
    expect(failures(f)).toEqual([]);
    expect(f.samples).toBe(tiny.render.samples);
  });

  it('counts the service requests of each action, every action pushed', () => {
    const f = fig('service-requests-per-action');
    expect(failures(f)).toEqual([]);
    expect(f.samples).toBe(2 * tiny.actions.claims);
    expect(f.details.pushes).toBeGreaterThanOrEqual(1);
  });

  it('paints the first PoE of a batch pulled right after signing in, in Chromium', () => {
    const f = fig('first-poe-after-sign-in');
    expect(failures(f)).toEqual([]);
    expect(f.samples).toBe(tiny.signIn.reps);
    expect(f.details.wholeBatchInMs).toBeGreaterThan(0);
  });
});

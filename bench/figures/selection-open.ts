// Two figures on the headline-size profile: the next-claim selection (what review.decide asks the
// store for) beside a hand-written keyset LIMIT 1 on the urgency index, and opening the profile (the
// core ready and the first queue page listed) against a fixed 500 ms target.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createCore } from '../../electron/core/core';
import type { BenchCore } from '../rig/core';
import { check, figure, type Figure } from '../results';
import { median, now, p95, round } from '../stats';

const fmtN = (n: number) => n.toLocaleString('en-US');

export function measureNextSelection(bc: BenchCore, n: number, samples: number): Figure {
  const db = bc.core.store.db;
  const keyset = db.prepare(
    `SELECT id FROM queue INDEXED BY queue_by_urgency WHERE in_batch = 1 AND urgency_key >= '' AND local_decision IS NULL AND conflict = 0
       AND (status = 'in-review' OR derived_state = 'disputed') AND id IS NOT ? ORDER BY in_batch, urgency_key, submitted_key, id LIMIT 1`,
  );
  const ids = bc.core.store.listQueue({ words: [], sort: 'urgency', limit: samples }).items.map((c) => c.id);
  const value: number[] = [];
  const base: number[] = [];
  let same = 0;
  for (let i = 0; i < samples; i++) {
    const except = ids[i % ids.length] ?? null;
    let t = now();
    const a = bc.core.store.queue.next(except);
    value.push(now() - t);
    t = now();
    const b = (keyset.get(except) as { id: string } | undefined)?.id ?? null;
    base.push(now() - t);
    if (a === b) same++;
  }
  return figure({
    id: 'next-claim-selection',
    title: 'Next-claim selection after a decision',
    size: `${fmtN(n)} cached claims`,
    unit: 'ms',
    statistic: 'p95',
    value: p95(value),
    baseline: p95(base),
    baselineLabel: 'keyset LIMIT 1 on the urgency index, by hand, p95',
    target: { kind: 'ratio-max', limit: 3, text: '≤ 3×' },
    samples,
    checks: { 'same-claim': check(same === samples, `the store and the keyset query chose the same claim ${same}/${samples} times`) },
    details: { medianMs: round(median(value)), baselineMedianMs: round(median(base)) },
  });
}

/** Opens copies of the profile (signed in, `n` claims) and lists the first page; the service is not reached (held). */
export async function measureProfileOpen(profileDir: string, n: number, samples: number): Promise<Figure> {
  const times: number[] = [];
  let listed = 0;
  for (let i = 0; i < samples; i++) {
    const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-open-'));
    fs.cpSync(profileDir, copy, { recursive: true });
    try {
      const t = now();
      // An unreachable service: opening must not wait for the network.
      const core = await createCore({ profileDir: copy, serviceUrl: 'http://127.0.0.1:9', sync: { intervalMs: 3_600_000 } });
      const page = core.list({ filter: {}, sort: 'urgency', search: '', limit: 50 });
      times.push(now() - t);
      listed = page.claims.length;
      core.sync.stop();
      await core.close();
    } finally {
      fs.rmSync(copy, { recursive: true, force: true });
    }
  }
  return figure({
    id: 'profile-open',
    title: 'Opening a profile (core ready, first queue page listed)',
    size: `${fmtN(n)} cached claims`,
    unit: 'ms',
    statistic: 'median',
    value: median(times),
    baseline: null,
    baselineLabel: 'fixed target',
    target: { kind: 'value-max', limit: 500, text: '≤ 500 ms' },
    samples,
    checks: { listed: check(listed === Math.min(50, n), `the first page listed ${listed} claims`) },
    details: { p95Ms: round(p95(times)) },
  });
}

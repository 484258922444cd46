// The timed steps of the local-cache figures at one cache size: the decision commit beside a raw
// single-row insert transaction, and the queue queries beside the same queries as hand-written SQL.
import type { MethodOutput, OutboxEntry } from '../../shared/contracts';
import type { BenchCore } from '../rig/core';
import { check, type Check } from '../results';
import { now } from '../stats';
import { QUEUE_QUERIES, handWrittenQueue } from './queue-sql';

export interface CommitStep {
  n: number;
  decide: number[];
  checklist: number[];
  raw: number[];
  checks: Record<string, Check>;
}

export interface QueryStep {
  n: number;
  core: number[];
  sql: number[];
  totals: number[];
  checks: Record<string, Check>;
}

export async function measureCommit(bc: BenchCore, n: number, samples: number): Promise<CommitStep> {
  const db = bc.core.store.db;
  // The same rows with the same durability, and nothing else: an outbox row and the claim's queue row
  // rewritten, in one IMMEDIATE transaction on the profile's file (synchronous = FULL), no next-claim lookup.
  db.exec(
    'CREATE TABLE IF NOT EXISTS bench_raw_outbox (seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, claim_id TEXT NOT NULL, payload_json TEXT NOT NULL, created_at TEXT NOT NULL)',
  );
  const insert = db.prepare('INSERT INTO bench_raw_outbox (id, claim_id, payload_json, created_at) VALUES (?, ?, ?, ?)');
  const rewrite = db.prepare('UPDATE queue SET item_json = ?, pending = pending + 0 WHERE id = ?');
  const rowOf = db.prepare('SELECT item_json FROM queue WHERE id = ?');
  let rawSeq = 0;
  const rawInsert = (claimId: string) => {
    const payload = JSON.stringify({ code: 'missing-customer-acknowledgement', productId: null, checked: true, note: null });
    const item = (rowOf.get(claimId) as { item_json: string }).item_json;
    db.transaction(() => {
      insert.run(`raw-${n}-${++rawSeq}`, claimId, payload, new Date().toISOString());
      rewrite.run(item, claimId);
    }).immediate();
  };

  const inReview = (await bc.call('queue.list', { filter: { status: ['in-review'] }, sort: 'urgency', search: '', limit: 20_000 })).claims.map((c) => c.id);
  const stride = Math.max(1, Math.floor(inReview.length / samples));
  const targets = Array.from({ length: Math.min(samples, inReview.length) }, (_, i) => inReview[i * stride]!);
  const step: CommitStep = { n, decide: [], checklist: [], raw: [], checks: {} };
  const entries: OutboxEntry[] = [];
  const decided: MethodOutput<'review.decide'>[] = [];
  // Each decision's queue row as announced to the page (claim.changed), after the decision's answer.
  const announced = new Map<string, string | null>();
  const unsubscribe = bc.core.subscribe((e) => {
    if (e.type === 'claim.changed') announced.set(e.id, e.item?.localDecision ?? null);
  });
  // Between two calls from the page the event loop turns: what an action leaves for after its answer
  // (its claim.changed and sync.status events) runs there, untimed, before the next timed step.
  const turn = () => new Promise<void>((resolve) => setImmediate(resolve));
  for (const claimId of targets) {
    let t = now();
    rawInsert(claimId);
    step.raw.push(now() - t);
    t = now();
    const ticked = await bc.call('review.checklist', { claimId, code: 'missing-customer-acknowledgement', productId: null, checked: true, note: null });
    step.checklist.push(now() - t);
    await turn();
    t = now();
    rawInsert(claimId);
    step.raw.push(now() - t);
    t = now();
    const out = await bc.call('review.decide', { claimId, decision: { kind: 'approve', message: null } });
    step.decide.push(now() - t);
    await turn();
    entries.push(ticked.entry, out.entry);
    decided.push(out);
  }
  unsubscribe();
  // Each action's outbox entry is in the database with the claim's new local state: one transaction.
  const store = bc.core.store;
  const stored = entries.filter((e) => store.outboxEntry(e.id)?.state === 'pending').length;
  const approved = decided.filter((d) => d.claim.status === 'approved' && store.outboxEntry(d.entry.id) !== null).length;
  step.checks[`outbox-${n}`] = check(stored === entries.length, `${stored}/${entries.length} actions found in the outbox as pending`);
  step.checks[`local-state-${n}`] = check(
    approved === decided.length,
    `${approved}/${decided.length} decisions show the claim approved locally with its outbox entry`,
  );
  const shown = decided.filter((d) => announced.get(d.claim.id) === 'approve').length;
  step.checks[`announced-${n}`] = check(
    shown === decided.length,
    `${shown}/${decided.length} decisions announced to the page (claim.changed) with the local decision`,
  );
  step.checks[`samples-${n}`] = check(targets.length === samples, `${targets.length} of ${samples} decisions taken (${inReview.length} claims in review)`);
  // Undo them all (not timed): the next size starts from a cache with nothing pending.
  for (const e of [...entries].reverse()) await bc.call('review.undo', { entryId: e.id });
  const left = store.outboxCounts().pending;
  step.checks[`undone-${n}`] = check(left === 0, `${left} actions pending after undoing the samples`);
  db.exec('DELETE FROM bench_raw_outbox');
  return step;
}

export async function measureQuery(bc: BenchCore, n: number, rounds: number): Promise<QueryStep> {
  const hand = handWrittenQueue(bc.core.store.db);
  const step: QueryStep = { n, core: [], sql: [], totals: [], checks: {} };
  const runCore = async () => {
    const out = [];
    const t = now();
    for (const q of QUEUE_QUERIES) out.push(await bc.call('queue.list', q));
    return { ms: now() - t, out };
  };
  const runSql = () => {
    const out = [];
    const t = now();
    for (const q of QUEUE_QUERIES) out.push(hand.run(q));
    return { ms: now() - t, out };
  };
  // Warm both (statement caches, page cache), and check they answer the same.
  const a = await runCore();
  const b = runSql();
  const same = QUEUE_QUERIES.filter(
    (_, i) => a.out[i]!.total === b.out[i]!.total && JSON.stringify(a.out[i]!.claims) === JSON.stringify(b.out[i]!.claims),
  ).length;
  step.totals = a.out.map((r) => r.total);
  step.checks[`same-answer-${n}`] = check(
    same === QUEUE_QUERIES.length,
    `queue.list and the hand-written SQL agree on ${same}/${QUEUE_QUERIES.length} queries (totals ${step.totals.join(', ')})`,
  );
  step.checks[`non-empty-${n}`] = check(
    step.totals.every((t) => t > 0),
    `every query matches claims (totals ${step.totals.join(', ')})`,
  );
  for (let r = 0; r < rounds; r++) {
    if (r % 2 === 0) {
      step.core.push((await runCore()).ms);
      step.sql.push(runSql().ms);
    } else {
      step.sql.push(runSql().ms);
      step.core.push((await runCore()).ms);
    }
  }
  return step;
}

// Figure: pushing the outbox — N reviewer actions (checklist ticks and unticks, comments, a decision
// per claim) recorded through the real core — to the real service and applying every answer, timed
// from sync.run until the outbox is empty; beside its floor (push-floor.ts), the sum of raw HTTP of the
// same JSON bodies (the core's own batches) each answered with a compact answer of the service's size by a
// trivial loopback endpoint, and the same mutations written by hand-written SQL in one transaction
// (WAL, synchronous = FULL) on a copy of the service's database taken before the core pushed.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_SYNC_OPTIONS } from '../../electron/core/sync';
import type { WorkstationEvent } from '../../shared/contracts';
import type { BenchEnv } from '../config';
import { signedInCore } from '../rig/core';
import { withCpuTime } from '../rig/cpu-time';
import { withFetchTiming, type RouteTiming } from '../rig/fetch-timing';
import { startRawServer } from '../rig/raw-server';
import { applyBySql, claimsInCopy, compactAnswer, copyServiceDatabase, rawRoundTrips, type FloorMutation } from './push-floor';
import type { BenchService } from '../rig/service';
import { signIn } from '../../test/support/service';
import { check, figure, type Check, type Figure } from '../results';
import { median, now, round } from '../stats';

/** The reviewer's actions on one claim, in order: the last one decides it. */
const ACTIONS = [
  { method: 'review.checklist', input: { code: 'missing-customer-acknowledgement', productId: null, checked: true, note: null } },
  { method: 'review.comment', input: { text: 'The acknowledgement on page 2 is not signed; checking the date too.' } },
  { method: 'review.checklist', input: { code: 'date-missing-or-outdated', productId: null, checked: true, note: 'dated 14 months before submission' } },
  { method: 'review.checklist', input: { code: 'missing-customer-acknowledgement', productId: null, checked: false, note: null } },
  { method: 'review.checklist', input: { code: 'date-missing-or-outdated', productId: null, checked: false, note: null } },
  { method: 'review.comment', input: { text: 'Signed copy found on page 2; the date is within 12 months.' } },
] as const;

export async function measurePush(env: BenchEnv, svc: BenchService): Promise<Figure> {
  const { claims: perRep, perClaim, reps } = env.sizes.push;
  const batchSize = DEFAULT_SYNC_OPTIONS.pushBatchSize;
  const raw = await startRawServer(fs.mkdtempSync(path.join(os.tmpdir(), 'bench-raw-echo-')));
  const qa = await signIn(svc.url, 'qa1');
  const coreMs: number[] = [];
  const cycleMs: number[] = [];
  const rawMs: number[] = [];
  const sqlMs: number[] = [];
  const serviceMs: number[] = [];
  const refreshes: number[] = [];
  // CPU ms of the main threads (the machine is shared: wall-clock waits for a core, CPU time does not).
  const cpu = { service: [] as number[], workstation: [] as number[], rawHttp: [] as number[], sql: [] as number[] };
  const keep = (list: number[], ...ms: (number | null)[]) => {
    if (ms.every((m) => m !== null)) list.push(ms.reduce((a, b) => a! + b!, 0)!);
  };
  const checks: Record<string, Check> = {};
  let mutations = 0;
  let bodyBytes = 0;
  let answerBytes = 0;

  try {
    for (let rep = 0; rep < reps; rep++) {
      const bc = await signedInCore(svc.url, 'rev1');
      const copyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-push-floor-'));
      try {
        const pulled = await bc.call('queue.pull', { size: perRep });
        const ids = (await bc.call('queue.list', { limit: perRep })).claims.map((c) => c.id);
        const before = new Map(ids.map((id) => [id, bc.core.store.serverClaim(id)!.version]));
        for (const claimId of ids) {
          for (let k = 0; k < perClaim - 1; k++) {
            const a = ACTIONS[k % ACTIONS.length]!;
            await bc.handlers[a.method]({ claimId, ...a.input });
          }
          await bc.call('review.decide', { claimId, decision: { kind: 'approve', message: null } });
        }
        const userId = bc.core.ctx.session!.user.id;
        const rows = bc.core.store.pendingOutbox(userId, 1_000_000);
        mutations = rows.length;
        // The floor's view of the same mutations: the version each makes, as the service answers it.
        const reached = new Map(before);
        const planned: FloorMutation[] = rows.map((r) => {
          const version = reached.get(r.claimId)! + 1;
          reached.set(r.claimId, version);
          return { id: r.id, claimId: r.claimId, kind: r.kind, payload: r.payload, version };
        });
        const at = new Date().toISOString();
        const bodies: string[] = [];
        const answers: string[] = [];
        for (let i = 0; i < rows.length; i += batchSize) {
          bodies.push(
            JSON.stringify({
              mutations: rows
                .slice(i, i + batchSize)
                .map((r) => ({ id: r.id, claimId: r.claimId, baseVersion: r.baseVersion, kind: r.kind, payload: r.payload })),
            }),
          );
          answers.push(compactAnswer(planned.slice(i, i + batchSize), at));
        }
        bodyBytes = bodies.reduce((s, b) => s + Buffer.byteLength(b), 0);
        answerBytes = answers.reduce((s, b) => s + Buffer.byteLength(b), 0);
        // The rows the service holds before it is pushed to, for the floor's SQL to write on.
        const copy = path.join(copyDir, 'service.sqlite');
        await copyServiceDatabase(svc.databaseFile, copy);
        const { name, role } = bc.core.ctx.session!.user;

        const floor = async () => {
          const { result: http, cpuMs: httpCpu } = await withCpuTime(['self', raw.pid], () => rawRoundTrips(raw.url, bodies, answers));
          const { result: written, cpuMs: sqlCpu } = await withCpuTime(['self'], async () => applyBySql(copy, planned, { id: userId, name, role }, at));
          keep(cpu.rawHttp, ...httpCpu);
          keep(cpu.sql, ...sqlCpu);
          rawMs.push(http.ms);
          sqlMs.push(written.ms);
          const inCopy = claimsInCopy(copy, ids);
          const decided = ids.filter((id) => inCopy.get(id)?.status === 'approved' && inCopy.get(id)?.version === reached.get(id)).length;
          checks[`raw-${rep}`] = check(http.whole === bodies.length, `raw round trips ${rep + 1}: ${http.whole}/${bodies.length} answered in full`);
          checks[`sql-${rep}`] = check(
            written.applied === planned.length && decided === ids.length,
            `SQL floor ${rep + 1}: ${written.applied}/${planned.length} mutations written in one transaction; ${decided}/${ids.length} claims approved at the same version`,
          );
        };
        const corePush = async () => {
          let emptied = 0;
          let routes: RouteTiming[] = [];
          const t = now();
          const unsubscribe = bc.core.subscribe((e: WorkstationEvent) => {
            if (!emptied && e.type === 'sync.status' && e.status.pending === 0) emptied = now();
          });
          try {
            const timed = await withCpuTime([svc.pid, 'self'], () => withFetchTiming(() => bc.call('sync.run')));
            routes = timed.result.routes;
            keep(cpu.service, timed.cpuMs[0]!);
            keep(cpu.workstation, timed.cpuMs[1]!);
          } finally {
            unsubscribe();
          }
          const end = now();
          coreMs.push((emptied || end) - t);
          cycleMs.push(end - t);
          serviceMs.push(routes.find((r) => r.route === 'POST /api/v1/mutations')?.ms ?? 0);
          refreshes.push(routes.find((r) => r.route === 'GET /api/v1/claims/:id')?.count ?? 0);
        };
        if (rep % 2 === 0) {
          await corePush();
          await floor();
        } else {
          await floor();
          await corePush();
        }

        // Every mutation was answered and applied: nothing left in the outbox, no conflict, and the
        // service's copy of each claim (as the answers brought it back) carries all of them.
        const counts = bc.core.store.outboxCounts();
        const applied = ids.filter((id) => {
          const c = bc.core.store.serverClaim(id);
          return c?.status === 'approved' && c.version === before.get(id)! + perClaim;
        }).length;
        const sample = ids.filter((_, i) => i % Math.max(1, Math.floor(ids.length / 10)) === 0);
        let onService = 0;
        for (const id of sample) {
          const c = await qa.call('claimGet', { params: { id } });
          if (c.status === 'approved' && c.version === before.get(id)! + perClaim) onService++;
        }
        checks[`pulled-${rep}`] = check(pulled.claims === perRep, `push ${rep + 1}: ${pulled.claims}/${perRep} claims pulled to act on`);
        checks[`answered-${rep}`] = check(
          counts.pending === 0 && counts.conflicts === 0 && mutations === perRep * perClaim,
          `push ${rep + 1}: ${mutations} mutations sent; ${counts.pending} pending and ${counts.conflicts} conflicting or invalid left`,
        );
        checks[`applied-${rep}`] = check(
          applied === ids.length,
          `push ${rep + 1}: ${applied}/${ids.length} claims carry all their actions in the answers applied`,
        );
        checks[`service-${rep}`] = check(
          onService === sample.length,
          `push ${rep + 1}: the service shows ${onService}/${sample.length} sampled claims approved with every action`,
        );
        // The next repetition starts from a fresh batch: a reviewer's new pull adds to a lease still held.
        await bc.call('queue.release');
        env.log(
          `  push ${rep + 1}/${reps}: ${mutations} mutations, core ${coreMs.at(-1)!.toFixed(0)} ms (whole sync cycle ${cycleMs.at(-1)!.toFixed(0)} ms), floor ${(rawMs.at(-1)! + sqlMs.at(-1)!).toFixed(0)} ms (raw HTTP ${rawMs.at(-1)!.toFixed(0)} + SQL ${sqlMs.at(-1)!.toFixed(0)})` +
            (cpu.service.length ? `; CPU ms: service ${cpu.service.at(-1)!.toFixed(0)}, workstation ${cpu.workstation.at(-1)!.toFixed(0)}` : '') +
            (cpu.sql.length ? `, floor raw HTTP ${cpu.rawHttp.at(-1)!.toFixed(0)} + SQL ${cpu.sql.at(-1)!.toFixed(0)}` : ''),
        );
      } finally {
        await bc.close();
        fs.rmSync(copyDir, { recursive: true, force: true });
      }
    }
  } finally {
    await raw.stop();
    fs.rmSync(raw.dir, { recursive: true, force: true });
  }

  return figure({
    id: 'push',
    title: 'Push the outbox and apply the answers (sync.run)',
    size: `${mutations} mutations in ${Math.ceil(mutations / batchSize)} requests`,
    unit: 'ms',
    statistic: 'median',
    value: median(coreMs),
    baseline: median(rawMs.map((r, i) => r + sqlMs[i]!)),
    baselineLabel:
      'raw HTTP of the same request bodies and compact answers of the same size to a trivial loopback endpoint, plus the same mutations by hand-written SQL in one transaction (WAL, synchronous = FULL) on a copy of the service database, median',
    target: { kind: 'ratio-max', limit: 2, text: '≤ 2×' },
    samples: coreMs.length,
    checks,
    details: {
      requestKB: round(bodyBytes / 1000),
      answerKB: round(answerBytes / 1000),
      // The floor's two parts: the HTTP round trips and the SQL transaction.
      rawHttpMs: round(median(rawMs)),
      sqlMs: round(median(sqlMs)),
      perMutationMs: round(median(coreMs) / Math.max(1, mutations)),
      // Where the time goes: waiting for POST /mutations (the service applying, answering with
      // claims) versus the workstation applying the answers; and the rest of the same sync cycle.
      serviceMutationsMs: round(median(serviceMs)),
      workstationMs: round(median(coreMs.map((c, i) => c - serviceMs[i]!))),
      wholeSyncCycleMs: round(median(cycleMs)),
      // CPU ms of each side's main thread during the same work (medians; empty where /proc is missing).
      ...(cpu.service.length ? { serviceCpuMs: round(median(cpu.service)), workstationCpuMs: round(median(cpu.workstation)) } : {}),
      ...(cpu.sql.length ? { floorSqlCpuMs: round(median(cpu.sql)), floorRawHttpCpuMs: round(median(cpu.rawHttp)) } : {}),
      claimRefetchesAfterPush: median(refreshes),
    },
  });
}

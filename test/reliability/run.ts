// One crash and partition run: the partner submits claims, the reviewer pulls them through the
// workstation, then the plan's actions and faults happen in order; the run heals (network back, both
// processes up, signed in, outbox drained) and the invariants are checked. Returns what it found;
// it asserts nothing itself, so the vitest suite and the stress script share it.
import { createHash, randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { CHECKLIST_REASONS, PER_PRODUCT_REASONS } from '../../shared/domain';
import type { Claim, Decision, MethodOutput, MutationKind, Problem, WorkstationMethod } from '../../shared/contracts';
import { poePdf } from '../support/claims';
import type { Rule } from './fault-link';
import { ActionLog, checkExactlyOnce, checkReplay, readOutbox, readService } from './invariants';
import { describeStep, isFault, type Plan, type Step } from './scenario';
import { REVIEWER, type World } from './world';

export interface RunReport {
  seed: number;
  violations: string[];
  faults: number;
  checked: number;
  lost: number;
  duplicated: number;
  /** What happened, step by step, for a failing seed's message. */
  trace: string[];
}

type Outcome<T> = { ok: true; value: T } | { ok: false; problem: Problem } | { ok: false; lost: string };

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const ROUTES = { mutations: ['POST', '/api/v1/mutations'], changes: ['GET', '/api/v1/changes'], leases: ['POST', '/api/v1/leases'] } as const;

export async function runPlan(world: World, plan: Plan): Promise<RunReport> {
  const log = new ActionLog();
  const trace: string[] = [];
  const violations: string[] = [];
  const claims: { id: string; products: string[] }[] = [];
  let faults = 0;
  let partitionLeft = 0;
  let delayLeft = 0;
  let reviewerId = '';
  const note = (s: string) => trace.push(s);

  async function rpc<M extends WorkstationMethod>(method: M, input: unknown): Promise<Outcome<MethodOutput<M>>> {
    try {
      const res = await world.ws.rpcRaw(method, input);
      const body: unknown = await res.json();
      if (res.ok) return { ok: true, value: body as MethodOutput<M> };
      const problem = body as Problem;
      if (res.status >= 500 && problem.type !== 'urn:poe:problem:offline') violations.push(`${method} answered ${res.status}: ${problem.detail}`);
      return { ok: false, problem };
    } catch (error) {
      return { ok: false, lost: String(error) };
    }
  }

  const claimAt = (i: number) => claims[i % claims.length]!;

  async function submitClaim(): Promise<void> {
    const name = `Reliability ${plan.seed} ${randomUUID().slice(0, 6)}`;
    const created = await world.partner.call('claimCreate', {
      body: {
        customer: { name, tenantId: randomUUID(), domain: 'reliability.example' },
        subscriptionId: null,
        activity: 'deployment',
        products: [
          { name: 'Dynamics 365 Sales', family: 'dynamics-365', workload: 'Sales' },
          { name: 'Power BI Pro', family: 'power-platform', workload: 'Power BI' },
        ],
        customerContact: { name: 'Customer Contact', email: 'it@reliability.example', phone: null },
        partnerContact: { name: 'Partner Contact', email: 'pc@partner.example', phone: null },
      },
    });
    await world.partner.call('documentUpload', { params: { id: created.id }, query: { fileName: 'poe.pdf' }, body: await poePdf(name, randomUUID()) });
    await world.partner.call('claimSubmit', { params: { id: created.id }, body: {} });
    claims.push({ id: created.id, products: created.products.map((p) => p.id) });
  }

  async function record(
    kind: MutationKind,
    claimId: string,
    method: 'review.checklist' | 'review.comment' | 'review.decide',
    input: Record<string, unknown>,
    payload: Record<string, unknown>,
  ): Promise<void> {
    const r = await rpc(method, input);
    if (r.ok) {
      const entry = r.value.entry;
      log.recorded.set(entry.id, { id: entry.id, claimId, kind: entry.kind as MutationKind, payload: entry.payload });
      note(`  recorded ${entry.id} ${kind} on ${claimId}`);
    } else if ('lost' in r) {
      log.uncertain.push({ claimId, kind, payload });
      note(`  ${kind} on ${claimId}: answer lost`);
    } else note(`  ${kind} on ${claimId}: ${r.problem.status} ${r.problem.detail}`);
  }

  const comment = (i: number, text: string) => {
    const id = claimAt(i).id;
    return record('comment', id, 'review.comment', { claimId: id, text }, { text });
  };

  function decision(kind: 'approve' | 'reject' | 'request-info' | 'remove-product', products: string[]): Decision {
    const message = `seed ${plan.seed}: ${kind}`;
    switch (kind) {
      case 'approve':
        return { kind, message: null };
      case 'reject':
        return { kind, reason: 'insufficient-poe', message };
      case 'request-info':
        return { kind, reasons: [{ code: 'missing-product', productId: products[1] ?? null }], message };
      case 'remove-product':
        return { kind, productId: products[1]!, message };
    }
  }

  async function readDocument(sha256: string): Promise<void> {
    const r = await rpc('document.get', { sha256 });
    if (!r.ok) return;
    const actual = createHash('sha256').update(Buffer.from(r.value.base64, 'base64')).digest('hex');
    if (actual === sha256) log.servedDocuments.ok++;
    else {
      log.servedDocuments.wrong.push(sha256);
      violations.push(`document.get served bytes hashing to ${actual} for document ${sha256}`);
    }
  }

  async function checkLocalIntegrity(when: string): Promise<void> {
    const integrity = world.read(world.profileDb, (db) => readOutbox(db).integrity);
    if (integrity !== 'ok') violations.push(`local database after ${when}: integrity_check says ${integrity}`);
  }

  async function killAndRevive(when: string, during: () => Promise<unknown>, rule?: Omit<Rule, 'fault'>): Promise<void> {
    let killed: Promise<void> | null = null;
    const kill = () => (killed ??= world.killWorkstation());
    if (rule) world.link.rules.push({ ...rule, fault: { kind: when === 'download' ? 'half-body' : 'after-response', hook: kill } });
    await during();
    if (rule) world.link.rules = world.link.rules.filter((r) => r.path !== rule.path);
    await kill();
    await checkLocalIntegrity(`a SIGKILL ${when}`);
    await world.reviveWorkstation();
  }

  async function step(s: Step, n: number): Promise<void> {
    note(`step ${n}: ${describeStep(s)}`);
    if (isFault(s)) faults++;
    switch ('do' in s ? s.do : s.fault) {
      case 'checklist': {
        const st = s as Extract<Step, { do: 'checklist' }>;
        const c = claimAt(st.claim);
        const code = CHECKLIST_REASONS[st.reason]!;
        const productId = st.perProduct && PER_PRODUCT_REASONS.includes(code) ? c.products[0]! : null;
        const payload = { code, productId, checked: st.checked, note: null };
        return record('checklist', c.id, 'review.checklist', { claimId: c.id, ...payload }, payload);
      }
      case 'comment':
        return comment((s as { claim: number }).claim, `seed ${plan.seed} step ${n}`);
      case 'decide': {
        const st = s as Extract<Step, { do: 'decide' }>;
        const c = claimAt(st.claim);
        const d = decision(st.kind, c.products);
        const { kind, ...payload } = d;
        return record(kind, c.id, 'review.decide', { claimId: c.id, decision: d }, payload);
      }
      case 'undo': {
        const id = log.lastLiveId();
        if (!id) return;
        const r = await rpc('review.undo', { entryId: id });
        if (r.ok && r.value.undone) log.undone.add(r.value.undone.id);
        else if (!r.ok && 'lost' in r) log.maybeUndone.add(id);
        note(`  undo ${id}: ${r.ok ? 'undone' : 'lost' in r ? 'lost' : r.problem.status}`);
        return;
      }
      case 'sync': {
        const r = await rpc('sync.run', {});
        note(`  sync: ${r.ok ? `${r.value.connection}, ${r.value.pending} pending, ${r.value.conflicts} conflicts` : 'failed'}`);
        return;
      }
      case 'read-document': {
        const r = await rpc('claim.get', { id: claimAt((s as { claim: number }).claim).id });
        if (r.ok) for (const d of r.value.claim.documents) await readDocument(d.sha256);
        return;
      }
      case 'resolve': {
        const list = await rpc('conflicts.list', {});
        const first = list.ok ? list.value.conflicts[0] : undefined;
        if (!first) return;
        const choice = (s as Extract<Step, { do: 'resolve' }>).choice;
        const r = await rpc('conflicts.resolve', { entryId: first.entry.id, choice });
        if (r.ok && choice === 'discard') log.discarded.add(first.entry.id);
        note(`  ${choice} ${first.entry.id}: ${r.ok ? 'done' : 'lost' in r ? 'lost' : r.problem.status}`);
        return;
      }
      case 'pull': {
        const r = await rpc('queue.pull', { size: 20 });
        note(`  pull: ${r.ok ? `${r.value.claims} claims` : 'lost' in r ? 'lost' : r.problem.detail}`);
        return;
      }
      case 'partner-submit':
        return submitClaim();
      case 'partner-comment':
        await world.partner
          .call('claimComment', { params: { id: claimAt((s as { claim: number }).claim).id }, body: { text: `partner note ${n}` } })
          .catch(() => undefined);
        return;
      case 'partner-withdraw':
        await world.partner
          .call('claimWithdraw', { params: { id: claimAt((s as { claim: number }).claim).id }, body: { message: null } })
          .catch(() => undefined);
        return;

      case 'kill-workstation': {
        const st = s as Extract<Step, { fault: 'kill-workstation' }>;
        switch (st.during) {
          case 'idle':
            return killAndRevive('while idle', async () => undefined);
          case 'action':
            return killAndRevive('during an action', async () => {
              const pending = comment(n, `seed ${plan.seed} interrupted ${n}`);
              await sleep(st.delayMs);
              await world.killWorkstation();
              await pending;
            });
          case 'push':
            return killAndRevive(
              'mid-push',
              async () => {
                for (let i = 0; i < plan.burst; i++) await comment(n + i, `seed ${plan.seed} burst ${n}.${i}`);
                await rpc('sync.run', {});
              },
              { method: 'POST', path: ROUTES.mutations[1] },
            );
          case 'download':
            return killAndRevive(
              'download',
              async () => {
                await submitClaim();
                await rpc('queue.pull', { size: 20 });
              },
              { method: 'GET', path: '/api/v1/documents/' },
            );
          case 'pull':
            return killAndRevive('mid-pull', () => rpc('queue.pull', { size: 20 }), { method: 'POST', path: ROUTES.leases[1] });
        }
        return;
      }
      case 'restart-service':
        await world.restartService((s as Extract<Step, { fault: 'restart-service' }>).signal);
        return;
      case 'partition':
        world.link.cut = true;
        partitionLeft = (s as Extract<Step, { fault: 'partition' }>).steps + 1;
        return;
      case 'delay':
        world.link.delayMs = (s as Extract<Step, { fault: 'delay' }>).ms;
        delayLeft = (s as Extract<Step, { fault: 'delay' }>).steps + 1;
        return;
      case 'drop-response':
      case 'duplicate': {
        const st = s as Extract<Step, { fault: 'drop-response' | 'duplicate' }>;
        const [method, p] = ROUTES[st.route];
        world.link.rules.push({ method, path: p, fault: { kind: st.fault } });
        if (st.route === 'mutations') for (let i = 0; i < plan.burst; i++) await comment(n + i, `seed ${plan.seed} ${st.fault} ${n}.${i}`);
        if (st.route === 'leases') await rpc('queue.pull', { size: 20 });
        else await rpc('sync.run', {});
        world.link.rules = world.link.rules.filter((r) => r.path !== p);
        return;
      }
      case 'lease-expiry':
        await world.advanceClock('PT31M').catch(() => undefined);
        return;
      case 'offline-lease-expiry': {
        // Offline work outlives the lease: on reconnect it is re-leased and applied, or a conflict.
        const at = (s as Extract<Step, { fault: 'offline-lease-expiry' }>).claim;
        world.link.cut = true;
        await comment(at, `seed ${plan.seed} offline ${n}`);
        const c = claimAt(at + 1);
        const d = decision('approve', c.products);
        const { kind, ...payload } = d;
        await record(kind, c.id, 'review.decide', { claimId: c.id, decision: d }, payload);
        await world.advanceClock('PT31M').catch(() => undefined);
        world.link.cut = partitionLeft > 0;
        await rpc('sync.run', {});
        return;
      }
      case 'clock-jump':
        await world.advanceClock((s as Extract<Step, { fault: 'clock-jump' }>).by).catch(() => undefined);
        return;
      case 'bloat-claim': {
        // A partner grows one claim with long comments until the service refuses (413) at its per-claim limit;
        // the reviewer's own comment on it, and everything behind it, must still get through.
        const c = claimAt((s as Extract<Step, { fault: 'bloat-claim' }>).claim);
        let added = 0;
        for (; added < 150; added++) {
          const refused = await world.partner.call('claimComment', { params: { id: c.id }, body: { text: `${'bloat '.repeat(1600)}${added}` } }).then(
            () => false,
            () => true,
          );
          if (refused) break;
        }
        note(`  partner bloated ${c.id} with ${added} long comments`);
        await comment(n, `seed ${plan.seed} after bloat ${n}`);
        await rpc('sync.run', {});
        return;
      }
      case 'restore-service': {
        // Acknowledged actions after a backup, then the service goes back to that backup: the workstation rebases.
        const backup = path.join(world.dir, `backup-${plan.seed}-${n}.sqlite`);
        await world.backupService(backup);
        for (let i = 0; i < plan.burst; i++) await comment(n + i, `seed ${plan.seed} before restore ${n}.${i}`);
        await rpc('sync.run', {});
        await world.restoreService(backup);
        await fs.rm(backup, { force: true });
        note('  restored the service from a backup taken before the last actions');
        return;
      }
      case 'corrupt-cache': {
        const names = (await fs.readdir(world.documentsDir)).filter((f) => /^[0-9a-f]{64}$/.test(f)).sort();
        const victim = names[n % Math.max(1, names.length)];
        if (!victim) return;
        const file = path.join(world.documentsDir, victim);
        const size = (await fs.stat(file)).size;
        await fs.truncate(file, Math.floor(size / 2));
        note(`  truncated cached ${victim} to ${Math.floor(size / 2)} bytes`);
        return readDocument(victim);
      }
    }
  }

  async function heal(): Promise<void> {
    world.link.cut = false;
    world.link.delayMs = 0;
    world.link.rules = [];
    if (!world.serviceAlive) await world.startServiceAgain();
    if (!world.workstationAlive) await world.reviveWorkstation();
    const current = await rpc('session.current', {});
    if (!current.ok || !current.value.user) await world.ws.rpc('session.login', REVIEWER);
    let last = '';
    for (let i = 0; i < 12; i++) {
      const r = await rpc('sync.run', {});
      if (r.ok && r.value.connection === 'online' && r.value.pending === 0) return;
      last = r.ok ? `${r.value.connection}, ${r.value.pending} pending, ${r.value.lastError}` : 'lost' in r ? r.lost : r.problem.detail;
      await sleep(250);
    }
    violations.push(`the outbox did not drain once the run healed (${last})`);
  }

  /**
   * A call the run cannot go on without: tried again while the workstation answers "offline". A socket
   * the workstation kept alive across runs may have been closed meanwhile (UND_ERR_SOCKET on its first
   * use): the product reports that as offline and keeps the work; the run must not depend on it.
   */
  async function settled<M extends WorkstationMethod>(method: M, input: unknown): Promise<MethodOutput<M>> {
    for (let attempt = 1; ; attempt++) {
      const r = await rpc(method, input);
      if (r.ok) return r.value;
      const why = 'lost' in r ? r.lost : r.problem.detail;
      if (attempt >= 3 || ('problem' in r && r.problem.status !== 503)) throw new Error(`${method} failed: ${why}`);
      note(`  ${method} answered offline (${why}); trying again`);
    }
  }

  // ── the run ──
  for (let i = 0; i < plan.claims; i++) await submitClaim();
  const pulled = await settled('queue.pull', { size: 20 });
  reviewerId = (await world.ws.rpc('session.current', {})).user!.id;
  note(`pulled ${pulled.claims} claims; episode claims ${claims.map((c) => c.id).join(', ')}`);
  for (const [n, s] of plan.steps.entries()) {
    await step(s, n);
    if (partitionLeft > 0 && --partitionLeft === 0) world.link.cut = false;
    if (delayLeft > 0 && --delayLeft === 0) world.link.delayMs = 0;
  }
  await heal();

  // ── the checks ──
  for (const c of claims) {
    const r = await rpc('claim.get', { id: c.id });
    if (r.ok) for (const d of r.value.claim.documents) await readDocument(d.sha256);
  }
  const local = world.read(world.profileDb, readOutbox);
  if (local.integrity !== 'ok') violations.push(`local database: integrity_check says ${local.integrity}`);
  const ids = claims.map((c) => c.id);
  const service = world.read(world.serviceDb, (db) => readService(db, ids));
  const found = checkExactlyOnce(log, service, local, reviewerId);
  violations.push(...found.violations);
  const answers = new Map<string, Claim>();
  for (const id of ids) answers.set(id, await world.qa.call('claimGet', { params: { id } }));
  violations.push(...checkReplay(service, answers));

  // ── leave the world clean for the next run: nothing unresolved, nothing reviewable, no batch ──
  const unresolved = await world.ws.rpc('conflicts.list', {});
  for (const c of unresolved.conflicts) await world.ws.rpc('conflicts.resolve', { entryId: c.entry.id, choice: 'discard' });
  for (const id of ids) {
    if (['submitted', 'in-review', 'partner-action-needed'].includes(answers.get(id)!.status)) {
      await world.partner.call('claimWithdraw', { params: { id }, body: { message: null } }).catch(() => undefined);
    }
  }
  await settled('queue.release', {});

  return { seed: plan.seed, violations, faults, checked: found.checked, lost: found.lost, duplicated: found.duplicated, trace };
}

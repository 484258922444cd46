// Applying pushed reviewer mutations: each at most once (its id is the idempotency key), in order,
// one transaction per push with a savepoint each, answered compactly applied / duplicate / conflict / invalid. The permission and
// the event come from shared/ (checkAction, MUTATION_ACTION, mutationEvent); nothing is decided here twice.
import type { z } from 'zod';
import { Mutation, PUSH_ANSWER_CLAIM_BYTES, problemOf, validationProblem, type Claim, type MutationResult, type Problem } from '../../shared/contracts';
import { COMMUTING_KINDS, MUTATION_ACTION, actedSince, actionProductProblem, checkAction, mutationEvent } from '../../shared/domain';
import { ProblemError, problem } from '../http/problems';
import { actionContext, activeProducts, appendEvent, loadClaim, viewClaim, type LoadedClaim } from './claims';
import { actorOf, type AppContext, type Caller } from './context';
import type { LeaseRecord, Tx } from '../store/repository';
import { approvalChoice, supersedeChosen } from './partner-of-record';

const invalid = (id: string, p: Problem, extra: Partial<MutationResult> = {}): MutationResult => ({ id, outcome: 'invalid', problem: p, ...extra });

/** Checks the products a mutation names against the claim, with the shared per-product rules. */
function payloadProblem(m: Mutation, c: LoadedClaim, at: string): Problem | null {
  const active = new Set(activeProducts(c.record.facts, c.history).map((p) => p.id));
  const products = c.record.facts.products.map((p) => ({ id: p.id, removed: !active.has(p.id) }));
  const bad = actionProductProblem(m.kind, m.payload, products);
  return bad && problemOf('validation', `${at}.payload.${bad.field}: ${bad.detail}`, { field: `${at}.payload.${bad.field}` });
}

/** What one push answer has already carried: each claim at most once, all claims within a byte cap. */
export class AnswerBudget {
  private readonly sent = new Set<string>();
  private bytes = 0;
  constructor(private readonly cap: number = PUSH_ANSWER_CLAIM_BYTES) {}
  /** The claim to answer with, once per claim per push and while the cap allows; undefined otherwise. */
  async claim(id: string, view: () => Promise<Claim>): Promise<Claim | undefined> {
    if (this.sent.has(id) || this.bytes >= this.cap) return undefined;
    const claim = await view();
    const size = Buffer.byteLength(JSON.stringify(claim));
    if (this.bytes + size > this.cap) return undefined;
    this.sent.add(id);
    this.bytes += size;
    return claim;
  }
}

/**
 * The claims one push has read, as they stand in its transaction (after its own applied mutations),
 * with their active leases: a reviewer's several actions on a claim load it and its history once.
 * Nothing else writes them meanwhile (SQLite has one writer; PostgreSQL holds the row lock from the
 * first load until commit). A rolled-back savepoint forgets everything (its writes and, on
 * PostgreSQL, its row locks are gone), and so does a supersession for the claims it rejected.
 */
class PushClaims {
  private readonly claims = new Map<string, LoadedClaim>();
  private readonly leases = new Map<string, LeaseRecord | null>();
  constructor(
    private readonly tx: Tx,
    private readonly now: string,
  ) {}
  /** Loads the claims a push names in one query (in id order, each row locked on PostgreSQL, as one load would). */
  async preload(ids: readonly string[]): Promise<void> {
    for (const c of await this.tx.loadClaims(ids)) this.claims.set(c.record.facts.id, c);
  }
  async claim(id: string): Promise<LoadedClaim | null> {
    const known = this.claims.get(id);
    if (known) return known;
    const c = await loadClaim(this.tx, id);
    if (c) this.claims.set(id, c);
    return c;
  }
  async lease(id: string): Promise<LeaseRecord | null> {
    if (this.leases.has(id)) return this.leases.get(id)!;
    const lease = await this.tx.activeLeaseOfClaim(id, this.now);
    this.leases.set(id, lease);
    return lease;
  }
  changed(c: LoadedClaim): void {
    this.claims.set(c.record.facts.id, c);
  }
  forget(ids: readonly string[] | 'all'): void {
    for (const id of ids === 'all' ? [...this.claims.keys(), ...this.leases.keys()] : ids) {
      this.claims.delete(id);
      this.leases.delete(id);
    }
  }
}

async function applyOne(
  app: AppContext,
  caller: Caller,
  tx: Tx,
  seen: PushClaims,
  budget: AnswerBudget,
  raw: unknown,
  index: number,
  now: string,
): Promise<MutationResult> {
  const at = `mutations.${index}`;
  const rawId = (raw as { id?: unknown }).id;
  const id = typeof rawId === 'string' ? rawId : '';
  const parsed = Mutation.safeParse(raw);
  if (!parsed.success) return invalid(id, validationProblem(parsed.error as z.ZodError, at));
  const m = parsed.data;
  const actor = actorOf(caller);
  const applied = await tx.findAppliedMutation(m.id);
  if (applied) {
    if (applied.reviewerId !== caller.id || applied.claimId !== m.claimId) {
      return invalid(m.id, problemOf('validation', `${at}.id: mutation id ${m.id} was already used for another mutation`, { field: `${at}.id` }));
    }
    // Only that it was applied before: the claim may have moved on, and may no longer be this caller's to read.
    return { id: m.id, outcome: 'duplicate' };
  }
  const c = await seen.claim(m.claimId);
  if (!c) return invalid(m.id, problem.notFound(`${at}.claimId: claim ${m.claimId} does not exist`, `${at}.claimId`).problem);
  const lease = await seen.lease(m.claimId);
  if (lease?.reviewerId !== caller.id) {
    return invalid(
      m.id,
      problem.notLeased(`${at}.claimId: claim ${m.claimId} is not leased to you${lease ? '' : ' (no active lease: pull it again)'}`, `${at}.claimId`).problem,
    );
  }
  const version = c.record.index.version;
  const withClaim = async (r: MutationResult): Promise<MutationResult> => {
    const claim = await budget.claim(c.record.facts.id, () => viewClaim(tx, app, caller, c, now));
    return { ...r, version, ...(claim ? { claim } : {}) };
  };
  if (m.baseVersion > version) {
    return invalid(m.id, problem.validation(`${at}.baseVersion: ${m.baseVersion} is newer than the claim's version ${version}`, `${at}.baseVersion`).problem, {
      version,
    });
  }
  const bad = payloadProblem(m, c, at);
  if (bad) return withClaim(invalid(m.id, bad));
  if (!COMMUTING_KINDS.includes(m.kind)) {
    const changedByOthers = actedSince(c.history, m.baseVersion, caller.id).length > 0;
    if (changedByOthers) return withClaim({ id: m.id, outcome: 'conflict' });
  }
  const check = checkAction(MUTATION_ACTION[m.kind], 'reviewer', actionContext(c, now, app.calendar));
  if (!check.ok) return withClaim(invalid(m.id, problem.transition(`${at}: ${check.reason}`, `${at}.kind`).problem));
  const choice = await approvalChoice(tx, c, m, at);
  if (choice) return withClaim(invalid(m.id, choice));
  const next = await appendEvent(tx, app, c, mutationEvent(m.kind, m.payload), actor, now);
  seen.changed(next);
  seen.forget(await supersedeChosen(tx, app, next, m, actor, now));
  const assist = 'assist' in m.payload ? m.payload.assist : undefined;
  if (assist?.length)
    await tx.audit.insertAssistAgreements({ claimId: m.claimId, decisionSeq: next.record.index.version, reviewerId: caller.id, decidedAt: now, items: assist });
  await tx.recordAppliedMutation({
    id: m.id,
    reviewerId: caller.id,
    claimId: m.claimId,
    kind: m.kind,
    appliedAt: now,
    resultVersion: next.record.index.version,
  });
  return { id: m.id, outcome: 'applied', version: next.record.index.version, at: now };
}

/** The strings a push's mutations hold at `key`, to read ahead (each mutation is still validated on its own). */
const stringsAt = (mutations: readonly unknown[], key: 'id' | 'claimId'): string[] =>
  mutations.flatMap((m) => {
    const v = (m as Record<string, unknown>)[key];
    return typeof v === 'string' ? [v] : [];
  });

/**
 * Applies a push in order, in ONE transaction with a savepoint per mutation: each is still its own
 * outcome (a refused or failing one rolls back only itself and never stops the ones after it).
 */
export async function push(app: AppContext, caller: Caller, mutations: readonly unknown[]): Promise<MutationResult[]> {
  const now = app.clock.iso();
  const budget = new AnswerBudget();
  return app.store.transaction(async (tx) => {
    const results: MutationResult[] = [];
    const seen = new PushClaims(tx, now);
    // Read ahead in two queries: which ids were applied before (locked first on PostgreSQL, as each was), then the claims.
    await tx.preloadAppliedMutations(stringsAt(mutations, 'id'));
    await seen.preload([...new Set(stringsAt(mutations, 'claimId'))]);
    for (const [i, m] of mutations.entries()) {
      try {
        results.push(await tx.savepoint(() => applyOne(app, caller, tx, seen, budget, m, i, now)));
      } catch (e) {
        seen.forget('all');
        if (!(e instanceof ProblemError)) throw e;
        results.push(invalid(String((m as { id?: unknown }).id ?? ''), e.problem));
      }
    }
    return results;
  });
}

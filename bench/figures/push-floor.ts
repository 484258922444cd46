// The push figure's floor, the least the same push can cost, measured in the same run: (a) raw HTTP of
// the same request bodies to the trivial loopback endpoint, each answered with a compact answer of the
// service's size ({id, outcome, version, at} per mutation), and (b) the same mutations written by
// hand-written SQL in ONE transaction (WAL, synchronous = FULL, as the service runs) on a copy of the
// service's database taken before the core pushed: per mutation the history row, the claim row's
// changed columns, the applied-mutation id and the change-feed row — nothing read but each claim's row once.
import Database from 'better-sqlite3';
import type { MutationKind, MutationPayload } from '../../shared/contracts';
import { mutationEvent, type Actor } from '../../shared/domain';
import { now } from '../stats';

/** One pushed mutation as the floor writes it: the outbox entry and the claim version it makes. */
export interface FloorMutation {
  id: string;
  claimId: string;
  kind: MutationKind;
  payload: Record<string, unknown>;
  /** The claim's version after it (its history seq), as the service answers it. */
  version: number;
}

/** The service's compact answer to one request of `batch` (every mutation applied, no claim attached). */
export function compactAnswer(batch: readonly FloorMutation[], at: string): string {
  return JSON.stringify({ results: batch.map((m) => ({ id: m.id, outcome: 'applied', version: m.version, at })) });
}

/** Copies the service's database as it stands (a consistent snapshot, WAL included) with SQLite's backup API. */
export async function copyServiceDatabase(file: string, dest: string): Promise<void> {
  const src = new Database(file, { readonly: true, fileMustExist: true });
  try {
    await src.backup(dest);
  } finally {
    src.close();
  }
}

/**
 * POSTs each body to the endpoint, asking for its answer's byte count back; returns ms and how many came
 * back whole. One untimed round trip first: the core's connection to the service is warm too.
 */
export async function rawRoundTrips(url: string, bodies: readonly string[], answers: readonly string[]): Promise<{ ms: number; whole: number }> {
  await (await fetch(`${url}/echo`, { method: 'POST', body: '{}' })).text();
  let whole = 0;
  const t = now();
  for (const [i, body] of bodies.entries()) {
    const size = Buffer.byteLength(answers[i]!);
    const res = await fetch(`${url}/echo?answer=${size}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    const text = await res.text();
    if (res.ok && Buffer.byteLength(text) === size) whole++;
  }
  return { ms: now() - t, whole };
}

/**
 * Writes `mutations` into the database copy at `file` in one IMMEDIATE transaction and returns its time
 * (statements prepared beforehand, as the service compiles its own once). A decision also sets the status.
 */
export function applyBySql(file: string, mutations: readonly FloorMutation[], reviewer: Actor, at: string): { ms: number; applied: number } {
  const db = new Database(file, { fileMustExist: true });
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    const claimRow = db.prepare<[string], { version: number; status: string; reviewable: number }>(
      'SELECT version, status, reviewable FROM claims WHERE id = ?',
    );
    const history = db.prepare('INSERT INTO history (claim_id, seq, at, actor_id, actor, event) VALUES (?, ?, ?, ?, ?, ?)');
    const version = db.prepare('UPDATE claims SET version = ? WHERE id = ?');
    const decided = db.prepare('UPDATE claims SET version = ?, status = ?, reviewable = 0, urgent_due = NULL, timer_due = NULL WHERE id = ?');
    const applied = db.prepare('INSERT INTO applied_mutations (id, reviewer_id, claim_id, kind, applied_at, result_version) VALUES (?, ?, ?, ?, ?, ?)');
    const change = db.prepare('INSERT INTO changes (claim_id, kind, at, version, actor_id) VALUES (?, ?, ?, ?, ?)');
    const actor = JSON.stringify(reviewer);
    // The event JSON is the mutation's payload mapped by the shared rule: made before the clock starts.
    const events = mutations.map((m) => {
      const event = mutationEvent(m.kind, m.payload as MutationPayload<MutationKind>);
      return { kind: event.kind, json: JSON.stringify(event) };
    });
    let count = 0;
    const t = now();
    db.transaction(() => {
      const versions = new Map<string, number>();
      for (const [i, m] of mutations.entries()) {
        let v = versions.get(m.claimId);
        if (v === undefined) {
          const row = claimRow.get(m.claimId);
          if (!row) throw new Error(`push floor: claim ${m.claimId} is not in the database copy`);
          v = row.version;
        }
        const seq = v + 1;
        const { kind, json } = events[i]!;
        history.run(m.claimId, seq, at, reviewer.id, actor, json);
        if (kind === 'approved') decided.run(seq, 'approved', m.claimId);
        else version.run(seq, m.claimId);
        applied.run(m.id, reviewer.id, m.claimId, m.kind, at, seq);
        change.run(m.claimId, kind, at, seq, reviewer.id);
        versions.set(m.claimId, seq);
        count++;
      }
    }).immediate();
    return { ms: now() - t, applied: count };
  } finally {
    db.close();
  }
}

/** Each claim's version and status in the database copy, to check the floor wrote what the service did. */
export function claimsInCopy(file: string, ids: readonly string[]): Map<string, { version: number; status: string }> {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const get = db.prepare<[string], { version: number; status: string }>('SELECT version, status FROM claims WHERE id = ?');
    return new Map(ids.flatMap((id) => (get.get(id) ? [[id, get.get(id)!] as const] : [])));
  } finally {
    db.close();
  }
}

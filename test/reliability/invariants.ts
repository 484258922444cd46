// The promises a crash and partition run must keep, checked from the outside after the run healed:
// every action the workstation recorded reached the service exactly once or is shown as a conflict or
// invalid; nothing reached the service that nobody did; the local database is intact; and the
// service's claims are exactly the replay of their histories (shared materialize/replay).
import { isDeepStrictEqual } from 'node:util';
import type Database from 'better-sqlite3';
import { materialize, MutationPayloads, type Claim, type ClaimFacts, type MutationKind } from '../../shared/contracts';
import { mutationEvent, replay, type BusinessCalendar, type HistoryEntry } from '../../shared/domain';

export interface LoggedAction {
  id: string;
  claimId: string;
  kind: MutationKind;
  payload: Record<string, unknown>;
}

/** What the harness saw the workstation accept (and take back) during a run. */
export class ActionLog {
  readonly recorded = new Map<string, LoggedAction>();
  readonly undone = new Set<string>();
  /** Undo requests whose answer was lost with the workstation: either outcome is fine. */
  readonly maybeUndone = new Set<string>();
  readonly discarded = new Set<string>();
  /** Actions whose request was cut off by a crash: recorded or not, nobody knows their id. */
  readonly uncertain: Omit<LoggedAction, 'id'>[] = [];
  readonly servedDocuments = { ok: 0, wrong: [] as string[] };

  lastLiveId(): string | null {
    const ids = [...this.recorded.keys()].filter((id) => !this.undone.has(id) && !this.discarded.has(id));
    return ids.at(-1) ?? null;
  }
}

export interface Findings {
  violations: string[];
  checked: number;
  lost: number;
  duplicated: number;
}

const event = (kind: MutationKind, payload: Record<string, unknown>) => mutationEvent(kind, MutationPayloads[kind].parse(payload) as never);
const stripEntry = (e: HistoryEntry): Record<string, unknown> => {
  const { seq: _seq, at: _at, actor: _actor, ...rest } = e as HistoryEntry & Record<string, unknown>;
  return rest;
};

interface AppliedRow {
  id: string;
  claim_id: string;
  kind: string;
  result_version: number;
  reviewer_id: string;
}
interface OutboxRow {
  id: string;
  state: string;
  claim_id: string;
}

export interface ServiceSnapshot {
  applied: AppliedRow[];
  history: Map<string, HistoryEntry[]>;
  facts: Map<string, ClaimFacts>;
  index: Map<string, { version: number; status: string }>;
  calendar: BusinessCalendar;
}

export function readService(db: Database.Database, claimIds: readonly string[]): ServiceSnapshot {
  const history = new Map<string, HistoryEntry[]>();
  const facts = new Map<string, ClaimFacts>();
  const index = new Map<string, { version: number; status: string }>();
  for (const id of claimIds) {
    const rows = db.prepare('SELECT seq, at, actor, event FROM history WHERE claim_id = ? ORDER BY seq').all(id) as {
      seq: number;
      at: string;
      actor: string;
      event: string;
    }[];
    history.set(
      id,
      rows.map((r) => ({ seq: r.seq, at: r.at, actor: JSON.parse(r.actor), ...JSON.parse(r.event) }) as HistoryEntry),
    );
    const c = db.prepare('SELECT facts, version, status FROM claims WHERE id = ?').get(id) as { facts: string; version: number; status: string } | undefined;
    if (!c) continue;
    const documents = (
      db.prepare('SELECT sha256, file_name, media_type, size, uploaded_at FROM claim_documents WHERE claim_id = ? ORDER BY uploaded_at, rowid').all(id) as {
        sha256: string;
        file_name: string;
        media_type: ClaimFacts['documents'][number]['mediaType'];
        size: number;
        uploaded_at: string;
      }[]
    ).map((d) => ({ sha256: d.sha256, fileName: d.file_name, mediaType: d.media_type, size: d.size, uploadedAt: d.uploaded_at }));
    facts.set(id, { ...(JSON.parse(c.facts) as Omit<ClaimFacts, 'documents'>), documents });
    index.set(id, { version: c.version, status: c.status });
  }
  const marks = claimIds.map(() => '?').join(',');
  const applied = claimIds.length
    ? (db
        .prepare(`SELECT id, claim_id, kind, result_version, reviewer_id FROM applied_mutations WHERE claim_id IN (${marks})`)
        .all(...claimIds) as AppliedRow[])
    : [];
  const calendar = JSON.parse((db.prepare("SELECT value FROM meta WHERE key = 'calendar'").get() as { value: string }).value) as BusinessCalendar;
  return { applied, history, facts, index, calendar };
}

export function readOutbox(db: Database.Database): { outbox: OutboxRow[]; integrity: string } {
  const integrity = (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check).join('; ');
  return { outbox: db.prepare('SELECT id, state, claim_id FROM outbox').all() as OutboxRow[], integrity };
}

/** Every action exactly once (or shown as conflict/invalid), nothing from nowhere. */
export function checkExactlyOnce(log: ActionLog, service: ServiceSnapshot, local: { outbox: OutboxRow[] }, reviewerId: string): Findings {
  const violations: string[] = [];
  let lost = 0;
  let duplicated = 0;
  const applied = new Map(service.applied.map((a) => [a.id, a]));
  const localById = new Map(local.outbox.map((o) => [o.id, o]));

  // Each history entry a reviewer mutation wrote has exactly one applied mutation behind it.
  const byVersion = new Map(service.applied.map((a) => [`${a.claim_id}#${a.result_version}`, a]));
  for (const [claimId, history] of service.history) {
    for (const e of history) {
      if (e.actor.id !== reviewerId || e.kind === 'review-started') continue;
      if (!byVersion.has(`${claimId}#${e.seq}`)) {
        duplicated++;
        violations.push(`duplicated: ${claimId} history #${e.seq} (${e.kind}) by the reviewer has no mutation of its own`);
      }
    }
  }
  for (const a of service.applied) {
    const e = service.history.get(a.claim_id)?.find((h) => h.seq === a.result_version);
    if (!e || e.actor.id !== a.reviewer_id)
      violations.push(`mutation ${a.id} says it wrote ${a.claim_id} #${a.result_version}, which is not the reviewer's entry`);
  }

  for (const [id, action] of log.recorded) {
    const row = applied.get(id);
    if (log.maybeUndone.has(id)) continue;
    if (log.undone.has(id) || log.discarded.has(id)) {
      if (row) violations.push(`${log.undone.has(id) ? 'undone' : 'discarded'} action ${id} (${action.kind} on ${action.claimId}) reached the service anyway`);
      continue;
    }
    if (row) {
      const entry = service.history.get(action.claimId)?.find((h) => h.seq === row.result_version);
      if (!entry || !isDeepStrictEqual(stripEntry(entry), { ...event(action.kind, action.payload) })) {
        violations.push(`action ${id} (${action.kind}) was applied as ${JSON.stringify(entry && stripEntry(entry))}, not as recorded`);
      }
      continue;
    }
    const held = localById.get(id);
    if (held && (held.state === 'conflict' || held.state === 'invalid')) continue;
    lost++;
    violations.push(
      `lost: action ${id} (${action.kind} on ${action.claimId}) ${held ? `is still ${held.state} after the run healed` : 'is neither on the service nor in the outbox'}`,
    );
  }

  // Applied mutations nobody saw recorded must be the crash-interrupted requests, each at most once.
  const unclaimed = [...log.uncertain];
  for (const a of service.applied) {
    if (log.recorded.has(a.id)) continue;
    const entry = service.history.get(a.claim_id)?.find((h) => h.seq === a.result_version);
    const i = unclaimed.findIndex(
      (u) => u.claimId === a.claim_id && u.kind === a.kind && entry && isDeepStrictEqual(stripEntry(entry), { ...event(u.kind, u.payload) }),
    );
    if (i >= 0) unclaimed.splice(i, 1);
    else {
      duplicated++;
      violations.push(`phantom: mutation ${a.id} (${a.kind} on ${a.claim_id}) reached the service but no action of the run explains it`);
    }
  }
  return { violations, checked: log.recorded.size + log.uncertain.length, lost, duplicated };
}

const COMPARED: readonly (keyof Claim)[] = [
  'id',
  'version',
  'status',
  'submittedAt',
  'products',
  'documents',
  'checklist',
  'comments',
  'history',
  'deadlines',
  'rejection',
  'dispute',
];

/** The service's stored index and its answers are what a replay of the history gives. */
export function checkReplay(service: ServiceSnapshot, answers: Map<string, Claim>): string[] {
  const violations: string[] = [];
  for (const [id, history] of service.history) {
    history.forEach((e, i) => {
      if (e.seq !== i + 1) violations.push(`${id}: history seq ${e.seq} at position ${i + 1}`);
    });
    const index = service.index.get(id);
    const facts = service.facts.get(id);
    if (!index || !facts) {
      violations.push(`${id}: no claim row`);
      continue;
    }
    const life = replay(history);
    if (index.status !== life.status) violations.push(`${id}: stored status ${index.status}, replay says ${life.status}`);
    if (index.version !== (history.at(-1)?.seq ?? 0)) violations.push(`${id}: stored version ${index.version}, history ends at ${history.at(-1)?.seq}`);
    const answer = answers.get(id);
    if (!answer) continue;
    const expected = materialize(facts, history, {
      now: new Date().toISOString(),
      calendar: service.calendar,
      lease: answer.lease,
      competing: answer.competing,
    });
    for (const field of COMPARED) {
      if (!isDeepStrictEqual(answer[field], expected[field]))
        violations.push(
          `${id}: the service answers ${field} ${JSON.stringify(answer[field]).slice(0, 200)}, its history replays to ${JSON.stringify(expected[field]).slice(0, 200)}`,
        );
    }
  }
  return violations;
}

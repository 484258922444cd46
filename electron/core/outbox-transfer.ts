// Carrying a reviewer's unsynced work to another workstation: outbox.export writes every entry of the
// signed-in reviewer (pending, conflict, invalid) with the service's copy of its claims as one JSON
// file; outbox.import takes such a file on the replacement machine. Entries keep their ids, so the
// service applies each action at most once whichever machine pushes it; an id already here is skipped.
import type { z } from 'zod';
import { OutboxFile, validationProblem, type MethodOutput, type WorkstationApi } from '../../shared/contracts';
import type { WorkstationCore } from './core';
import { badInput, conflict, fail, notSignedIn } from './problems';
import { toEntry, type OutboxRow } from './store/queries';

type Parsed<M extends keyof WorkstationApi> = z.output<WorkstationApi[M]['input']>;
const FORMAT = 'poe-workstation-outbox';

export function exportOutbox(core: WorkstationCore): MethodOutput<'outbox.export'> {
  const { ctx } = core;
  const session = ctx.session ?? fail(notSignedIn());
  const rows = ctx.store.outboxOfUser(session.user.id);
  const claimIds = [...new Set(rows.map((r) => r.claimId))];
  const exportedAt = ctx.now();
  const file: OutboxFile = {
    format: FORMAT,
    version: 1,
    exportedAt,
    serviceUrl: session.serviceUrl,
    user: session.user,
    entries: rows.map((r) => ({ ...toEntry(r), server: r.server })),
    claims: claimIds.map((id) => ctx.store.serverClaim(id)).filter((c) => c !== null),
  };
  // reliability (issue 13): what leaves for another machine is never pushed from here again.
  ctx.store.transaction(() =>
    ctx.store.markExported(
      rows.filter((r) => r.state === 'pending').map((r) => r.id),
      exportedAt,
    ),
  );
  const stamp = exportedAt.replace(/[:.]/g, '-');
  return { fileName: `outbox-${session.username.replace(/[^\w-]+/g, '_')}-${stamp}.json`, json: JSON.stringify(file, null, 2), entries: rows.length };
}

export function importOutbox(core: WorkstationCore, json: string): MethodOutput<'outbox.import'> {
  const { ctx } = core;
  const session = ctx.session ?? fail(notSignedIn());
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch (error) {
    return fail(badInput('json', `not a JSON document (${(error as Error).message})`));
  }
  const parsed = OutboxFile.safeParse(raw);
  if (!parsed.success) fail(validationProblem(parsed.error, 'json'));
  const file = parsed.data!;
  if (file.user.id !== session.user.id) {
    fail(
      conflict(
        `This file holds the unsynced actions of ${file.user.name} (${file.user.id}). Sign in as them to import it: actions are never pushed under another reviewer's name.`,
      ),
    );
  }
  const { store } = ctx;
  const discarded = new Set(store.discardedLog().map((d) => d.entry.id));
  const claims = new Map(file.claims.map((c) => [c.id, c]));
  let imported = 0;
  let skipped = 0;
  const touched = new Set<string>();
  store.transaction(() => {
    for (const e of file.entries) {
      if (store.outboxEntry(e.id) || discarded.has(e.id)) {
        skipped++;
        continue;
      }
      const claim = claims.get(e.claimId);
      if (claim) ctx.acceptServerClaim(claim, false);
      const row: Omit<OutboxRow, 'seq' | 'server'> = {
        id: e.id,
        userId: session.user.id,
        claimId: e.claimId,
        baseVersion: e.baseVersion,
        kind: e.kind as OutboxRow['kind'],
        payload: e.payload,
        createdAt: e.createdAt,
        state: e.state,
        problem: e.problem,
        attempts: e.attempts,
      };
      store.insertOutbox(row);
      if (e.state !== 'pending' || e.server) store.markOutbox(e.id, e.state, e.problem, e.server);
      touched.add(e.claimId);
      imported++;
    }
    for (const id of touched) ctx.reindex(id);
  });
  if (touched.size > 0) {
    core.events.emit({ type: 'queue.changed', claimIds: [...touched] });
    core.events.emit({ type: 'conflicts.changed', count: store.outboxCounts().conflicts });
    core.sync.kick();
  }
  return { imported, skipped };
}

export const outboxHandlers = (core: WorkstationCore) => ({
  'outbox.export': (_: Parsed<'outbox.export'>) => exportOutbox(core),
  'outbox.import': (i: Parsed<'outbox.import'>) => importOutbox(core, i.json),
});

// The one handler table of the workstation API: for each method of shared/contracts/workstation-api,
// parse the input with its schema (a bad field → 400 naming it), then call the core. Electron IPC and
// the browser host both register exactly this table.
import type { z } from 'zod';
import { workstationApi, type MethodOutput, type WorkstationApi, type WorkstationMethod } from '../../shared/contracts';
import { auditHandlers } from './audit/audit-handlers';
import type { WorkstationCore } from './core';
import { diagnosticsHandlers } from './diagnostics';
import { outboxHandlers } from './outbox-transfer';
import { fail, inputProblem } from './problems';
import { systemReaderHandlers } from './system-reader';

export type Handler<M extends WorkstationMethod> = (input: unknown) => Promise<MethodOutput<M>>;
export type HandlerTable = { [M in WorkstationMethod]: Handler<M> };

type Parsed<M extends WorkstationMethod> = z.output<WorkstationApi[M]['input']>;
type Impl = { [M in WorkstationMethod]: (input: Parsed<M>) => MethodOutput<M> | Promise<MethodOutput<M>> };

export function createHandlers(core: WorkstationCore): HandlerTable {
  const impl: Impl = {
    'session.login': (i) => core.login(i),
    'session.logout': () => core.logout(),
    'session.current': () => core.current(),
    'queue.pull': (i) => core.pull(i.size, i.offline ?? false),
    'queue.list': (i) => core.list(i),
    'queue.release': () => core.release(),
    'claim.get': (i) => {
      const view = core.claim(i.id);
      return { ...view, assist: core.assist.forOpened(view.claim) };
    },
    'claim.lease': (i) => core.leaseAgain(i.id),
    'document.get': (i) => core.document(i.sha256),
    'review.checklist': (i) => core.checklist(i),
    'review.comment': (i) => core.comment(i),
    'review.decide': (i) => core.decide(i),
    'review.undo': (i) => core.undo(i.entryId),
    'sync.run': () => core.syncNow(),
    'sync.status': () => core.status(),
    'conflicts.list': () => core.conflicts(),
    'conflicts.resolve': (i) => core.resolve(i.entryId, i.choice),
    'settings.get': () => core.settings(),
    'settings.set': (i) => core.setSettings(i),
    'assist.get': (i) => (core.claim(i.claimId), core.assist.get(i.claimId)),
    'assist.run': (i) => (core.claim(i.claimId), core.assist.run(i.claimId)),
    ...auditHandlers(core.audit),
    ...outboxHandlers(core),
    ...systemReaderHandlers(core),
    ...diagnosticsHandlers(core, core.hostInfo),
  };
  const table = {} as Record<WorkstationMethod, (input: unknown) => Promise<unknown>>;
  for (const method of Object.keys(workstationApi) as WorkstationMethod[]) {
    const schema = workstationApi[method].input as z.ZodType;
    const run = impl[method] as (input: unknown) => unknown;
    table[method] = async (input: unknown) => {
      const parsed = schema.safeParse(input === undefined ? {} : input);
      if (!parsed.success) fail(inputProblem(parsed.error));
      return run(parsed.data);
    };
  }
  return table as HandlerTable;
}

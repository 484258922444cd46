// The audit methods of the workstation API's handler table (shared/contracts/workstation-api), on
// already-validated inputs. Registered by handlers.ts with the rest; no transport adds anything.
import type { z } from 'zod';
import type { MethodOutput, WorkstationApi, WorkstationMethod } from '../../../shared/contracts';
import type { AuditMode } from './audit-mode';

export type AuditMethod = Extract<WorkstationMethod, `audit.${string}`>;
type Parsed<M extends WorkstationMethod> = z.output<WorkstationApi[M]['input']>;
export type AuditImpl = { [M in AuditMethod]: (input: Parsed<M>) => MethodOutput<M> | Promise<MethodOutput<M>> };

export function auditHandlers(audit: AuditMode): AuditImpl {
  return {
    'audit.pull': (i) => audit.pull(i),
    'audit.list': (i) => audit.list(i.blind),
    'audit.get': (i) => audit.get(i.claimId, i.blind),
    'audit.draft': (i) => audit.draft(i.claimId, i.findings, i.products),
    'audit.submit': (i) => audit.submit(i.claimId),
    'audit.correct': (i) => audit.correct(i.claimId),
    'audit.discard': (i) => audit.discard(i.claimId),
    'audit.stats': (i) => audit.stats(i),
    'audit.export': ({ kind, ...q }) => audit.export(kind, q),
    'audit.mine': () => audit.mine(),
    'audit.reviewers': () => audit.reviewers(),
    'audit.setReviewer': (i) => audit.setReviewer(i),
  };
}

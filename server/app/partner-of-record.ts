// One partner of record per customer workload: a decision that approves (an approval, or a dispute
// overturned) while another claim on the same workload is approved needs the reviewer's explicit
// choice to supersede it, and superseding records a rejection (reason "superseded") in the other
// claim's history. The rule is shared/domain's (decisionChoiceProblem).
import type { Mutation, Problem } from '../../shared/contracts';
import { decisionApproves, decisionChoiceProblem, supersededMessage, type Actor, type RecordDecision } from '../../shared/domain';
import { problem } from '../http/problems';
import type { Tx } from '../store/repository';
import { appendEvent, competingClaims, loadClaim, requireAction, type LoadedClaim } from './claims';
import type { AppContext } from './context';

/** The mutation as the partner-of-record rule reads it, or null for mutations that are no decision about the record. */
function recordDecision(m: Mutation): RecordDecision | null {
  if (m.kind === 'approve') return { kind: m.kind, supersedes: m.payload.supersedes };
  if (m.kind === 'resolve-dispute') return { kind: m.kind, outcome: m.payload.outcome, supersedes: m.payload.supersedes };
  return null;
}

/** Why this decision cannot apply as chosen (an approved rival not superseded, or a stray choice), or null. */
export async function approvalChoice(tx: Tx, c: LoadedClaim, m: Mutation, at: string): Promise<Problem | null> {
  const d = recordDecision(m);
  if (d === null) return null;
  // Two decisions that approve on one workload must not both find it free: hold the tenant until commit (PostgreSQL).
  if (decisionApproves(d)) await tx.lockTenant(c.record.facts.customer.tenantId);
  const why = decisionChoiceProblem(d, await competingClaims(tx, c));
  return why === null ? null : problem.transition(`${at}.payload.supersedes: ${why}`, `${at}.payload.supersedes`).problem;
}

/** Records the supersession in each superseded claim's history (the decision's own entry names them); returns their ids. */
export async function supersedeChosen(
  tx: Tx,
  app: Pick<AppContext, 'calendar'>,
  approved: LoadedClaim,
  m: Mutation,
  actor: Actor,
  now: string,
): Promise<readonly string[]> {
  const d = recordDecision(m);
  if (d === null || !decisionApproves(d)) return [];
  const superseded = d.supersedes ?? [];
  for (const id of superseded) {
    const other = (await loadClaim(tx, id))!;
    requireAction('supersede', actor, other, now, app.calendar);
    const by = approved.record.facts.id;
    await appendEvent(tx, app, other, { kind: 'rejected', reason: 'superseded', message: supersededMessage(by), supersededBy: by }, actor, now);
  }
  return superseded;
}

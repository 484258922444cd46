// One partner of record per customer workload: an approval while another claim on the same workload
// is approved needs the reviewer's explicit choice to supersede it, and superseding records a
// rejection (reason "superseded") in the other claim's history. The rule is shared/domain's.
import type { Mutation, Problem } from '../../shared/contracts';
import { approvalChoiceProblem, supersededMessage, type Actor } from '../../shared/domain';
import { problem } from '../http/problems';
import type { Tx } from '../store/repository';
import { appendEvent, competingClaims, loadClaim, requireAction, type LoadedClaim } from './claims';
import type { AppContext } from './context';

const supersedesOf = (m: Mutation): string[] => (m.kind === 'approve' ? (m.payload.supersedes ?? []) : []);

/** Why this approval cannot apply as chosen (an approved rival not superseded, or a stray choice), or null. */
export async function approvalChoice(tx: Tx, c: LoadedClaim, m: Mutation, at: string): Promise<Problem | null> {
  if (m.kind !== 'approve') return null;
  const why = approvalChoiceProblem(await competingClaims(tx, c), supersedesOf(m));
  return why === null ? null : problem.transition(`${at}.payload.supersedes: ${why}`, `${at}.payload.supersedes`).problem;
}

/** Records the supersession in each superseded claim's history (the approval's own entry names them). */
export async function supersedeChosen(tx: Tx, app: Pick<AppContext, 'calendar'>, approved: LoadedClaim, m: Mutation, actor: Actor, now: string): Promise<void> {
  for (const id of supersedesOf(m)) {
    const other = (await loadClaim(tx, id))!;
    requireAction('supersede', actor, other, now, app.calendar);
    const by = approved.record.facts.id;
    await appendEvent(tx, app, other, { kind: 'rejected', reason: 'superseded', message: supersededMessage(by), supersededBy: by }, actor, now);
  }
}

// Audit mode, pull: draws a sample on the service and keeps it on the workstation with the decisions
// still open, their claims and the PoE documents the reviewer had, so audits work offline.
import type { MethodOutput, SampleItemWithClaim, SampleSpec } from '../../../shared/contracts';
import { asProblem, changed, qaLead, type AuditContext } from './audit-context';

export async function pullSample(a: AuditContext, spec: SampleSpec): Promise<MethodOutput<'audit.pull'>> {
  const { ctx, sync } = a;
  const user = qaLead(a);
  const drawn = await sync.call('auditDraw', { body: spec }).catch(asProblem);
  // Decisions drawn earlier (on this or another workstation) and still open come along.
  const open = await sync.call('auditItems', { query: { state: 'open', mine: 'true', limit: 500 } }).catch(asProblem);
  const all = new Map<string, SampleItemWithClaim>();
  for (const i of [...open.items, ...drawn.items]) all.set(i.claimId, i);
  const now = ctx.now();
  ctx.store.transaction(() => {
    for (const { claim, ...item } of all.values()) a.store.putItem(user.id, item, claim, now);
  });
  const documents = [...all.values()].flatMap((i) => i.claim.documents.filter((d) => d.uploadedAt <= i.decision.at));
  const needed = new Map(documents.map((d) => [d.sha256, d]));
  for (const d of needed.values()) {
    if (ctx.docs.has(d.sha256)) continue;
    const bytes = await sync.call('documentGet', { params: { sha256: d.sha256 } }).catch(asProblem);
    await ctx.docs.put(d.sha256, bytes, { mediaType: d.mediaType, fileName: d.fileName });
  }
  changed(a, [...all.keys()]);
  return { sampleId: drawn.sample.id ?? '', drawn: drawn.items.length, items: all.size, documents: needed.size, population: drawn.sample.population };
}

/** Downloads a sampled claim's document again (a read found it missing or corrupt). */
export async function fetchSampledDocument(a: AuditContext, sha256: string): Promise<void> {
  const ref = a.store.documentRef(sha256);
  if (!ref) return;
  const bytes = await a.sync.call('documentGet', { params: { sha256 } });
  await a.ctx.docs.put(sha256, bytes, ref);
}

// What partners and customers do to claims: create a draft, edit, upload PoE, submit, answer a
// request, withdraw, dispute, comment; a customer declines during the consent period. Each action
// is checked with the shared transition table and recorded as a history event.
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { Claim, ClaimFacts, Product, serviceApi } from '../../shared/contracts';
import { diffEdit, disputeEvidenceProblem, documentsSinceRejection, withRemovedKept, type ClaimAction, type HistoryEvent } from '../../shared/domain';
import { problem } from '../http/problems';
import { appendEvent, claimIndex, loadClaim, readableClaim, refreshIndex, requireAction, viewClaim, type LoadedClaim } from './claims';
import type { ReadTx } from '../store/repository';
import { checkDocumentAllowed } from './claim-limits';
import { actorOf, type AppContext, type Caller } from './context';
import { checkUpload, sha256Hex } from './documents';

type Body<N extends keyof typeof serviceApi> = (typeof serviceApi)[N] extends { body: infer B } ? (B extends z.ZodType ? z.output<B> : never) : never;
type ProductInput = Body<'claimCreate'>['products'][number];

export const newClaimId = (): string => `CLM-${randomUUID().slice(0, 8).toUpperCase()}`;

/** Gives products ids: ones already on the claim (same family, name, workload) keep theirs. */
export function assignProductIds(claimId: string, input: readonly ProductInput[], existing: readonly Product[] = []): Product[] {
  let n = existing.reduce((max, p) => Math.max(max, Number(p.id.split('-p').pop()) || 0), 0);
  const key = (p: Pick<Product, 'family' | 'name' | 'workload'>) => `${p.family}|${p.name.toLowerCase()}|${p.workload.toLowerCase()}`;
  const byKey = new Map(existing.map((p) => [key(p), p]));
  return input.map((p) => {
    const old = byKey.get(key(p));
    return old
      ? { ...old, name: p.name, workload: p.workload }
      : { id: `${claimId}-p${++n}`, name: p.name, family: p.family, workload: p.workload, removed: false };
  });
}

function requirePartnerOf(caller: Caller, c: LoadedClaim): void {
  if (caller.role !== 'partner' || c.record.companyId !== caller.companyId)
    throw problem.notFound(`claim ${c.record.facts.id} does not exist or is not visible to you`, 'id');
}

/**
 * The claim an action is taken on, once the caller may take it: readable, the partner's own (a customer
 * acts on the claims it can read, `customerToo`), and allowed by the transition table now.
 */
async function actingOn(tx: ReadTx, app: AppContext, caller: Caller, id: string, action: ClaimAction, now: string, customerToo = false) {
  const c = await readableClaim(tx, caller, id, now);
  if (!customerToo || caller.role === 'partner') requirePartnerOf(caller, c);
  const actor = actorOf(caller);
  requireAction(action, actor, c, now, app.calendar);
  return { c, actor };
}

export async function createClaim(app: AppContext, caller: Caller, body: Body<'claimCreate'>): Promise<Claim> {
  const now = app.clock.iso();
  return app.store.transaction(async (tx) => {
    const company = caller.companyId ? await tx.getCompany(caller.companyId) : null;
    if (!company) throw problem.forbidden('your user belongs to no partner company');
    const id = newClaimId();
    const facts: ClaimFacts = {
      id,
      createdAt: now,
      partner: { mpnId: company.mpnId, name: company.name },
      customer: body.customer,
      subscriptionId: body.subscriptionId,
      activity: body.activity,
      products: assignProductIds(id, body.products),
      customerContact: body.customerContact,
      partnerContact: body.partnerContact,
      documents: [],
    };
    await tx.insertClaim({ facts, companyId: company.id, index: claimIndex(facts, [], now, app.calendar) });
    const c = await appendEvent(tx, app, { record: (await tx.getClaim(id))!, history: [] }, { kind: 'created' }, actorOf(caller), now);
    return viewClaim(tx, app, caller, c, now);
  });
}

/** Runs a partner or customer action on a claim the caller can see: check, record, answer the claim. */
async function act(app: AppContext, caller: Caller, id: string, action: ClaimAction, event: HistoryEvent): Promise<Claim> {
  const now = app.clock.iso();
  return app.store.transaction(async (tx) => {
    const { c, actor } = await actingOn(tx, app, caller, id, action, now, true);
    return viewClaim(tx, app, caller, await appendEvent(tx, app, c, event, actor, now), now);
  });
}

export async function editClaim(app: AppContext, caller: Caller, id: string, body: Body<'claimEdit'>): Promise<Claim> {
  const now = app.clock.iso();
  return app.store.transaction(async (tx) => {
    const { c, actor } = await actingOn(tx, app, caller, id, 'edit', now);
    const before = c.record.facts;
    const facts = { ...before };
    const fields: string[] = [];
    if (body.mpnId !== undefined) {
      facts.partner = { ...facts.partner, mpnId: body.mpnId };
      fields.push('mpnId');
    }
    if (body.products !== undefined) {
      facts.products = withRemovedKept(
        before.products,
        assignProductIds(id, body.products, before.products).map((p) => ({ ...p, removed: false })),
      );
      fields.push('products');
    }
    if (body.customerContact !== undefined) {
      facts.customerContact = body.customerContact;
      fields.push('customerContact');
    }
    if (body.partnerContact !== undefined) {
      facts.partnerContact = body.partnerContact;
      fields.push('partnerContact');
    }
    const changes = diffEdit({ ...before, mpnId: before.partner.mpnId }, { ...facts, mpnId: facts.partner.mpnId });
    await tx.updateClaimFacts(id, facts);
    const next = await appendEvent(tx, app, (await loadClaim(tx, id))!, { kind: 'edited', fields, changes }, actor, now);
    return viewClaim(tx, app, caller, next, now);
  });
}

export async function uploadDocument(app: AppContext, caller: Caller, id: string, fileName: string, bytes: Uint8Array): Promise<Claim> {
  const mediaType = checkUpload(bytes, app.maxUploadBytes);
  const sha256 = sha256Hex(bytes);
  const now = app.clock.iso();
  return app.store.transaction(async (tx) => {
    const { c, actor } = await actingOn(tx, app, caller, id, 'add-document', now);
    if (c.record.facts.documents.some((d) => d.sha256 === sha256))
      throw problem.conflict(`body: this document (${sha256}) is already attached to claim ${id}`, 'body');
    checkDocumentAllowed(app.claimLimits, c, bytes.byteLength);
    await tx.putDocument(sha256, mediaType, bytes, now);
    await tx.attachDocument({ claimId: id, sha256, fileName, mediaType, size: bytes.byteLength, uploadedAt: now });
    const withDoc = await refreshIndex(tx, app, id, now);
    return viewClaim(tx, app, caller, await appendEvent(tx, app, withDoc, { kind: 'document-added', sha256, fileName }, actor, now), now);
  });
}

export const submitClaim = (app: AppContext, caller: Caller, id: string) => act(app, caller, id, 'submit', { kind: 'submitted' });
export const resubmitClaim = (app: AppContext, caller: Caller, id: string, message: string | null) =>
  act(app, caller, id, 'resubmit', { kind: 'resubmitted', message: message || null });
export const withdrawClaim = (app: AppContext, caller: Caller, id: string, message: string | null) =>
  act(app, caller, id, 'withdraw', { kind: 'rejected', reason: 'partner-request', message: message || null });
/** A dispute carries a business justification and/or the updated PoE uploaded since the rejection. */
export async function disputeClaim(app: AppContext, caller: Caller, id: string, justification: string): Promise<Claim> {
  const now = app.clock.iso();
  return app.store.transaction(async (tx) => {
    const { c, actor } = await actingOn(tx, app, caller, id, 'dispute', now);
    const missing = disputeEvidenceProblem(c.history, justification);
    if (missing) throw problem.validation(`body.justification: ${missing}`, 'body.justification');
    const event: HistoryEvent = { kind: 'dispute-filed', justification, documents: documentsSinceRejection(c.history) };
    return viewClaim(tx, app, caller, await appendEvent(tx, app, c, event, actor, now), now);
  });
}

/** A partner deletes a draft it no longer wants (nothing was submitted, so nothing else refers to it). */
export async function deleteDraft(app: AppContext, caller: Caller, id: string): Promise<void> {
  const now = app.clock.iso();
  await app.store.transaction(async (tx) => {
    await actingOn(tx, app, caller, id, 'delete', now);
    await tx.cpor.deleteDraft(id);
  });
}
export const partnerComment = (app: AppContext, caller: Caller, id: string, text: string) => act(app, caller, id, 'comment', { kind: 'comment', text });
export const customerDecline = (app: AppContext, caller: Caller, id: string, message: string | null) =>
  act(app, caller, id, 'customer-decline', { kind: 'customer-declined', message: message || null });

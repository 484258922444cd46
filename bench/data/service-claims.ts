// Claims for the review service's side of the bench: freshly submitted claims (created, PoE uploaded,
// submitted, as partners do) with facts cloned from the demo generator's claims and PoE PDFs made
// for them, large (about 100 KB, with a scan) or small (one text page). Deterministic for a seed.
import { createHash } from 'node:crypto';
import type { DocumentRef } from '../../shared/contracts';
import type { Actor, HistoryEntry } from '../../shared/domain';
import { cloneClaim, cloneCustomer, type Clone } from './clone';
import type { DemoBase } from './demo-base';
import { poePdf, scanPool } from './poe-pdf';

export interface SeedDocument {
  ref: DocumentRef;
  bytes: Uint8Array;
}
export interface SeedClaim extends Clone {
  documents: SeedDocument[];
}

export interface SubmittedClaimsOptions {
  /** Claim ids are `${prefix}-000001`…; tenants start at `firstTenant` (keep sets apart). */
  prefix: string;
  count: number;
  docsPerClaim: number;
  /** large: about 100 KB with a scanned acknowledgement; small: one text page (a few KB). */
  docSize: 'large' | 'small';
  firstTenant: number;
}

const iso = (ms: number) => new Date(ms).toISOString();
const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/**
 * `count` submitted claims, the first the most urgent (submitted earliest), each with its own PoE
 * documents. Their history is what the partner API records: created, document-added…, submitted.
 */
export async function submittedClaims(base: DemoBase, o: SubmittedClaimsOptions): Promise<SeedClaim[]> {
  const scans = o.docSize === 'large' ? await scanPool(base.seed) : [];
  const nowMs = Date.parse(base.now);
  const out: SeedClaim[] = [];
  for (let i = 0; i < o.count; i++) {
    const template = base.reviewable[i % base.reviewable.length]!;
    const id = `${o.prefix}-${String(i + 1).padStart(6, '0')}`;
    const clone = cloneClaim(template, id, cloneCustomer(base.seed, o.firstTenant + i));
    const company = base.companyOf(clone.facts.partner.mpnId);
    const partner: Actor = { id: `u-${company.username}`, name: `${company.contact} (${company.name})`, role: 'partner' };
    const created = nowMs - 3 * 86_400_000 - (o.count - i) * 60_000;
    const documents: SeedDocument[] = [];
    for (let d = 0; d < o.docsPerClaim; d++) {
      const bytes = await poePdf(clone.facts, `${id}/${d + 1}`, o.docSize === 'large' ? scans[(i + d) % scans.length]! : null);
      documents.push({
        bytes,
        ref: {
          sha256: sha256(bytes),
          fileName: `PoE_${id}_${d + 1}.pdf`,
          mediaType: 'application/pdf',
          size: bytes.byteLength,
          uploadedAt: iso(created + (d + 1) * 60_000),
        },
      });
    }
    const history: HistoryEntry[] = [{ seq: 1, at: iso(created), actor: partner, kind: 'created' }];
    for (const d of documents)
      history.push({ seq: history.length + 1, at: d.ref.uploadedAt, actor: partner, kind: 'document-added', sha256: d.ref.sha256, fileName: d.ref.fileName });
    history.push({ seq: history.length + 1, at: iso(created + (o.docsPerClaim + 2) * 60_000), actor: partner, kind: 'submitted' });
    out.push({ ...clone, facts: { ...clone.facts, documents: documents.map((d) => d.ref) }, history, documents });
  }
  return out;
}

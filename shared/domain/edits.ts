// What a partner's edit changed, value by value (before → after), for the history both sides read.
// Products are compared by id: one added, removed or renamed is one change naming that product.
import type { FieldChange } from './history';

interface ContactLike {
  name: string;
  email: string;
  phone: string | null;
}
interface ProductLike {
  id: string;
  name: string;
  workload: string;
  removed: boolean;
}
export interface EditableFacts {
  mpnId: string;
  products: readonly ProductLike[];
  customerContact: ContactLike;
  partnerContact: ContactLike;
}

export const contactText = (c: ContactLike): string => `${c.name} <${c.email}>${c.phone ? ` ${c.phone}` : ''}`;
const productText = (p: ProductLike): string => `${p.name} (${p.workload})`;

/** The changes from `before` to `after`, in field order; an unchanged field gives none. */
export function diffEdit(before: EditableFacts, after: EditableFacts): FieldChange[] {
  const out: FieldChange[] = [];
  if (before.mpnId !== after.mpnId) out.push({ field: 'mpnId', productId: null, before: before.mpnId, after: after.mpnId });
  const old = new Map(before.products.filter((p) => !p.removed).map((p) => [p.id, p]));
  const now = new Map(after.products.filter((p) => !p.removed).map((p) => [p.id, p]));
  for (const [id, p] of old) {
    const q = now.get(id);
    if (!q) out.push({ field: 'products', productId: id, before: productText(p), after: null });
    else if (productText(p) !== productText(q)) out.push({ field: 'products', productId: id, before: productText(p), after: productText(q) });
  }
  for (const [id, q] of now) if (!old.has(id)) out.push({ field: 'products', productId: id, before: null, after: productText(q) });
  for (const field of ['customerContact', 'partnerContact'] as const) {
    const b = contactText(before[field]);
    const a = contactText(after[field]);
    if (a !== b) out.push({ field, productId: null, before: b, after: a });
  }
  return out;
}

/**
 * The products after a partner's edit: the new list, then every product it left out kept and marked
 * removed, so a product the partner removed stays visible (and a request that named it still resolves).
 */
export function withRemovedKept<P extends ProductLike>(before: readonly P[], after: readonly P[]): P[] {
  const kept = new Set(after.map((p) => p.id));
  return [...after, ...before.filter((p) => !kept.has(p.id)).map((p) => ({ ...p, removed: true }))];
}

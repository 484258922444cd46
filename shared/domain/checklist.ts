// Where a checklist reason may be ticked: on the whole claim, or on one of its products for the
// reasons that apply per product. Used for checklist ticks, information requests and product removal,
// by the service on a pushed mutation and by the workstation on the reviewer's action alike.
import { PER_PRODUCT_REASONS, type ChecklistReason } from './codes';

export interface ProductRef {
  id: string;
  removed: boolean;
}

/** Why `code` cannot be ticked on `productId` of a claim with these products, or null when it can. */
export function reasonTargetProblem(code: ChecklistReason, productId: string | null, products: readonly ProductRef[]): string | null {
  if (productId === null) return null;
  if (!products.some((p) => p.id === productId)) return `product ${productId} is not on this claim`;
  if (!PER_PRODUCT_REASONS.includes(code)) return `reason ${code} applies to the whole claim, not to one product`;
  return null;
}

/** Why `productId` cannot be removed from a claim with these products, or null when it can. */
export function productRemovalProblem(productId: string, products: readonly ProductRef[]): string | null {
  return products.some((p) => p.id === productId && !p.removed) ? null : `product ${productId} is not an active product of this claim`;
}

/**
 * Why the products a reviewer action names do not fit the claim, with the offending field relative to
 * the action's payload (`productId`, `reasons.2.productId`), or null when they fit. `products` say
 * whether each product is removed now (the claim's history replayed).
 */
export function actionProductProblem(
  kind: string,
  payload: Record<string, unknown>,
  products: readonly ProductRef[],
): { field: string; detail: string } | null {
  const at = (field: string, detail: string | null) => (detail === null ? null : { field, detail });
  switch (kind) {
    case 'checklist':
      return at('productId', reasonTargetProblem(payload.code as ChecklistReason, (payload.productId as string | null | undefined) ?? null, products));
    case 'request-info':
      for (const [i, r] of (payload.reasons as { code: ChecklistReason; productId: string | null }[]).entries()) {
        const bad = at(`reasons.${i}.productId`, reasonTargetProblem(r.code, r.productId ?? null, products));
        if (bad) return bad;
      }
      return null;
    case 'remove-product':
      return at('productId', productRemovalProblem(String(payload.productId), products));
    default:
      return null;
  }
}

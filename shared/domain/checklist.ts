// Where a checklist reason may be ticked: on the whole claim, or on one of its products for the
// reasons that apply per product. Used for checklist ticks, information requests and product removal.
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

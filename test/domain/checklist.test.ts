// Specification of where checklist reasons may be ticked (claim-wide or per product) and which products may be removed.
import { describe, expect, it } from 'vitest';
import { CHECKLIST_REASONS, PER_PRODUCT_REASONS, productRemovalProblem, reasonTargetProblem } from '../../shared/domain';

const products = [
  { id: 'p1', removed: false },
  { id: 'p2', removed: true },
];

describe('reasonTargetProblem', () => {
  it.each(CHECKLIST_REASONS)('allows %s on the whole claim', (code) => {
    expect(reasonTargetProblem(code, null, products)).toBeNull();
  });

  it.each(CHECKLIST_REASONS)('allows %s on a product only when it is a per-product reason', (code) => {
    const problem = reasonTargetProblem(code, 'p1', products);
    if (PER_PRODUCT_REASONS.includes(code)) expect(problem).toBeNull();
    else expect(problem).toBe(`reason ${code} applies to the whole claim, not to one product`);
  });

  it('names a product that is not on the claim', () => {
    expect(reasonTargetProblem('missing-product', 'p9', products)).toBe('product p9 is not on this claim');
  });
});

describe('productRemovalProblem', () => {
  it('allows removing an active product', () => {
    expect(productRemovalProblem('p1', products)).toBeNull();
  });

  it('refuses a product already removed or unknown, naming it', () => {
    expect(productRemovalProblem('p2', products)).toBe('product p2 is not an active product of this claim');
    expect(productRemovalProblem('p9', products)).toBe('product p9 is not an active product of this claim');
  });
});

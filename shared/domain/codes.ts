// The domain's closed vocabularies: statuses, roles, reason codes, product families, activity types.
// Labels for people live in the renderer's translations; these are the codes used in code, API and database.

export const CLAIM_STATUSES = ['draft', 'submitted', 'in-review', 'partner-action-needed', 'approved', 'rejected'] as const;
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];

/** States the seed names only in prose, derived from status + history + clock. */
export const DERIVED_STATES = ['consent-period', 'sent-for-incentive-evaluation', 'disputed', 'dispute-window-closed'] as const;
export type DerivedState = (typeof DERIVED_STATES)[number];

export const ROLES = ['reviewer', 'qa_lead', 'partner', 'customer', 'admin', 'system'] as const;
export type Role = (typeof ROLES)[number];

/** The seed's partner-side roles that may act on claims (適當的角色): recorded on partner users and their history entries. */
export const PARTNER_ROLES = ['billing-admin', 'global-admin', 'incentives-admin'] as const;
export type PartnerRole = (typeof PARTNER_ROLES)[number];

/** Why more information is requested (Partner action needed): the seed's checklist, in its order. */
export const CHECKLIST_REASONS = [
  'missing-all-poe',
  'missing-customer-acknowledgement',
  'date-missing-or-outdated',
  'missing-partner-solution',
  'missing-product',
] as const;
export type ChecklistReason = (typeof CHECKLIST_REASONS)[number];

/** Reasons that may be ticked per product as well as per claim. */
export const PER_PRODUCT_REASONS: readonly ChecklistReason[] = ['missing-product', 'missing-partner-solution'];

export const REJECTION_REASONS = [
  'insufficient-poe',
  'no-partner-response',
  'partner-request',
  'customer-declined',
  'missing-customer-consent',
  'missing-product',
  'poe-unavailable',
  'superseded',
] as const;
export type RejectionReason = (typeof REJECTION_REASONS)[number];

/** Rejection reasons a reviewer may choose; the others are recorded by the partner, the customer or a timer. */
export const REVIEWER_REJECTION_REASONS: readonly RejectionReason[] = ['insufficient-poe', 'missing-customer-consent', 'missing-product', 'poe-unavailable'];

export const PRODUCT_FAMILIES = ['dynamics-365', 'power-platform', 'microsoft-365'] as const;
export type ProductFamily = (typeof PRODUCT_FAMILIES)[number];

/** Association types; 'usage' is the seed's revenue/usage association (收益關聯), the alternative to pre-sales (售前). */
export const ACTIVITY_TYPES = ['pre-sales', 'deployment', 'usage'] as const;
export type ActivityType = (typeof ACTIVITY_TYPES)[number];

export const DISPUTE_OUTCOMES = ['uphold', 'overturn'] as const;
export type DisputeOutcome = (typeof DISPUTE_OUTCOMES)[number];

export const DOCUMENT_MEDIA_TYPES = ['application/pdf', 'image/png', 'image/jpeg'] as const;
export type DocumentMediaType = (typeof DOCUMENT_MEDIA_TYPES)[number];

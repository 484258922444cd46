// The claim as the service returns it: facts, products, PoE documents, checklist, comments, history,
// deadlines, lease and competing claims. One schema for the service, the workstation cache and the UI.
import { z } from 'zod';
import {
  ACTIVITY_TYPES,
  CHECKLIST_REASONS,
  CLAIM_STATUSES,
  DEADLINE_KINDS,
  DERIVED_STATES,
  DOCUMENT_MEDIA_TYPES,
  PRODUCT_FAMILIES,
  REJECTION_REASONS,
} from '../domain';
import { Actor, HistoryEntry, HISTORY_KINDS, Instant } from '../domain/history';

export { Instant };
/** A claim's id as routes and methods take it. */
export const ClaimId = z.string().min(1).max(64);
export const Sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'a lowercase hex SHA-256');

export const Partner = z.object({ mpnId: z.string().regex(/^\d{6,10}$/, 'an MPN ID of 6 to 10 digits'), name: z.string().min(1).max(200) });
export type Partner = z.infer<typeof Partner>;

export const Customer = z.object({ name: z.string().min(1).max(200), tenantId: z.uuid(), domain: z.string().min(3).max(253) });
export type Customer = z.infer<typeof Customer>;

export const Product = z.object({
  id: z.string().min(1).max(64),
  name: z.string().min(1).max(200),
  family: z.enum(PRODUCT_FAMILIES),
  workload: z.string().min(1).max(100),
  removed: z.boolean(),
});
export type Product = z.infer<typeof Product>;

export const Contact = z.object({ name: z.string().min(1).max(200), email: z.email(), phone: z.string().max(40).nullable() });
export type Contact = z.infer<typeof Contact>;

export const DocumentRef = z.object({
  sha256: Sha256,
  fileName: z.string().min(1).max(255),
  mediaType: z.enum(DOCUMENT_MEDIA_TYPES),
  size: z.number().int().nonnegative(),
  uploadedAt: Instant,
});
export type DocumentRef = z.infer<typeof DocumentRef>;

export const ChecklistEntry = z.object({
  code: z.enum(CHECKLIST_REASONS),
  productId: z.string().nullable(),
  checked: z.boolean(),
  note: z.string().nullable(),
  by: Actor,
  at: Instant,
});
export type ChecklistEntry = z.infer<typeof ChecklistEntry>;

/** The thread between partner and reviewer: plain comments and the messages that came with actions. */
export const Comment = z.object({ seq: z.number().int(), kind: z.enum(HISTORY_KINDS), author: Actor, text: z.string(), at: Instant });
export type Comment = z.infer<typeof Comment>;

export const Deadline = z.object({ kind: z.enum(DEADLINE_KINDS), startedAt: Instant, dueAt: Instant, metAt: Instant.nullable() });

export const Lease = z.object({ id: z.string(), reviewerId: z.string(), expiresAt: Instant });
export type Lease = z.infer<typeof Lease>;

export const CompetingClaim = z.object({
  id: z.string(),
  partner: Partner,
  status: z.enum(CLAIM_STATUSES),
  derivedState: z.enum(DERIVED_STATES).nullable(),
  /** Products of that claim that overlap this one's. */
  products: z.array(z.string()),
  /** The latest PoE upload time. */
  latestPoeAt: Instant.nullable(),
  /** The customer acknowledgement's date (YYYY-MM-DD) as the workstation's PoE assist read it; the service has no assist and never sets it. */
  acknowledgedOn: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .nullable()
    .optional(),
});
export type CompetingClaim = z.infer<typeof CompetingClaim>;

export const Claim = z.object({
  id: z.string(),
  version: z.number().int().nonnegative(),
  status: z.enum(CLAIM_STATUSES),
  derivedState: z.enum(DERIVED_STATES).nullable(),
  createdAt: Instant,
  submittedAt: Instant.nullable(),
  partner: Partner,
  customer: Customer,
  subscriptionId: z.string().nullable(),
  activity: z.enum(ACTIVITY_TYPES),
  products: z.array(Product),
  customerContact: Contact,
  partnerContact: Contact,
  documents: z.array(DocumentRef),
  /** The current state of each ticked or cleared reason (latest entry per code and product). */
  checklist: z.array(ChecklistEntry),
  comments: z.array(Comment),
  history: z.array(HistoryEntry),
  deadlines: z.array(Deadline),
  rejection: z.object({ reason: z.enum(REJECTION_REASONS), at: Instant }).nullable(),
  dispute: z
    .object({ filedAt: Instant, justification: z.string(), resolvedAt: Instant.nullable(), outcome: z.enum(['uphold', 'overturn']).nullable() })
    .nullable(),
  lease: Lease.nullable(),
  competing: z.array(CompetingClaim),
});
export type Claim = z.infer<typeof Claim>;

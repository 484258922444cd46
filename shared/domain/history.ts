// A claim's history: every change, comment and action, by whom and when. The schemas here are the
// single definition of each event; status, deadlines and derived states are all folds of this list.
import { z } from 'zod';

/** All instants are UTC ISO-8601 with milliseconds ("2026-11-25T15:00:00.000Z"): deadlines compare them as strings. */
export const Instant = z.iso.datetime({ precision: 3 });
import { CHECKLIST_REASONS, DISPUTE_OUTCOMES, PARTNER_ROLES, REJECTION_REASONS, ROLES } from './codes';

/** partnerRole: the partner user's role (billing, global or incentives admin) when a partner acted. */
export const Actor = z.object({ id: z.string(), name: z.string(), role: z.enum(ROLES), partnerRole: z.enum(PARTNER_ROLES).optional() });
export type Actor = z.infer<typeof Actor>;

export const ReasonRef = z.object({ code: z.enum(CHECKLIST_REASONS), productId: z.string().nullable() });
export type ReasonRef = z.infer<typeof ReasonRef>;

const text = z.string();

/** One value a partner edit changed: the field, the product it concerns (products only), before and after (null: added / removed). */
export const FieldChange = z.object({
  field: z.enum(['mpnId', 'products', 'customerContact', 'partnerContact']),
  productId: z.string().nullable(),
  before: z.string().nullable(),
  after: z.string().nullable(),
});
export type FieldChange = z.infer<typeof FieldChange>;
export const HistoryEvent = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('created') }),
  z.object({ kind: z.literal('edited'), fields: z.array(z.string()), changes: z.array(FieldChange).optional() }),
  z.object({ kind: z.literal('document-added'), sha256: z.string(), fileName: z.string() }),
  z.object({ kind: z.literal('submitted') }),
  z.object({ kind: z.literal('review-started') }),
  z.object({ kind: z.literal('checklist'), code: z.enum(CHECKLIST_REASONS), productId: z.string().nullable(), checked: z.boolean(), note: text.nullable() }),
  z.object({ kind: z.literal('comment'), text }),
  z.object({ kind: z.literal('approved'), message: text.nullable(), supersedes: z.array(z.string()).optional() }),
  z.object({ kind: z.literal('info-requested'), reasons: z.array(ReasonRef), message: text }),
  z.object({ kind: z.literal('resubmitted'), message: text.nullable() }),
  z.object({ kind: z.literal('rejected'), reason: z.enum(REJECTION_REASONS), message: text.nullable(), supersededBy: z.string().optional() }),
  z.object({ kind: z.literal('product-removed'), productId: z.string(), message: text }),
  z.object({ kind: z.literal('customer-declined'), message: text.nullable() }),
  z.object({ kind: z.literal('dispute-filed'), justification: text, documents: z.array(z.string()).optional() }),
  z.object({ kind: z.literal('dispute-resolved'), outcome: z.enum(DISPUTE_OUTCOMES), message: text, supersedes: z.array(z.string()).optional() }),
  z.object({ kind: z.literal('sent-for-incentive-evaluation') }),
  z.object({ kind: z.literal('dispute-window-closed') }),
]);
export type HistoryEvent = z.infer<typeof HistoryEvent>;
export type HistoryKind = HistoryEvent['kind'];
export const HISTORY_KINDS = HistoryEvent.options.map((o) => o.shape.kind.value) as [HistoryKind, ...HistoryKind[]];

/** seq is the claim's own sequence, 1..n without gaps; the claim's version is the seq of its last entry. */
export const HistoryEntry = z.intersection(z.object({ seq: z.number().int().positive(), at: Instant, actor: Actor }), HistoryEvent);
export type HistoryEntry = z.infer<typeof HistoryEntry>;

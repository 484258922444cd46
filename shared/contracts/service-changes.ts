// The service's change feed entries: what kinds of change it reports and the patch each carries.
import { z } from 'zod';
import { type HistoryKind } from '../domain';
import { HistoryEntry } from '../domain/history';
import { Instant } from './claim';

export const CHANGE_KINDS = [
  'created',
  'edited',
  'document-added',
  'submitted',
  'review-started',
  'checklist',
  'comment',
  'approved',
  'info-requested',
  'resubmitted',
  'rejected',
  'product-removed',
  'customer-declined',
  'dispute-filed',
  'dispute-resolved',
  'sent-for-incentive-evaluation',
  'dispute-window-closed',
  'lease-acquired',
  'lease-released',
  'lease-expired',
] as const satisfies readonly (HistoryKind | `lease-${string}`)[];
/**
 * One entry of the change feed, carrying its patch: a history change names the claim's new version and
 * the new history entry (only for a claim the caller may read now); `own` marks what the caller's own
 * mutations and pulls caused. A reader skips entries at or below the version it holds.
 */
export const Change = z.object({
  seq: z.number().int().positive(),
  claimId: z.string(),
  kind: z.enum(CHANGE_KINDS),
  at: Instant,
  /** The claim's version after this change (history changes); null for lease events. */
  version: z.number().int().nonnegative().nullable().default(null),
  /** The new history entries (a patch), when the caller may read the claim. */
  entries: z.array(HistoryEntry).optional(),
  own: z.boolean().default(false),
});
export type Change = z.infer<typeof Change>;
/** Changes of a claim's facts (products, documents, contacts) that its history entries alone do not carry. */
export const FACT_CHANGE_KINDS: readonly ChangeKindName[] = ['created', 'edited', 'document-added'];
type ChangeKindName = (typeof CHANGE_KINDS)[number];

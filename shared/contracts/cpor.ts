// Contracts of the CPOR process around claims: the QA lead's SLA report and the per-user
// notification feed of partners and customers (the service renders each message in en or zh-TW).
import { z } from 'zod';
import { Instant } from '../domain/history';

export const SlaReviewerRow = z.object({
  reviewerId: z.string().nullable(),
  reviewerName: z.string().nullable(),
  met: z.number().int(),
  onTime: z.number().int(),
  onTimeRate: z.number().nullable(),
  overdueNow: z.number().int(),
  autoRejections: z.number().int(),
});
export const SlaReport = z.object({ now: Instant, reviewers: z.array(SlaReviewerRow) });
export type SlaReport = z.infer<typeof SlaReport>;

/** What a notification tells: the seed's messages to partners (requests, rejections, dispute outcomes) and to customers (consent). */
export const NOTIFICATION_KINDS = ['info-requested', 'rejected', 'dispute-resolved', 'consent-requested'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];
export const NOTIFICATION_LANGUAGES = ['en', 'zh-TW'] as const;
export type NotificationLanguage = (typeof NOTIFICATION_LANGUAGES)[number];

export const Notification = z.object({
  id: z.number().int(),
  claimId: z.string(),
  kind: z.enum(NOTIFICATION_KINDS),
  at: Instant,
  read: z.boolean(),
  subject: z.string(),
  text: z.string(),
});
export type Notification = z.infer<typeof Notification>;
export const NotificationFeed = z.object({ notifications: z.array(Notification), unread: z.number().int(), total: z.number().int() });

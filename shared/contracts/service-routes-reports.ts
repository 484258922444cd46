// Service routes of the SLA report and the partner/customer notification feed.
import { z } from 'zod';
import { NOTIFICATION_LANGUAGES, NotificationFeed, SlaReport } from './cpor';
import { auditDesk, CSV, route, type RouteDef } from './service-route-kit';

export const reportRoutes = {
  slaReport: route({
    method: 'GET',
    path: '/api/v1/sla/report',
    summary: 'QA lead: per reviewer, reviewer deadlines met on time, overdue now, automatic rejections for no partner response',
    roles: auditDesk,
    response: SlaReport,
  }),
  slaReportCsv: route({
    method: 'GET',
    path: '/api/v1/sla/report.csv',
    summary: 'The SLA report as CSV (RFC 4180, UTF-8 with byte-order mark)',
    roles: auditDesk,
    response: 'binary',
    produces: CSV,
  }),
  notificationList: route({
    method: 'GET',
    path: '/api/v1/notifications',
    summary: "Partner or customer: the caller's notifications, newest first, in English or Traditional Chinese",
    roles: ['partner', 'customer'],
    query: z.object({
      unread: z.enum(['true', 'false']).default('false'),
      lang: z.enum(NOTIFICATION_LANGUAGES).default('en'),
      limit: z.coerce.number().int().min(1).max(200).default(50),
      offset: z.coerce.number().int().min(0).default(0),
    }),
    response: NotificationFeed,
  }),
  notificationRead: route({
    method: 'POST',
    path: '/api/v1/notifications/read',
    summary: 'Partner or customer: mark notifications read (these ids, or all)',
    roles: ['partner', 'customer'],
    body: z
      .object({ ids: z.array(z.number().int().positive()).min(1).max(500).optional(), all: z.literal(true).optional() })
      .refine((b) => (b.ids === undefined) !== (b.all === undefined), 'name either ids or all: true'),
    response: z.object({ marked: z.number().int(), unread: z.number().int() }),
  }),
} as const satisfies Record<string, RouteDef>;

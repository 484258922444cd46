// Building blocks of the service API table: the route definition, the role groups that may call a
// route, and the small schemas several route groups share (the user, claim id params, lease grants).
import { z } from 'zod';
import { PARTNER_ROLES, PRODUCT_FAMILIES, ROLES, type Role } from '../domain';
import { Lease } from './claim';

export const API_VERSION = 'v1';

export const User = z.object({ id: z.string(), name: z.string(), role: z.enum(ROLES), partnerRole: z.enum(PARTNER_ROLES).optional() });
export type User = z.infer<typeof User>;

export const ProductInput = z.object({
  name: z.string().trim().min(1).max(200),
  family: z.enum(PRODUCT_FAMILIES),
  workload: z.string().trim().min(1).max(100),
});
export const ClaimIdParams = z.object({ id: z.string().min(1).max(64) });
export const optionalMessage = z.object({ message: z.string().trim().max(10_000).nullable().default(null) });
export const Empty = z.object({});
/** A working lease is renewed while online; an offline checkout holds until a stated end. */
export const LEASE_MODES = ['working', 'offline'] as const;
export type LeaseMode = (typeof LEASE_MODES)[number];
export const LeaseGrant = Lease.omit({ reviewerId: true }).extend({ mode: z.enum(LEASE_MODES).optional() });

export interface RouteDef {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  path: string;
  summary: string;
  /** Roles allowed to call; null for a public route. */
  roles: readonly Role[] | null;
  params?: z.ZodObject;
  query?: z.ZodObject;
  /** A schema for JSON bodies, or 'binary' for raw document bytes. */
  body?: z.ZodType | 'binary';
  response: z.ZodType | 'binary';
  /** The media type of a 'binary' response when it is not a PoE document (e.g. text/csv). */
  produces?: string;
  /** The success status, when not 200. */
  status?: number;
}

export const everyone: readonly Role[] = ['reviewer', 'qa_lead', 'partner', 'customer', 'admin'];
/** QA audits: QA leads audit; admins read; reviewers read only the audits of their own decisions. */
export const auditDesk: readonly Role[] = ['qa_lead', 'admin'];
export const auditReaders: readonly Role[] = ['qa_lead', 'admin', 'reviewer'];
export const CSV = 'text/csv; charset=utf-8';
export const route = <R extends RouteDef>(r: R): R => r;

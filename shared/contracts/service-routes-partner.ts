// Service routes partners and customers use to create, edit, submit, dispute or decline claims.
import { z } from 'zod';
import { ACTIVITY_TYPES } from '../domain';
import { Claim, Contact, Customer } from './claim';
import { ClaimIdParams, Empty, optionalMessage, ProductInput, route, type RouteDef } from './service-route-kit';

export const partnerRoutes = {
  claimCreate: route({
    method: 'POST',
    path: '/api/v1/claims',
    summary: 'Partner: create a draft claim',
    roles: ['partner'],
    status: 201,
    body: z.object({
      customer: Customer,
      subscriptionId: z.string().max(64).nullable().default(null),
      activity: z.enum(ACTIVITY_TYPES),
      products: z.array(ProductInput).min(1).max(20),
      customerContact: Contact,
      partnerContact: Contact,
    }),
    response: Claim,
  }),
  claimEdit: route({
    method: 'PATCH',
    path: '/api/v1/claims/:id',
    summary: 'Partner: edit MPN, products or contacts (draft, submitted, partner action needed)',
    roles: ['partner'],
    params: ClaimIdParams,
    body: z
      .object({
        mpnId: z
          .string()
          .regex(/^\d{6,10}$/)
          .optional(),
        products: z.array(ProductInput).min(1).max(20).optional(),
        customerContact: Contact.optional(),
        partnerContact: Contact.optional(),
      })
      .refine((b) => Object.keys(b).length > 0, 'name at least one field to change'),
    response: Claim,
  }),
  documentUpload: route({
    method: 'POST',
    path: '/api/v1/claims/:id/documents',
    summary: 'Partner: upload a PoE (PDF, PNG or JPEG, checked by content)',
    roles: ['partner'],
    status: 201,
    params: ClaimIdParams,
    query: z.object({
      fileName: z
        .string()
        .trim()
        .min(1)
        .max(255)
        .regex(/^[^/\\\0]+$/, 'a file name, not a path')
        .regex(
          // eslint-disable-next-line no-control-regex -- the point is to refuse control characters
          /^[^\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]+$/,
          'no control characters or text-direction marks (they can disguise a name)',
        ),
    }),
    body: 'binary',
    response: Claim,
  }),
  claimSubmit: route({
    method: 'POST',
    path: '/api/v1/claims/:id/submit',
    summary: 'Partner: submit a draft',
    roles: ['partner'],
    params: ClaimIdParams,
    body: Empty,
    response: Claim,
  }),
  claimResubmit: route({
    method: 'POST',
    path: '/api/v1/claims/:id/resubmit',
    summary: 'Partner: answer a request for information',
    roles: ['partner'],
    params: ClaimIdParams,
    body: optionalMessage,
    response: Claim,
  }),
  claimWithdraw: route({
    method: 'POST',
    path: '/api/v1/claims/:id/withdraw',
    summary: 'Partner: ask for rejection (partner request)',
    roles: ['partner'],
    params: ClaimIdParams,
    body: optionalMessage,
    response: Claim,
  }),
  claimDispute: route({
    method: 'POST',
    path: '/api/v1/claims/:id/dispute',
    summary:
      'Partner: dispute a rejection within 30 days with a business justification and/or updated PoE uploaded since the rejection (not a customer-declined one)',
    roles: ['partner'],
    params: ClaimIdParams,
    body: z.object({ justification: z.string().trim().max(10_000).default('') }),
    response: Claim,
  }),
  claimDelete: route({
    method: 'DELETE',
    path: '/api/v1/claims/:id',
    summary: 'Partner: delete a draft',
    roles: ['partner'],
    params: ClaimIdParams,
    response: Empty,
  }),
  claimComment: route({
    method: 'POST',
    path: '/api/v1/claims/:id/comments',
    summary: 'Partner: comment on a claim',
    roles: ['partner'],
    params: ClaimIdParams,
    body: z.object({ text: z.string().trim().min(1).max(10_000) }),
    response: Claim,
  }),
  claimDecline: route({
    method: 'POST',
    path: '/api/v1/claims/:id/decline',
    summary: 'Customer: decline the association during the 7-day consent period',
    roles: ['customer'],
    params: ClaimIdParams,
    body: optionalMessage,
    response: Claim,
  }),
} as const satisfies Record<string, RouteDef>;

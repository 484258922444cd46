// The QA audit contract, statistics: agreement figures (rate, overturned decisions, Cohen's kappa of the
// checklist reasons) overall, per reviewer, per finding and per ISO week, the query they are asked by,
// and the CSV export the workstation saves.
import { z } from 'zod';
import { CHECKLIST_REASONS, FINDING_TARGETS } from '../domain';
import { Actor, Instant } from '../domain/history';
import { Rate } from './audit-sampling';

export const AgreementTable = z.object({ both: z.number().int(), reviewerOnly: z.number().int(), qaOnly: z.number().int(), neither: z.number().int() });
export type AgreementTable = z.infer<typeof AgreementTable>;

/** Figures over a set of current audits (corrections replace what they correct). */
export const AgreementFigures = z.object({
  audited: z.number().int(),
  findings: z.number().int(),
  agreed: z.number().int(),
  /** agreed / findings, over every finding (decision and reasons); null without findings. */
  agreementRate: Rate.nullable(),
  /** Share of audited decisions the QA lead agreed with. */
  decisionAgreementRate: Rate.nullable(),
  /** Cohen's kappa of the checklist reasons: the reviewer's tick against the QA lead's answer, pooled. Null when undefined. */
  kappa: z.number().nullable(),
  /** Audited decisions the QA lead disagreed with. */
  overturned: z.number().int(),
});
export type AgreementFigures = z.infer<typeof AgreementFigures>;

export const AuditStats = z.object({
  from: Instant.nullable(),
  to: Instant.nullable(),
  reviewerId: z.string().nullable(),
  generatedAt: Instant,
  overall: AgreementFigures,
  byReviewer: z.array(AgreementFigures.extend({ reviewer: Actor })),
  byReason: z.array(
    z.object({
      target: z.enum(FINDING_TARGETS),
      findings: z.number().int(),
      agreed: z.number().int(),
      agreementRate: Rate.nullable(),
      kappa: z.number().nullable(),
      /** Reasons only: reviewer tick × QA lead answer. */
      table: AgreementTable.nullable(),
    }),
  ),
  /** Per claimed product (by name: product ids are per claim), from the audits' product findings; products without any are left out. */
  byProduct: z.array(z.object({ productName: z.string(), findings: z.number().int(), agreed: z.number().int(), agreementRate: Rate.nullable() })),
  /** ISO weeks of the decisions ("2026-W10") in the service's time zone, oldest first. */
  byWeek: z.array(AgreementFigures.extend({ week: z.string() })),
  /**
   * The PoE assist over real decisions in the range (audited or not), per checklist reason: how often the
   * reviewer accepted what it suggested. precision: "applies" suggestions the reviewer ticked; clearAgreement:
   * "clear" suggestions left unticked.
   */
  assist: z.array(
    z.object({
      code: z.enum(CHECKLIST_REASONS),
      suggestions: z.number().int(),
      applies: z.number().int(),
      appliesAccepted: z.number().int(),
      precision: Rate.nullable(),
      clear: z.number().int(),
      clearAccepted: z.number().int(),
      clearAgreement: Rate.nullable(),
      overridden: z.number().int(),
    }),
  ),
});
export type AuditStats = z.infer<typeof AuditStats>;

export const AuditQuery = z.object({
  from: Instant.optional(),
  to: Instant.optional(),
  reviewerId: z.string().min(1).max(64).optional(),
});

export const AuditExport = z.object({
  fileName: z.string(),
  mediaType: z.literal('text/csv'),
  /** The CSV text, starting with a byte-order mark so spreadsheet software reads it as UTF-8. */
  csv: z.string(),
  /** Where the desktop shell saved it (Electron); absent when the page saves it itself (browser host); null when cancelled. */
  savedTo: z.string().nullable().optional(),
});
export type AuditExport = z.infer<typeof AuditExport>;

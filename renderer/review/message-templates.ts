// Messages to the partner built from per-reason templates (translations in en / zh-TW): the text a
// reviewer starts from and edits before sending. Which reasons exist is shared/domain's list.
import type { TFunction } from 'i18next';
import { CHECKLIST_REASONS, PERIODS, type ChecklistReason, type DisputeOutcome, type RejectionReason } from '../../shared/domain';
import type { ChecklistEntry, Product } from '../../shared/contracts';

export interface TickedReason {
  code: ChecklistReason;
  productId: string | null;
  note: string | null;
}

export function tickedReasons(checklist: readonly ChecklistEntry[]): TickedReason[] {
  const order = (e: { code: ChecklistReason; productId: string | null }) => CHECKLIST_REASONS.indexOf(e.code) * 2 + (e.productId ? 1 : 0);
  return checklist
    .filter((e) => e.checked)
    .map((e) => ({ code: e.code, productId: e.productId, note: e.note }))
    .sort((a, b) => order(a) - order(b) || (a.productId ?? '').localeCompare(b.productId ?? ''));
}

const productName = (products: readonly Product[], id: string | null): string | null => (id ? (products.find((p) => p.id === id)?.name ?? id) : null);

/** One line of the message for one ticked reason (claim-wide or about one product). */
export function reasonLine(t: TFunction, reason: TickedReason, products: readonly Product[]): string {
  const product = productName(products, reason.productId);
  const base = product ? t(`templates.reasonForProduct.${reason.code}`, { product }) : t(`templates.reason.${reason.code}`);
  return reason.note ? `${base} ${t('templates.reviewerNote', { note: reason.note })}` : base;
}

export function requestInfoMessage(t: TFunction, reasons: readonly TickedReason[], products: readonly Product[]): string {
  const lines = reasons.map((r) => `• ${reasonLine(t, r, products)}`);
  return [t('templates.requestIntro'), ...lines, t('templates.requestOutro', { days: PERIODS['partner-response'].businessDays })].join('\n');
}

export const rejectMessage = (t: TFunction, reason: RejectionReason): string =>
  `${t(`templates.rejection.${reason}`)}\n${t('templates.rejectOutro', { days: PERIODS['dispute-window'].calendarDays })}`;

export const approveMessage = (t: TFunction): string => t('templates.approve', { days: PERIODS['consent-window'].calendarDays });

export const disputeMessage = (t: TFunction, outcome: DisputeOutcome): string => t(`templates.dispute.${outcome}`);

export const removeProductMessage = (t: TFunction, product: string): string => t('templates.removeProduct', { product });

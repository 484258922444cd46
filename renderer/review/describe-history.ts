// One line of text for a history entry (what happened, with reason and product names), and the
// message that came with it, for the History list and the Conflicts view.
import type { TFunction } from 'i18next';
import type { HistoryEvent } from '../../shared/domain';
import type { Product } from '../../shared/contracts';

const productName = (products: readonly Product[], id: string | null) => (id ? (products.find((p) => p.id === id)?.name ?? id) : null);

export function describeHistory(t: TFunction, e: HistoryEvent, products: readonly Product[]): { summary: string; message: string | null } {
  const what = t(`history.kind.${e.kind}`);
  switch (e.kind) {
    case 'edited':
      return { summary: `${what}: ${e.fields.join(', ')}`, message: null };
    case 'document-added':
      return { summary: `${what}: ${e.fileName}`, message: null };
    case 'checklist': {
      const product = productName(products, e.productId);
      const reason = t(`reason.${e.code}`);
      const summary = t(e.checked ? 'history.ticked' : 'history.cleared', { reason: product ? `${reason} — ${product}` : reason });
      return { summary, message: e.note };
    }
    case 'comment':
      return { summary: what, message: e.text };
    case 'info-requested':
      return {
        summary: `${what}: ${e.reasons
          .map((r) => {
            const p = productName(products, r.productId);
            return p ? `${t(`reason.${r.code}`)} (${p})` : t(`reason.${r.code}`);
          })
          .join(', ')}`,
        message: e.message,
      };
    case 'rejected':
      return { summary: `${what}: ${t(`rejection.${e.reason}`)}`, message: e.message };
    case 'product-removed':
      return { summary: `${what}: ${productName(products, e.productId)}`, message: e.message };
    case 'dispute-resolved':
      return { summary: `${what}: ${t(`dispute.${e.outcome}`)}`, message: e.message };
    case 'dispute-filed':
      return { summary: what, message: e.justification };
    case 'approved':
    case 'resubmitted':
    case 'customer-declined':
      return { summary: what, message: e.message };
    default:
      return { summary: what, message: null };
  }
}

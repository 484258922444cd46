// The messages partners and customers receive (feed and e-mail), in English and Traditional Chinese:
// one template per notification kind, filled from the values stored with the notification.
import type { NotificationKind, NotificationLanguage } from '../../shared/contracts';

export type NotificationParams = Record<string, string>;
type Template = (p: NotificationParams) => { subject: string; text: string };

const REASONS: Record<NotificationLanguage, Record<string, string>> = {
  en: {
    'insufficient-poe': 'the proof of execution (PoE) is insufficient',
    'no-partner-response': 'no response to the request for information within 5 business days',
    'customer-declined': 'the customer declined the association',
    'missing-customer-consent': 'the PoE lacks customer consent',
    'missing-product': 'the PoE does not include the products claimed',
    'poe-unavailable': 'the PoE is unavailable',
    superseded: 'another claim on the same customer workload was approved with more recent PoE',
    'partner-request': 'your request',
  },
  'zh-TW': {
    'insufficient-poe': '執行證明 (PoE) 不足',
    'no-partner-response': '未在五個工作天內回應補件要求',
    'customer-declined': '客戶拒絕此關聯',
    'missing-customer-consent': 'PoE 缺少客戶同意',
    'missing-product': 'PoE 未包含所宣告的產品',
    'poe-unavailable': '無法取得 PoE',
    superseded: '同一客戶工作負載的另一宣告已以較新的 PoE 核准',
    'partner-request': '您的要求',
  },
};

const note = (p: NotificationParams, label: string) => (p.message ? `\n\n${label}: ${p.message}` : '');

const TEMPLATES: Record<NotificationLanguage, Record<NotificationKind, Template>> = {
  en: {
    'info-requested': (p) => ({
      subject: `More information needed for claim ${p.claimId}`,
      text: `The reviewer needs more proof of execution for your association with ${p.customer} (claim ${p.claimId}). Add it and resubmit the claim by ${p.dueAt}; otherwise the claim is rejected.${note(p, 'Reviewer')}`,
    }),
    rejected: (p) => ({
      subject: `Claim ${p.claimId} was rejected`,
      text: `Your association with ${p.customer} (claim ${p.claimId}) was rejected: ${REASONS.en[p.reason] ?? p.reason}.${note(p, 'Reviewer')}\n\n${
        p.disputeUntil
          ? `To dispute, open the claim, select Dispute and give a business justification and/or updated PoE by ${p.disputeUntil}.`
          : "The customer's decision is final for this claim; you may submit a new claim."
      }`,
    }),
    'dispute-resolved': (p) => ({
      subject: `Your dispute of claim ${p.claimId}: ${p.outcome === 'overturn' ? 'the rejection was overturned' : 'the rejection stands'}`,
      text:
        p.outcome === 'overturn'
          ? `The reviewer overturned the rejection of your association with ${p.customer} (claim ${p.claimId}). The claim is approved; the customer has 7 days to decline.${note(p, 'Reviewer')}`
          : `The reviewer upheld the rejection of your association with ${p.customer} (claim ${p.claimId}). You may submit a new claim with updated PoE.${note(p, 'Reviewer')}`,
    }),
    'consent-requested': (p) => ({
      subject: `${p.partner} is now associated with your organization`,
      text: `Microsoft approved ${p.partner}'s claim to be associated with ${p.customer} (claim ${p.claimId}). If you do not agree, decline the association by ${p.consentUntil}.`,
    }),
  },
  'zh-TW': {
    'info-requested': (p) => ({
      subject: `宣告 ${p.claimId} 需要更多資訊`,
      text: `審核者需要您與 ${p.customer} 之關聯（宣告 ${p.claimId}）的更多執行證明。請於 ${p.dueAt} 前補充並重新提交，否則宣告將遭拒絕。${note(p, '審核者')}`,
    }),
    rejected: (p) => ({
      subject: `宣告 ${p.claimId} 已遭拒絕`,
      text: `您與 ${p.customer} 的關聯（宣告 ${p.claimId}）已遭拒絕：${REASONS['zh-TW'][p.reason] ?? p.reason}。${note(p, '審核者')}\n\n${
        p.disputeUntil
          ? `若要提出爭議，請開啟宣告、選取「爭議」，並於 ${p.disputeUntil} 前提供商業理由和/或更新的 PoE。`
          : '客戶的決定對此宣告為最終決定；您可以提交新的宣告。'
      }`,
    }),
    'dispute-resolved': (p) => ({
      subject: `宣告 ${p.claimId} 的爭議：${p.outcome === 'overturn' ? '已推翻拒絕' : '維持拒絕'}`,
      text:
        p.outcome === 'overturn'
          ? `審核者已推翻您與 ${p.customer} 之關聯（宣告 ${p.claimId}）的拒絕。宣告已核准；客戶有七天可拒絕。${note(p, '審核者')}`
          : `審核者維持您與 ${p.customer} 之關聯（宣告 ${p.claimId}）的拒絕。您可以使用更新的 PoE 提交新的宣告。${note(p, '審核者')}`,
    }),
    'consent-requested': (p) => ({
      subject: `${p.partner} 已與貴組織建立關聯`,
      text: `Microsoft 已核准 ${p.partner} 與 ${p.customer} 建立關聯的宣告（宣告 ${p.claimId}）。若您不同意，請於 ${p.consentUntil} 前拒絕此關聯。`,
    }),
  },
};

export const renderNotification = (kind: NotificationKind, lang: NotificationLanguage, p: NotificationParams) => TEMPLATES[lang][kind](p);

/** An e-mail carries both languages: English first, then Traditional Chinese. */
export function renderEmail(kind: NotificationKind, p: NotificationParams): { subject: string; text: string } {
  const en = TEMPLATES.en[kind](p);
  const zh = TEMPLATES['zh-TW'][kind](p);
  return { subject: `${en.subject} / ${zh.subject}`, text: `${en.text}\n\n————\n\n${zh.text}\n` };
}

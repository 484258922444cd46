// What a generated PoE document says, and its ground truth: which checklist reasons a careful
// reviewer should tick for it on its claim. The renderers (PDF, image) only draw a PoeSpec.
import { DateTime } from 'luxon';
import type { Customer, Product } from '../../shared/contracts';
import type { ActivityType, ChecklistReason } from '../../shared/domain';
import type { Rng } from './rng';
import type { DemoCompany, DemoCustomer } from './world';

export const POE_LAYOUTS = ['template', 'email', 'sow', 'scanned', 'photo-png', 'photo-jpeg'] as const;
export type PoeLayout = (typeof POE_LAYOUTS)[number];
export type PoeLanguage = 'en' | 'zh-TW';

export interface PoeFlaws {
  /** The document is about another customer (→ missing all PoE). */
  wrongCustomer: boolean;
  /** No customer signature (→ missing customer acknowledgement). */
  unsigned: boolean;
  /** current: within 12 months before submission; outdated: older; missing: no date (→ date missing or outdated). */
  date: 'current' | 'outdated' | 'missing';
  /** No or too thin a description of the work (→ missing partner solution / service). */
  thinEngagement: boolean;
  /** Claimed products the document does not name (→ missing product, per product). */
  missingProductIds: string[];
}

export const CLEAN: PoeFlaws = { wrongCustomer: false, unsigned: false, date: 'current', thinEngagement: false, missingProductIds: [] };

export interface PoeSpec {
  layout: PoeLayout;
  language: PoeLanguage;
  partner: { name: string; mpnId: string; contact: string };
  customer: Customer & { nameZh: string | null; contact: string };
  project: string;
  activity: ActivityType;
  products: { name: string; workload: string }[];
  engagement: string[];
  signer: { name: string; title: string } | null;
  /** The acknowledgement date, YYYY-MM-DD, or null when undated. */
  date: string | null;
  fileName: string;
}

export interface PoeTruth {
  reasons: { code: ChecklistReason; productId: string | null }[];
  layout: PoeLayout;
  language: PoeLanguage;
  flaws: PoeFlaws;
  poeDate: string | null;
  shownCustomer: { name: string; tenantId: string; domain: string };
}

export function truthOf(spec: PoeSpec, flaws: PoeFlaws): PoeTruth {
  const reasons: PoeTruth['reasons'] = [];
  if (flaws.wrongCustomer) reasons.push({ code: 'missing-all-poe', productId: null });
  else {
    if (flaws.unsigned) reasons.push({ code: 'missing-customer-acknowledgement', productId: null });
    if (flaws.date !== 'current') reasons.push({ code: 'date-missing-or-outdated', productId: null });
    if (flaws.thinEngagement) reasons.push({ code: 'missing-partner-solution', productId: null });
    for (const id of flaws.missingProductIds) reasons.push({ code: 'missing-product', productId: id });
  }
  return {
    reasons,
    layout: spec.layout,
    language: spec.language,
    flaws,
    poeDate: spec.date,
    shownCustomer: { name: spec.customer.name, tenantId: spec.customer.tenantId, domain: spec.customer.domain },
  };
}

const TITLES = ['IT Director', 'CIO', 'Head of Sales Operations', 'Finance Manager', 'Operations Director', '資訊長', '營運協理'];

function engagementText(
  rng: Rng,
  activity: ActivityType,
  products: readonly { name: string; workload: string }[],
  end: DateTime,
  language: PoeLanguage,
): string[] {
  const names = products.map((p) => p.name).join(', ') || 'the solution';
  const start = end.minus({ weeks: rng.int(3, 16) });
  const fmt = (d: DateTime) => d.toFormat('d LLLL yyyy');
  const users = rng.int(25, 1200);
  const en: Record<ActivityType, string[]> = {
    'pre-sales': [
      `From ${fmt(start)} to ${fmt(end)} we ran discovery workshops with the customer's business and IT teams on ${names}.`,
      `Deliverables: a current-state assessment, a solution design and a proof of concept demonstrated to the steering committee, with a licensing and adoption plan.`,
    ],
    deployment: [
      `Between ${fmt(start)} and ${fmt(end)} we planned and deployed ${names} for ${users} users.`,
      `Work delivered: tenant configuration and security baseline, data migration from the legacy system, integration testing, administrator training and go-live support.`,
    ],
    usage: [
      `Since ${fmt(start)} we have driven adoption of ${names}: a champions programme, monthly usage reviews and role-based training.`,
      `At the end of the period ${users} users were active; the usage report is attached as an appendix.`,
    ],
  };
  const zh: Record<ActivityType, string> = {
    'pre-sales': '我們為客戶舉辦需求訪談工作坊，完成概念驗證與導入規劃。',
    deployment: '我們完成系統建置、資料移轉與管理者教育訓練，並協助正式上線。',
    usage: '我們推動使用者採用計畫，每月檢視使用狀況並提供教育訓練。',
  };
  return language === 'zh-TW' ? [zh[activity], ...en[activity]] : en[activity];
}

export interface SpecInput {
  layout: PoeLayout;
  language: PoeLanguage;
  flaws: PoeFlaws;
  company: DemoCompany;
  customer: DemoCustomer;
  /** Another customer of the world, shown when the document is about the wrong customer. */
  otherCustomer: DemoCustomer;
  activity: ActivityType;
  products: readonly Product[];
  /** The claim's submission (or creation) instant: dates are relative to it. */
  relativeTo: string;
  timeZone: string;
}

export function makeSpec(rng: Rng, i: SpecInput): PoeSpec {
  const shown = i.flaws.wrongCustomer ? i.otherCustomer : i.customer;
  const base = DateTime.fromISO(i.relativeTo, { zone: i.timeZone });
  const date =
    i.flaws.date === 'missing'
      ? null
      : (i.flaws.date === 'current' ? base.minus({ days: rng.int(5, 300) }) : base.minus({ days: rng.int(400, 900) })).toISODate();
  const products = i.products.filter((p) => !i.flaws.missingProductIds.includes(p.id)).map((p) => ({ name: p.name, workload: p.workload }));
  const end = date ? DateTime.fromISO(date, { zone: i.timeZone }) : base.minus({ days: 30 });
  const engagement = i.flaws.thinEngagement
    ? [rng.pick(['Services as discussed.', 'Consulting services.', 'See attached invoice.'])]
    : engagementText(rng, i.activity, products, end, i.language);
  const project = `${rng.pick(['Project', 'Programme', 'Initiative'])} ${rng.pick(['Aurora', 'Harbor', 'Jade', 'Summit', 'Lotus', 'Falcon', 'Orchid'])}`;
  const ext = i.layout === 'photo-png' ? 'png' : i.layout === 'photo-jpeg' ? 'jpg' : 'pdf';
  const stem = { template: 'PoE', email: 'customer-confirmation', sow: 'SOW-signed', scanned: 'scan', 'photo-png': 'IMG', 'photo-jpeg': 'IMG' }[i.layout];
  return {
    layout: i.layout,
    language: i.language,
    partner: { name: i.company.name, mpnId: i.company.mpnId, contact: i.company.contact },
    customer: { name: shown.name, tenantId: shown.tenantId, domain: shown.domain, nameZh: shown.nameZh, contact: shown.contact },
    project,
    activity: i.activity,
    products,
    engagement,
    signer: i.flaws.unsigned ? null : { name: shown.contact, title: rng.pick(TITLES) },
    date,
    fileName: `${stem}_${shown.domain.split('.')[0]}_${rng.int(1000, 9999)}.${ext}`,
  };
}

/** Every CJK string a document may contain (for the font subset). */
export const ZH_STRINGS = [
  '執行證明',
  '合作夥伴與客戶資訊',
  '客戶確認',
  '合作內容說明',
  '依活動類型列出的產品',
  '簽名',
  '日期',
  '職稱',
  '姓名',
  '專案名稱',
  '客戶名稱',
  '客戶網域',
  '租用戶識別碼',
  '合作夥伴',
  '本公司確認上述合作夥伴已提供所述之服務。',
  '未簽署',
  '活動類型',
  '產品',
  '工作負載',
  '我們為客戶舉辦需求訪談工作坊，完成概念驗證與導入規劃。',
  '我們完成系統建置、資料移轉與管理者教育訓練，並協助正式上線。',
  '我們推動使用者採用計畫，每月檢視使用狀況並提供教育訓練。',
  '資訊長',
  '營運協理',
  '年',
  '月',
  '日',
  '：',
  '（',
  '）',
  '售前',
  '部署',
  '使用量',
  '此文件為示範用途，內容皆為虛構。',
];

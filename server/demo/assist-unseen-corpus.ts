// A second PoE corpus for `npm run assist:eval -- --unseen` (and the bench's assist figure), written apart from the demo generator (own
// layouts, wording, names and random stream) so the assist's figures are not measured on the documents its
// rules were tuned on: customer letters, printed e-mail sign-offs, two-column forms and zh-TW forms of
// 2–8 pages (signature and products on a later page), partner-side signers, a wrong tenant or customer,
// ambiguous numeric dates (resolved by the document's other dates or by the cut-off), product aliases,
// thin work descriptions, and documents that are not a PoE at all. Each document carries its ground truth.
import { PDFDocument, StandardFonts, type PDFFont } from 'pdf-lib';
import fontkit from '@pdf-lib/fontkit';
import { cjkFont } from './fonts';
import type { ChecklistReason } from '../../shared/domain';
import type { AssistClaimInput } from '../../shared/domain/assist';

export interface UnseenCase {
  name: string;
  claim: AssistClaimInput;
  bytes: Uint8Array;
  truth: { code: ChecklistReason; productId: string | null }[];
}

const SUBMITTED = '2026-11-20T02:00:00.000Z';

/** mulberry32: a small seeded stream of its own (not the demo's). */
function stream(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const CUSTOMERS = [
  { name: 'Northwind Traders Ltd.', zh: '北風貿易股份有限公司', domain: 'northwindtraders.example' },
  { name: 'Fabrikam Inc.', zh: '法布里坎股份有限公司', domain: 'fabrikam.example' },
  { name: 'Adventure Works Cycles', zh: '冒險工坊自行車股份有限公司', domain: 'adventure-works.example' },
  { name: 'Tailspin Toys Co., Ltd.', zh: '尾旋玩具有限公司', domain: 'tailspintoys.example' },
  { name: 'Lamna Healthcare', zh: '蘭納醫療股份有限公司', domain: 'lamnahealthcare.example' },
  { name: 'Proseware, Inc.', zh: '普羅軟體股份有限公司', domain: 'proseware.example' },
];
const PARTNERS = [
  { name: 'Blue Yonder Consulting', domain: 'blueyonder-consulting.example' },
  { name: 'Trey Research Partners', domain: 'treyresearch.example' },
];
const PEOPLE = ['Maria Gonzalez', 'Kenji Watanabe', 'Priya Raman', 'Tom Becker', 'Lin Yu-Hsuan', 'Olivia Brandt', 'Huang Chih-Ming', 'Samuel Okafor'];
const TITLES = ['IT Director', 'Chief Operating Officer', 'Head of Digital', 'Finance Manager'];
const PRODUCTS = [
  { name: 'Dynamics 365 Sales', aliases: ['D365 Sales', 'Dynamics CRM Online', 'Dynamics 365 for Sales'], zh: 'Dynamics 365 銷售' },
  { name: 'Power BI Pro', aliases: ['PBI Pro', 'PowerBI Pro'], zh: 'Power BI 專業版' },
  { name: 'Microsoft 365 Copilot', aliases: ['M365 Copilot', 'Copilot for Microsoft 365'], zh: 'Microsoft 365 Copilot' },
  { name: 'Dynamics 365 Business Central', aliases: ['D365 BC', 'Business Central'], zh: 'Dynamics 365 Business Central' },
  { name: 'Microsoft Intune', aliases: ['Intune', 'Microsoft Endpoint Manager'], zh: 'Microsoft Intune' },
];
const FILLER = [
  'This page summarises the project governance: weekly status calls, a steering group every month and a shared risk log.',
  'The appendix lists the workstreams, owners and the acceptance criteria agreed at the start of the project.',
  'Both parties kept minutes of each meeting; they are available on request from the project office.',
  'Risks raised during the project were tracked to closure; none remain open at the time of writing.',
];
const FILLER_ZH = ['本頁說明專案治理方式：每週進度會議與每月指導委員會。', '附錄列出各工作項目之負責人與驗收標準。'];

/** Every zh-TW string the corpus writes (the font subset is made once, for all of them). */
const ZH_TEXTS = [
  ...CUSTOMERS.map((c) => c.zh),
  ...FILLER_ZH,
  ...PRODUCTS.map((p) => p.zh),
  '專案完成確認書客戶名稱：租用戶識別碼服務夥伴內容需求訪談、系統建置資料移轉及教育訓練。依合約提供附件導入產品・確認簽署人（）日期民國年月日/',
];

type Kind = 'letter' | 'email' | 'form' | 'zh' | 'invoice' | 'agenda';
type Flaw =
  | 'none'
  | 'partner-signer'
  | 'unsigned'
  | 'wrong-tenant'
  | 'other-customer'
  | 'ambiguous-current'
  | 'ambiguous-context'
  | 'outdated'
  | 'undated'
  | 'thin'
  | 'alias'
  | 'missing-product';

const guid = (r: () => number) => 'xxxxxxxx-xxxx-4xxx-8xxx-xxxxxxxxxxxx'.replace(/x/g, () => Math.floor(r() * 16).toString(16));
const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** Text pages for one case, and its truth. */
function compose(r: () => number, kind: Kind, flaw: Flaw, n: number): UnseenCase & { pages: string[][]; cjk: boolean } {
  const cust = CUSTOMERS[n % CUSTOMERS.length]!;
  const partner = PARTNERS[n % 2]!;
  const [cName, pName] = [PEOPLE[n % PEOPLE.length]!, PEOPLE[(n + 3) % PEOPLE.length]!];
  const tenantId = guid(r);
  const products = [PRODUCTS[n % PRODUCTS.length]!, PRODUCTS[(n + 2) % PRODUCTS.length]!].map((p, i) => ({ ...p, id: `p${i + 1}` }));
  const claim: AssistClaimInput = {
    id: `U-${n}`,
    submittedAt: SUBMITTED,
    createdAt: SUBMITTED,
    customer: { name: cust.name, tenantId, domain: cust.domain },
    partner: { name: partner.name },
    customerContact: { name: cName, email: `${cName.split(' ')[0]!.toLowerCase()}@${cust.domain}` },
    partnerContact: { name: pName, email: `${pName.split(' ')[0]!.toLowerCase()}@${partner.domain}` },
    subscriptionId: null,
    products: products.map((p) => ({ id: p.id, name: p.name, removed: false })),
  };
  const truth: UnseenCase['truth'] = [];
  // another customer's PoE altogether (name, tenant, domain and signer), or this customer's name with a wrong tenant ID
  const shownTenant = flaw === 'wrong-tenant' || flaw === 'other-customer' ? guid(r) : tenantId;
  const shownCustomer = flaw === 'other-customer' ? CUSTOMERS[(n + 1) % CUSTOMERS.length]! : cust;
  // the acknowledgement's date and how it is written (submission 2026-11-20 in Taipei; cut-off 2025-11-20)
  const day = 1 + Math.floor(r() * 27);
  let dateText: string | null = `${MONTHS[(n + 2) % 9]} ${day}, 2026`;
  let context = '';
  if (flaw === 'outdated') dateText = `${day} ${MONTHS[(n % 9) + 1]} 2025`.replace(/ (November|December) 2025/, ' June 2025');
  if (flaw === 'undated') dateText = null;
  if (flaw === 'ambiguous-current') dateText = `0${3 + (n % 5)}/0${4 + (n % 3)}/2026`; // both readings inside the 12 months
  if (flaw === 'ambiguous-context') {
    // 10/12/2025: 10 December 2025 (current) in a d/m/y document, 12 October 2025 (outdated) in an m/d/y one
    dateText = '10/12/2025';
    context = 'Project window: 23/09/2025 to 30/01/2026.';
  }
  const unsigned = flaw === 'unsigned';
  const signer =
    flaw === 'partner-signer'
      ? { name: pName, org: partner.name, mail: claim.partnerContact.email }
      : flaw === 'other-customer'
        ? { name: PEOPLE[(n + 5) % PEOPLE.length]!, org: shownCustomer.name, mail: `office@${shownCustomer.domain}` }
        : { name: cName, org: cust.name, mail: claim.customerContact.email };
  const named = products.map((p, i) => (flaw === 'missing-product' && i === 1 ? null : flaw === 'alias' || r() < 0.3 ? pick(r, p.aliases) : p.name));
  const work =
    flaw === 'thin'
      ? 'Services as agreed in the statement of work.'
      : pick(r, [
          'We ran requirement workshops, configured the sales pipeline, migrated 40,000 contacts and trained 60 account managers before go-live.',
          'The partner assessed the estate, designed the rollout waves, deployed the licences to 1,200 users and ran adoption sessions for champions.',
          'Scope delivered: tenant configuration, data migration from the old CRM, integration with the ERP, user acceptance testing and two weeks of hypercare.',
        ]);
  const notPoe = kind === 'invoice' || kind === 'agenda';
  if (notPoe || flaw === 'wrong-tenant' || flaw === 'other-customer') truth.push({ code: 'missing-all-poe', productId: null });
  else {
    if (flaw === 'partner-signer' || unsigned) truth.push({ code: 'missing-customer-acknowledgement', productId: null });
    // a blank signature block has a blank date too (a printed e-mail keeps its own date)
    if (flaw === 'outdated' || flaw === 'undated' || (unsigned && kind !== 'email')) truth.push({ code: 'date-missing-or-outdated', productId: null });
    if (flaw === 'thin') truth.push({ code: 'missing-partner-solution', productId: null });
    named.forEach((x, i) => x === null && truth.push({ code: 'missing-product', productId: products[i]!.id }));
  }
  const filler = (k: number) => Array.from({ length: k }, (_, i) => [`Annex ${String.fromCharCode(65 + i)}`, pick(r, FILLER), pick(r, FILLER)]);
  const extra = 1 + Math.floor(r() * 6); // 2–8 pages in all
  const productLines = named.filter((x): x is string => x !== null).map((x) => `  - ${x}`);
  const sign = unsigned
    ? ['Signature: ______________________', 'Name: ______________________', 'Date: ____________']
    : [`Signature: (signed) ${signer.name}`, `Name: ${signer.name}`, `Title: ${pick(r, TITLES)}, ${signer.org}`, dateText ? `Date: ${dateText}` : ''];
  let pages: string[][];
  let cjk = false;
  if (kind === 'letter') {
    pages = [
      [
        shownCustomer.name,
        `Microsoft tenant: ${shownTenant}`,
        `www.${shownCustomer.domain}`,
        '',
        'To the Partner Center review team,',
        `We confirm that ${partner.name} delivered the following for us.`,
        work,
        context,
      ],
      ...filler(extra - 1),
      ['Solutions in use after the project:', ...productLines, '', 'Yours sincerely,', ...sign],
    ];
  } else if (kind === 'email') {
    pages = [
      [
        `From: ${signer.name} <${signer.mail}>`,
        `To: ${pName} <${claim.partnerContact.email}>`,
        `Sent: ${dateText ?? ''}`.trim(),
        'Subject: RE: project closure and sign-off',
        '',
        unsigned ? 'Thanks, we will review the closure report next week.' : 'Hi, we accept the closure report and confirm the project is complete.',
        `Tenant ID ${shownTenant} (${shownCustomer.name})`,
      ],
      ...filler(extra - 1),
      ['Closure report (quoted):', work, context, 'Products:', ...productLines, '', unsigned ? '' : 'Best regards,', unsigned ? '' : signer.name],
    ];
  } else if (kind === 'zh') {
    cjk = true;
    const zhNamed = named.map((x, i) => (x === null ? null : products[i]!.zh));
    pages = [
      [
        '專案完成確認書',
        `客戶名稱：${shownCustomer.zh}`,
        `租用戶識別碼：${shownTenant}`,
        `服務夥伴：${partner.name}`,
        flaw === 'thin' ? '服務內容：依合約提供服務。' : '服務內容：需求訪談、系統建置、資料移轉及教育訓練。',
      ],
      ...Array.from({ length: extra - 1 }, () => ['附件', pick(r, FILLER_ZH)]),
      [
        '導入產品：',
        ...zhNamed.filter((x): x is string => x !== null).map((x) => `・${x}`),
        '',
        '客戶確認',
        unsigned ? '簽署人：' : `簽署人：${signer.name}（${signer.org}）`,
        flaw === 'undated' || unsigned
          ? ''
          : flaw === 'outdated'
            ? `日期：民國114年3月${day}日`
            : flaw === 'ambiguous-current'
              ? `日期：115/0${1 + (n % 8)}/${10 + (day % 18)}`
              : `日期：民國115年${(n % 9) + 1}月${day}日`,
      ],
    ];
  } else if (kind === 'form') {
    pages = [
      [
        'ENGAGEMENT COMPLETION FORM',
        `Client     ${shownCustomer.name}`,
        `Tenant     ${shownTenant}`,
        `Vendor     ${partner.name}`,
        `Summary    ${work}`,
        context,
      ],
      ...filler(extra - 1),
      ['Licensed workloads', ...productLines.map((l) => `${l.trim()}      in production`), '', 'Client sign-off', ...sign],
    ];
  } else if (kind === 'invoice') {
    pages = [
      [
        `${partner.name}`,
        `Invoice number INV-${1000 + n}`,
        `Bill to: ${cust.name}`,
        `Consulting days  12   USD 14,400`,
        'Subtotal USD 14,400',
        'Amount due USD 14,400',
        `Date: ${dateText ?? 'November 2, 2026'}`,
      ],
    ];
  } else {
    pages = [
      [
        `Kick-off agenda: ${cust.name} x ${partner.name}`,
        '09:00 Introductions',
        '09:30 Goals for the next quarter',
        '10:30 Licensing questions',
        '11:00 Next steps and owners',
      ],
    ];
  }
  return { name: `${kind}/${flaw}`, claim, bytes: new Uint8Array(), truth, pages: pages.map((p) => p.filter((l) => l !== '')), cjk };
}

async function render(pages: string[][], cjk: boolean): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.registerFontkit(fontkit);
  const latin = await pdf.embedFont(StandardFonts.TimesRoman);
  const zh: PDFFont | null = cjk ? await pdf.embedFont(await cjkFont(ZH_TEXTS), { subset: false }) : null;
  for (const lines of pages) {
    const page = pdf.addPage([612, 792]); // US Letter, unlike the demo's A4
    let y = 730;
    for (const line of lines) {
      // wrap long lines at about 90 characters, as a word processor would
      const parts = line.length > 90 && !zh ? (line.match(/.{1,88}(\s|$)/g) ?? [line]) : [line];
      for (const part of parts) {
        page.drawText(part.trimEnd(), { x: 64, y, size: 10.5, font: zh ?? latin });
        y -= 15;
      }
    }
  }
  return pdf.save();
}

/** `count` cases from `seed`: every kind with every flaw that suits it, in turn. */
export async function unseenCorpus(seed: number, count: number): Promise<UnseenCase[]> {
  const r = stream(seed);
  const kinds: Kind[] = ['letter', 'email', 'form', 'zh', 'letter', 'form', 'email', 'zh', 'invoice', 'agenda'];
  const flaws: Flaw[] = [
    'none',
    'partner-signer',
    'unsigned',
    'wrong-tenant',
    'other-customer',
    'ambiguous-current',
    'ambiguous-context',
    'outdated',
    'undated',
    'thin',
    'alias',
    'missing-product',
  ];
  const out: UnseenCase[] = [];
  for (let n = 0; n < count; n++) {
    const kind = kinds[n % kinds.length]!;
    const flaw = kind === 'invoice' || kind === 'agenda' ? 'none' : flaws[Math.floor(n / kinds.length + n) % flaws.length]!;
    const c = compose(r, kind, flaw === 'ambiguous-context' && kind === 'zh' ? 'ambiguous-current' : flaw, n);
    out.push({ name: c.name, claim: c.claim, truth: c.truth, bytes: await render(c.pages, c.cjk) });
  }
  return out;
}

// The demo world's cast: partner companies, customer tenants, people and the product catalog.
// Deterministic for a seed; the names are fictional (Microsoft's sample company names and invented ones).
import type { ProductFamily } from '../../shared/domain';
import { Rng as RngCtor, type Rng } from './rng';

export interface DemoCompany {
  id: string;
  name: string;
  mpnId: string;
  username: string;
  contact: string;
  emailDomain: string;
}
export interface DemoCustomer {
  id: string;
  name: string;
  nameZh: string | null;
  tenantId: string;
  domain: string;
  username: string;
  contact: string;
  /** The partner company most of its claims come from. */ homeCompanyId: string;
}
export interface DemoProduct {
  name: string;
  family: ProductFamily;
  workload: string;
}

export const DEMO_REVIEWERS = [
  { id: 'u-rev1', username: 'rev1', name: 'Mei-Ling Chen' },
  { id: 'u-rev2', username: 'rev2', name: 'Daniel Wu' },
  { id: 'u-rev3', username: 'rev3', name: 'Priya Natarajan' },
] as const;
export const DEMO_QA = { id: 'u-qa1', username: 'qa1', name: 'Hsiao-Wen Lin' } as const;
export const DEMO_ADMIN = { id: 'u-admin1', username: 'admin1', name: 'Service Administrator' } as const;
export const DEMO_PASSWORD = 'demo';

const COMPANIES = [
  { name: 'Contoso Cloud Partners', contact: 'Grace Huang', emailDomain: 'contosocloud.example' },
  { name: 'Fabrikam Consulting Taiwan', contact: 'Kevin Lai', emailDomain: 'fabrikam-tw.example' },
  { name: 'Northwind Digital Services', contact: 'Olivia Tsai', emailDomain: 'northwind-digital.example' },
  { name: 'Adatum Systems 艾達騰資訊', contact: 'Jason Lee', emailDomain: 'adatum-systems.example' },
  { name: 'Tailspin Business Solutions', contact: 'Emma Chou', emailDomain: 'tailspin-bs.example' },
];

const CUSTOMERS: readonly [string, string | null, string, string][] = [
  ['Wide World Importers', null, 'wideworldimporters.example', 'Sophia Kuo'],
  ['Taiwan Precision Machinery Co., Ltd.', '台灣精密機械股份有限公司', 'twprecision.example', 'Chen Wei-Ting'],
  ['Litware Financial Group', null, 'litwarefinancial.example', 'Marcus Hsu'],
  ['Formosa Green Energy Corp.', '福爾摩沙綠能股份有限公司', 'formosagreen.example', 'Lin Ya-Chi'],
  ['Woodgrove Bank Taipei Branch', null, 'woodgrove-tpe.example', 'Hannah Yang'],
  ['Alpine Ski House Asia', null, 'alpineskihouse-asia.example', 'Ryan Tseng'],
  ['Kaohsiung Harbour Logistics', '高雄港物流股份有限公司', 'khlogistics.example', 'Huang Chih-Ming'],
  ['Proseware Medical Devices', null, 'prosewaremed.example', 'Alice Pan'],
  ['Coho Winery Trading', null, 'cohowinery-trading.example', 'Tony Liao'],
  ['Hsinchu Semiconductor Materials', '新竹半導體材料股份有限公司', 'hsinchu-semimat.example', 'Wang Shu-Fen'],
  ['Fourth Coffee Retail', null, 'fourthcoffee.example', 'Jessica Lo'],
  ['Tainan Textile Holdings', '台南紡織控股股份有限公司', 'tainantextile.example', 'Tsai Ming-Hsien'],
  ['Lamna Healthcare Company', null, 'lamnahealthcare.example', 'Grace Chiu'],
  ['Relecloud Gaming Taiwan', null, 'relecloud-tw.example', 'Eric Fang'],
  ['Taichung Smart Manufacturing', '台中智慧製造股份有限公司', 'tc-smartmfg.example', 'Chang Hui-Ling'],
  ['Trey Research Labs', null, 'treyresearch.example', 'Nathan Kao'],
  ['VanArsdel Foods Asia', null, 'vanarsdel-asia.example', 'Irene Hsieh'],
  ['Keelung Marine Insurance', '基隆海事保險股份有限公司', 'keelungmarine.example', 'Lee Kuo-Hua'],
  ['Bellows College', null, 'bellowscollege.example', 'Samuel Teng'],
  ['Northwind Traders Taiwan', null, 'northwindtraders-tw.example', 'Vivian Cheng'],
];

export const PRODUCT_CATALOG: readonly DemoProduct[] = [
  { name: 'Dynamics 365 Sales', family: 'dynamics-365', workload: 'Sales' },
  { name: 'Dynamics 365 Customer Service', family: 'dynamics-365', workload: 'Customer Service' },
  { name: 'Dynamics 365 Finance', family: 'dynamics-365', workload: 'Finance' },
  { name: 'Dynamics 365 Business Central', family: 'dynamics-365', workload: 'Business Central' },
  { name: 'Power BI Pro', family: 'power-platform', workload: 'Power BI' },
  { name: 'Power Apps', family: 'power-platform', workload: 'Power Apps' },
  { name: 'Power Automate', family: 'power-platform', workload: 'Power Automate' },
  { name: 'Microsoft Teams', family: 'microsoft-365', workload: 'Teams' },
  { name: 'Exchange Online', family: 'microsoft-365', workload: 'Exchange' },
  { name: 'SharePoint Online', family: 'microsoft-365', workload: 'SharePoint' },
  { name: 'Microsoft 365 Copilot', family: 'microsoft-365', workload: 'Copilot' },
  { name: 'Microsoft Intune', family: 'microsoft-365', workload: 'Intune' },
];

export interface DemoWorld {
  companies: DemoCompany[];
  customers: DemoCustomer[];
}

export function makeWorld(rng: Rng): DemoWorld {
  const companies = COMPANIES.map((c, i) => ({ id: `co-${i + 1}`, ...c, mpnId: String(rng.int(1_000_000, 9_999_999)), username: `partner${i + 1}` }));
  const customers = CUSTOMERS.map(([name, nameZh, domain, contact], i) => ({
    id: `cu-${i + 1}`,
    name,
    nameZh,
    tenantId: rng.uuid(),
    domain,
    username: `customer${i + 1}`,
    contact,
    homeCompanyId: companies[i % companies.length]!.id,
  }));
  return { companies, customers };
}

/** The cast of the demo world for `seed` (the first draws of the seed's random source). */
export const demoCast = (seed: number, rng: Rng = new RngCtor(seed)): DemoWorld => makeWorld(rng);

// Scales the demo generator's claims deterministically: clone N carries a base claim's history and
// products under its own id, on its own customer tenant (names drawn from fixed lists by a seeded
// source), so queues, searches and competing-claim lookups see realistic variety at 1k..100k.
import type { ClaimFacts } from '../../shared/contracts';
import type { HistoryEntry } from '../../shared/domain';
import type { DemoClaim } from '../../server/demo/claims';
import { Rng } from '../../server/demo/rng';

const FIRST = [
  'Contoso',
  'Northwind',
  'Fabrikam',
  'Litware',
  'Adatum',
  'Tailspin',
  'Woodgrove',
  'Proseware',
  'Wingtip',
  'Coho',
  'Alpine',
  'Fourth Coffee',
  'Margie',
  'Trey',
  'Humongous',
  'Lucerne',
  'Relecloud',
  'VanArsdel',
  'Wide World',
  'Datum',
];
const SECOND = [
  'Trading',
  'Logistics',
  'Medical',
  'Green Energy',
  'Textiles',
  'Foods',
  'Semiconductor',
  'Bank',
  'Retail',
  'Insurance',
  'Motors',
  'Publishing',
  'Airlines',
  'Pharma',
  'Construction',
];
const PLACE = ['Taipei', 'Hsinchu', 'Taichung', 'Tainan', 'Kaohsiung', 'Keelung', 'Taoyuan', 'Yilan'];

export interface CloneCustomer {
  name: string;
  domain: string;
  tenantId: string;
}

/** The customer of tenant number `t` (stable for a seed): name, domain and tenant id. */
export function cloneCustomer(seed: number, t: number): CloneCustomer {
  const first = FIRST[t % FIRST.length]!;
  const second = SECOND[Math.floor(t / FIRST.length) % SECOND.length]!;
  const place = PLACE[Math.floor(t / (FIRST.length * SECOND.length)) % PLACE.length]!;
  const round = Math.floor(t / (FIRST.length * SECOND.length * PLACE.length));
  const name = `${first} ${second} ${place}${round ? ` ${round + 1}` : ''}`;
  const domain = `${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}.example`;
  return { name, domain, tenantId: new Rng(seed * 7919 + t).uuid() };
}

/** Replaces every quoted occurrence of the base claim's id (the claim and its product ids) with `id`. */
function renamed<T>(value: T, from: string, to: string): T {
  return JSON.parse(JSON.stringify(value).split(`"${from}`).join(`"${to}`)) as T;
}

export interface Clone {
  facts: ClaimFacts;
  history: HistoryEntry[];
  companyId: string;
}

/**
 * Clone `id` of `base`: its facts and history under the new id, on customer tenant `tenant`.
 * Documents are kept by reference (content-addressed, so clones share the base's PoE files).
 */
export function cloneClaim(base: DemoClaim, id: string, customer: CloneCustomer): Clone {
  const facts = renamed(base.facts, base.facts.id, id);
  const mail = (email: string) => email.replace(/@.*$/, `@${customer.domain}`);
  return {
    facts: {
      ...facts,
      customer: { name: customer.name, tenantId: customer.tenantId, domain: customer.domain },
      customerContact: { ...facts.customerContact, email: mail(facts.customerContact.email) },
    },
    history: renamed(base.history, base.facts.id, id),
    companyId: base.companyId,
  };
}

/** How many tenants N clones spread over: a few claims per tenant, so some compete. */
export const tenantCount = (n: number): number => Math.max(1, Math.ceil(n / 4));

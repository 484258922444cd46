// Test helper: the claim the assist's analysis tests read documents against, and the first lines of a PoE
// that names its customer, tenant ID and domain.
import type { AssistClaimInput } from '../../shared/domain/assist';

export const TENANT = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';

export const claim: AssistClaimInput = {
  id: 'CL-1',
  submittedAt: '2026-03-14T02:00:00Z',
  createdAt: '2026-03-10T02:00:00Z',
  customer: { name: 'Taiwan Precision Machinery Co., Ltd.', tenantId: TENANT, domain: 'twprecision.example' },
  partner: { name: 'Contoso Cloud Partners' },
  customerContact: { name: 'Chen Wei-Ting', email: 'chen.wei.ting@twprecision.example' },
  partnerContact: { name: 'Grace Huang', email: 'grace.huang@contosocloud.example' },
  subscriptionId: null,
  products: [
    { id: 'p1', name: 'Dynamics 365 Sales', removed: false },
    { id: 'p2', name: 'Power BI Pro', removed: false },
  ],
};

export const header = [
  'Proof of Execution',
  'Customer company name: Taiwan Precision Machinery Co., Ltd.',
  `Customer tenant ID: ${TENANT}`,
  'Customer domain name: twprecision.example',
];

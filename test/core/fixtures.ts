// Claim data for the store-level suites that run without a service: built with the shared
// materialize from facts and a history, exactly as the service builds what it sends.
import { materialize, type Claim } from '../../shared/contracts';
import { DEFAULT_CALENDAR, type HistoryEntry } from '../../shared/domain';

const reviewer = { id: 'u-rev1', name: 'Reviewer One', role: 'reviewer' as const };
const partner = { id: 'u-partner1', name: 'Partner One', role: 'partner' as const };

export function claimFixture(id: string, documents: { sha256: string; size: number }[], at = '2026-11-02T09:00:00.000Z'): Claim {
  const history: HistoryEntry[] = [
    { seq: 1, at, actor: partner, kind: 'created' },
    ...documents.map((d, i): HistoryEntry => ({ seq: 2 + i, at, actor: partner, kind: 'document-added', sha256: d.sha256, fileName: `poe-${i}.pdf` })),
  ];
  history.push({ seq: history.length + 1, at, actor: partner, kind: 'submitted' });
  history.push({ seq: history.length + 1, at, actor: reviewer, kind: 'review-started' });
  return materialize(
    {
      id,
      createdAt: at,
      partner: { mpnId: '1234567', name: 'Contoso Cloud Partners' },
      customer: { name: 'Wide World Importers', tenantId: '3f2504e0-4f89-41d3-9a0c-0305e82c3301', domain: 'wideworldimporters.example' },
      subscriptionId: null,
      activity: 'deployment',
      products: [{ id: `${id}-p1`, name: 'Dynamics 365 Sales', family: 'dynamics-365', workload: 'Sales', removed: false }],
      customerContact: { name: 'C', email: 'c@customer.example', phone: null },
      partnerContact: { name: 'P', email: 'p@partner.example', phone: null },
      documents: documents.map((d, i) => ({ sha256: d.sha256, fileName: `poe-${i}.pdf`, mediaType: 'application/pdf' as const, size: d.size, uploadedAt: at })),
    },
    history,
    { now: at, calendar: DEFAULT_CALENDAR, lease: { id: 'lease-1', reviewerId: 'u-rev1', expiresAt: '2026-11-02T09:30:00.000Z' }, competing: [] },
  );
}

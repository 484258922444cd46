// Puts reviewable claims into a running review service the way partners do: sign in as a partner,
// create a draft, upload a small generated PoE PDF, submit. Shared by the workstation suites.
import { randomUUID } from 'node:crypto';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { createServiceClient, type ServiceClient } from '../../electron/core/service-client';
import type { Claim, RouteBody } from '../../shared/contracts';

/** A partner's valid claim body, with a fresh tenant; `over` replaces any top-level field. */
export function claimInput(over: Partial<RouteBody<'claimCreate'>> = {}): RouteBody<'claimCreate'> {
  return {
    customer: { name: 'Wingtip Toys', tenantId: randomUUID(), domain: 'wingtiptoys.example' },
    subscriptionId: null,
    activity: 'pre-sales',
    products: [
      { name: 'Dynamics 365 Sales', family: 'dynamics-365', workload: 'Sales' },
      { name: 'Power BI Pro', family: 'power-platform', workload: 'Power BI' },
    ],
    customerContact: { name: 'Ana Lopez', email: 'ana@wingtiptoys.example', phone: null },
    partnerContact: { name: 'Grace Huang', email: 'grace@contosocloud.example', phone: '+886 2 1234 5678' },
    ...over,
  };
}

export async function signIn(client: ServiceClient, username: string, password = 'demo'): Promise<string> {
  return (await client.call('login', { body: { username, password } })).token;
}

/** A one-page PDF whose text names the claim's customer; `salt` makes its hash unique. */
export async function poePdf(customer: string, salt: string): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const page = pdf.addPage([595, 842]);
  page.drawText(`Proof of Execution for ${customer}`, { x: 50, y: 780, size: 16, font });
  page.drawText(`Reference ${salt}`, { x: 50, y: 750, size: 10, font });
  return pdf.save();
}

/** Creates and submits `count` claims as `partner`; returns their ids. */
export async function submitClaims(serviceUrl: string, count: number, partner = 'partner1'): Promise<string[]> {
  const client = createServiceClient(serviceUrl);
  const token = await signIn(client, partner);
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const name = `Test Customer ${randomUUID().slice(0, 8)}`;
    const claim = await client.call('claimCreate', {
      token,
      body: claimInput({ customer: { name, tenantId: randomUUID(), domain: `${name.split(' ').at(-1)}.example` }, activity: 'deployment' }),
    });
    await client.call('documentUpload', { token, params: { id: claim.id }, query: { fileName: 'poe.pdf' }, body: await poePdf(name, randomUUID()) });
    await client.call('claimSubmit', { token, params: { id: claim.id }, body: {} });
    ids.push(claim.id);
  }
  return ids;
}

/** A reviewer-side reader of the service, to check what it recorded (QA leads may read every claim). */
export async function serviceReader(serviceUrl: string): Promise<{ claim: (id: string) => Promise<Claim> }> {
  const client = createServiceClient(serviceUrl);
  const token = await signIn(client, 'qa1');
  return { claim: (id) => client.call('claimGet', { token, params: { id } }) };
}

/** Moves the service's test clock forward (service started with testClock). */
export async function advanceServiceClock(serviceUrl: string, advance: string): Promise<void> {
  await createServiceClient(serviceUrl).call('testClock', { body: { advance } });
}

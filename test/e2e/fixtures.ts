// What partners put in front of the reviewer in the end-to-end suite: claims created, given PoE
// documents (a three-page PDF, a scanned-looking PNG, a damaged PDF) and submitted through the real
// service's partner API, plus a competing claim on the same customer and workload.
import { randomUUID } from 'node:crypto';
import { PassThrough } from 'node:stream';
import { PDFDocument, StandardFonts, rgb } from 'pdf-lib';
import * as PImage from 'pureimage';
import { signIn, type Client } from '../support/service';

export interface ProductSpec {
  name: string;
  family: 'dynamics-365' | 'power-platform' | 'microsoft-365';
  workload: string;
}

export interface ClaimSpec {
  partner: string;
  customer: { name: string; domain: string; tenantId?: string };
  products: ProductSpec[];
  documents: { fileName: string; bytes: Uint8Array }[];
}

export const SALES: ProductSpec = { name: 'Dynamics 365 Sales', family: 'dynamics-365', workload: 'Sales' };
export const POWER_BI: ProductSpec = { name: 'Power BI Pro', family: 'power-platform', workload: 'Power BI' };
export const TEAMS: ProductSpec = { name: 'Microsoft Teams', family: 'microsoft-365', workload: 'Teams' };

/** A three-page PoE: partner and customer, engagement, customer acknowledgement with a signature. */
export async function poeDocument(o: { partner: string; customer: string; domain: string; tenantId: string; products: string[] }): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  // The standard fonts speak WinAnsi only: CJK parts of names stay out of this Latin PoE.
  const latin = (t: string) =>
    t
      .replace(/[^\x20-\x7e]+/g, '')
      .replace(/\s+/g, ' ')
      .trim();
  const lines = (page: ReturnType<PDFDocument['addPage']>, y: number, texts: string[], size = 11) =>
    texts.forEach((t, i) => page.drawText(latin(t), { x: 60, y: y - i * (size + 7), size, font }));

  const p1 = pdf.addPage([595, 842]);
  p1.drawRectangle({ x: 0, y: 772, width: 595, height: 70, color: rgb(0.12, 0.33, 0.68) });
  p1.drawText('Proof of Execution', { x: 60, y: 800, size: 24, font: bold, color: rgb(1, 1, 1) });
  p1.drawText('1. Partner and customer information', { x: 60, y: 720, size: 14, font: bold });
  lines(p1, 690, [
    `Partner: ${o.partner}`,
    `Customer: ${o.customer}`,
    `Customer domain: ${o.domain}`,
    `Customer tenant ID: ${o.tenantId}`,
    'Project: Sales process modernisation',
  ]);
  lines(p1, 560, ['The customer acknowledgement is on page 3 of this document.'], 10);

  const p2 = pdf.addPage([595, 842]);
  p2.drawText('2. Engagement', { x: 60, y: 780, size: 14, font: bold });
  lines(p2, 750, [
    'Activities: discovery workshops, solution design, data migration, user training.',
    'Deliverables: configured sales pipeline, migrated accounts and contacts, training material.',
    'Dates: 2 February 2026 to 27 February 2026.',
  ]);
  p2.drawText('3. Products and workloads', { x: 60, y: 640, size: 14, font: bold });
  lines(
    p2,
    610,
    o.products.map((p) => `- ${p}`),
  );

  const p3 = pdf.addPage([595, 842]);
  p3.drawText('4. Customer acknowledgement', { x: 60, y: 780, size: 14, font: bold });
  lines(p3, 750, [`We confirm that ${o.partner} delivered the work described in this document.`, `Signed for ${o.customer}`, 'Date: 27 February 2026']);
  p3.drawLine({ start: { x: 60, y: 640 }, end: { x: 300, y: 640 }, thickness: 1, color: rgb(0.3, 0.3, 0.3) });
  // SVG y grows downwards from (x, y): a signature stroke just above the line.
  p3.drawSvgPath('M 0 20 C 20 -10, 40 50, 60 15 S 100 -10, 120 25 S 160 40, 190 10', { x: 70, y: 665, borderColor: rgb(0.05, 0.1, 0.45), borderWidth: 2 });
  return pdf.save();
}

/** A scanned-looking signed acknowledgement as a PNG: paper, text rows, a signature stroke. */
export async function scannedAcknowledgement(): Promise<Uint8Array> {
  const img = PImage.make(620, 420);
  const ctx = img.getContext('2d');
  ctx.fillStyle = '#f7f4ec';
  ctx.fillRect(0, 0, 620, 420);
  ctx.fillStyle = '#3a3a3a';
  for (let row = 0; row < 7; row++) ctx.fillRect(40, 50 + row * 30, row % 3 === 2 ? 380 : 540, 8);
  ctx.strokeStyle = '#1b2a7a';
  ctx.lineWidth = 3;
  ctx.beginPath();
  ctx.moveTo(60, 340);
  for (let x = 60; x < 300; x += 12) ctx.lineTo(x, 340 + Math.sin(x / 9) * 18);
  ctx.stroke();
  const chunks: Buffer[] = [];
  const sink = new PassThrough();
  sink.on('data', (c: Buffer) => chunks.push(c));
  await PImage.encodePNGToStream(img, sink);
  return new Uint8Array(Buffer.concat(chunks));
}

/** Bytes that claim to be a PDF and are not one. */
export const damagedPdf = (): Uint8Array => new TextEncoder().encode(`%PDF-1.7\n% damaged upload ${randomUUID()}\nthis is not a PDF body\n`);

async function submit(partner: Client, spec: ClaimSpec): Promise<string> {
  const tenantId = spec.customer.tenantId ?? randomUUID();
  const claim = await partner.call('claimCreate', {
    body: {
      customer: { name: spec.customer.name, domain: spec.customer.domain, tenantId },
      subscriptionId: null,
      activity: 'deployment',
      products: spec.products,
      customerContact: { name: 'Sophia Kuo', email: `it@${spec.customer.domain}`, phone: '+886 2 2345 6789' },
      partnerContact: { name: 'Grace Huang', email: 'grace@partner.example', phone: null },
    },
  });
  for (const d of spec.documents) await partner.call('documentUpload', { params: { id: claim.id }, query: { fileName: d.fileName }, body: d.bytes });
  await partner.call('claimSubmit', { params: { id: claim.id }, body: {} });
  return claim.id;
}

export interface Submitted {
  id: string;
  customer: string;
  tenantId: string;
  products: ProductSpec[];
}

/** Creates and submits one claim as `spec.partner`; the PoE names the customer and its tenant. */
export async function submitClaim(
  serviceUrl: string,
  spec: Omit<ClaimSpec, 'documents'> & { documents?: ClaimSpec['documents'] | 'poe' | 'poe+scan' | 'damaged' },
): Promise<Submitted> {
  const partner = await signIn(serviceUrl, spec.partner);
  const tenantId = spec.customer.tenantId ?? randomUUID();
  const partnerName = partner.user.name.replace(/^.*\((.*)\)$/, '$1');
  const poe = () =>
    poeDocument({
      partner: partnerName,
      customer: spec.customer.name,
      domain: spec.customer.domain,
      tenantId,
      products: spec.products.slice(0, 1).map((p) => p.name),
    });
  const kind = spec.documents ?? 'poe';
  const documents =
    kind === 'poe'
      ? [{ fileName: 'proof-of-execution.pdf', bytes: await poe() }]
      : kind === 'poe+scan'
        ? [
            { fileName: 'proof-of-execution.pdf', bytes: await poe() },
            { fileName: 'signed-acknowledgement.png', bytes: await scannedAcknowledgement() },
          ]
        : kind === 'damaged'
          ? [{ fileName: 'scan-upload.pdf', bytes: damagedPdf() }]
          : kind;
  const id = await submit(partner, { ...spec, customer: { ...spec.customer, tenantId }, documents });
  return { id, customer: spec.customer.name, tenantId, products: spec.products };
}

// PoE PDFs of a chosen size for the transfer and rendering figures: a first page with the PoE
// template's sections for the claim (what the reviewer reads first) and, for the large ones, a
// scanned signed acknowledgement (a grey-paper JPEG). Deterministic: the same claim and seed give the
// same bytes (no timestamps; the scans come from a seeded source).
import { PassThrough } from 'node:stream';
import { PDFDocument, StandardFonts, rgb } from 'pdf-lib';
import * as PImage from 'pureimage';
import type { ClaimFacts } from '../../shared/contracts';
import { Rng } from '../../server/demo/rng';

/** A 420×560 scan is about 95 KB as JPEG: with the text page, a PoE of about 100 KB. */
const SCAN = { width: 420, height: 560, quality: 85 };

async function scanJpeg(rng: Rng): Promise<Uint8Array> {
  const img = PImage.make(SCAN.width, SCAN.height);
  for (let y = 0; y < SCAN.height; y++) {
    const line = y % 40 < 6 && y > 60 && y < SCAN.height - 120;
    for (let x = 0; x < SCAN.width; x++) {
      const ink = line && x > 30 && x < SCAN.width - 30 - ((y * 7) % 90) ? 150 : 0;
      const v = 200 + Math.floor(rng.next() * 55) - ink;
      img.setPixelRGBA(x, y, ((v << 24) | (v << 16) | (v << 8) | 0xff) >>> 0);
    }
  }
  const chunks: Buffer[] = [];
  const sink = new PassThrough();
  sink.on('data', (c: Buffer) => chunks.push(c));
  await PImage.encodeJPEGToStream(img, sink, SCAN.quality);
  return new Uint8Array(Buffer.concat(chunks));
}

const scans = new Map<number, Promise<Uint8Array[]>>();

/** A few distinct scans per seed, shared by the documents (each PDF still hashes differently). */
export function scanPool(seed: number, count = 4): Promise<Uint8Array[]> {
  let p = scans.get(seed);
  if (!p) {
    p = (async () => {
      const rng = new Rng(seed ^ 0x5ca7);
      const out: Uint8Array[] = [];
      for (let i = 0; i < count; i++) out.push(await scanJpeg(rng));
      return out;
    })();
    scans.set(seed, p);
  }
  return p;
}

const latin = (t: string) =>
  t
    .replace(/[^\x20-\x7e]+/g, '')
    .replace(/\s+/g, ' ')
    .trim();

/**
 * A PoE for the claim: page 1 names partner, customer, domain, tenant, products and the engagement;
 * `scan` (when given) adds the signed acknowledgement as page 2. `label` makes each document unique.
 */
export async function poePdf(facts: ClaimFacts, label: string, scan: Uint8Array | null): Promise<Uint8Array> {
  const pdf = await PDFDocument.create({ updateMetadata: false });
  pdf.setTitle(latin(`Proof of Execution - ${facts.customer.name} - ${label}`));
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  const p1 = pdf.addPage([595.28, 841.89]);
  let y = 790;
  const line = (text: string, size = 10.5, f = font, color = rgb(0.1, 0.1, 0.12)) => {
    p1.drawText(latin(text), { x: 56, y, size, font: f, color });
    y -= size * 1.6;
  };
  line('Proof of Execution (PoE)', 20, bold);
  line('CPOR claiming partner of record - customer association evidence', 9.5, font, rgb(0.4, 0.4, 0.45));
  y -= 8;
  line('1. Partner and customer information', 12.5, bold, rgb(0, 0.33, 0.6));
  line(`Partner company name: ${facts.partner.name}`);
  line(`Partner ID (MPN ID): ${facts.partner.mpnId}`);
  line(`Customer company name: ${facts.customer.name}`);
  line(`Customer domain name: ${facts.customer.domain}`);
  line(`Customer tenant ID: ${facts.customer.tenantId}`);
  line(`Reference: ${label}`);
  y -= 6;
  line('2. Engagement description', 12.5, bold, rgb(0, 0.33, 0.6));
  line(`We planned and deployed ${facts.products.map((p) => p.name).join(', ')} for the customer (${facts.activity}).`);
  line('Work delivered: tenant configuration and security baseline, data migration from the legacy');
  line('system, integration testing, administrator training and go-live support.');
  y -= 6;
  line('3. Products and workloads by activity type', 12.5, bold, rgb(0, 0.33, 0.6));
  for (const p of facts.products) line(`${facts.activity}  |  ${p.name}  |  workload: ${p.workload}`);
  y -= 6;
  line('4. Customer acknowledgement', 12.5, bold, rgb(0, 0.33, 0.6));
  line(`${facts.customer.name} confirms that ${facts.partner.name} delivered the engagement described above.`);
  line(`Name: ${facts.customerContact.name}`);
  line(scan ? 'Signature: see the signed acknowledgement on page 2.' : 'Signature:');
  p1.drawSvgPath('M 0 0 Q 10 -12 20 0 Q 30 10 40 -4 Q 50 -14 60 2 Q 70 12 80 -2', { x: 130, y: y + 4, borderColor: rgb(0.12, 0.2, 0.55), borderWidth: 1.3 });
  if (scan) {
    const img = await pdf.embedJpg(scan);
    const p2 = pdf.addPage([595.28, 841.89]);
    p2.drawRectangle({ x: 0, y: 0, width: 595.28, height: 841.89, color: rgb(0.86, 0.86, 0.85) });
    const w = 595.28 - 60;
    const h = (w * img.height) / img.width;
    p2.drawImage(img, { x: 30, y: (841.89 - h) / 2, width: w, height: h });
  }
  return pdf.save();
}

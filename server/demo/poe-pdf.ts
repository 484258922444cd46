// PoE documents as PDF (pdf-lib): the CPOR PoE template's sections, or free-form alternatives (a
// customer's confirmation e-mail, a signed statement of work), or a scanned page (a slightly rotated
// grey image with no text layer). zh-TW text uses an embedded subset of a CJK font.
import fontkit from '@pdf-lib/fontkit';
import { DateTime } from 'luxon';
import { degrees, PDFDocument, rgb, StandardFonts, type PDFFont, type PDFPage } from 'pdf-lib';
import { cjkFont } from './fonts';
import { ZH_STRINGS, type PoeSpec } from './poe-content';
import { rasterPoe } from './poe-raster';
import type { Rng } from './rng';

const A4 = { width: 595.28, height: 841.89 };
const MARGIN = 56;
const INK = rgb(0.1, 0.1, 0.12);
const MUTED = rgb(0.4, 0.4, 0.45);
const ACCENT = rgb(0.0, 0.33, 0.6);
const ACTIVITY_ZH = { 'pre-sales': '售前', deployment: '部署', usage: '使用量' } as const;

interface Fonts {
  regular: PDFFont;
  bold: PDFFont;
  italic: PDFFont;
  cjk: PDFFont | null;
}

/** A top-down text cursor over pages that wraps lines and opens new pages as needed. */
class Writer {
  page: PDFPage;
  y: number;
  constructor(
    private readonly doc: PDFDocument,
    private readonly fonts: Fonts,
  ) {
    this.page = doc.addPage([A4.width, A4.height]);
    this.y = A4.height - MARGIN;
  }
  private font(text: string, bold: boolean): PDFFont {
    if (/[^\x20-\x7e\u00a0-\u00ff]/.test(text)) return this.fonts.cjk ?? this.fonts.regular;
    return bold ? this.fonts.bold : this.fonts.regular;
  }
  private ensure(h: number): void {
    if (this.y - h < MARGIN) {
      this.page = this.doc.addPage([A4.width, A4.height]);
      this.y = A4.height - MARGIN;
    }
  }
  text(text: string, o: { size?: number; bold?: boolean; color?: ReturnType<typeof rgb>; indent?: number; after?: number } = {}): void {
    const size = o.size ?? 10.5;
    const font = this.font(text, o.bold ?? false);
    const width = A4.width - 2 * MARGIN - (o.indent ?? 0);
    const cjkText = /[\u3000-\u9fff]/.test(text);
    const words = cjkText ? [...text] : text.split(' ');
    const sep = cjkText ? '' : ' ';
    const sepWidth = sep ? font.widthOfTextAtSize(sep, size) : 0;
    let line = '';
    let lineWidth = 0;
    const flush = () => {
      this.ensure(size * 1.45);
      this.page.drawText(line, { x: MARGIN + (o.indent ?? 0), y: this.y - size, size, font, color: o.color ?? INK });
      this.y -= size * 1.45;
    };
    for (const w of words) {
      const ww = font.widthOfTextAtSize(w, size);
      if (line && lineWidth + sepWidth + ww > width) {
        flush();
        line = w;
        lineWidth = ww;
      } else {
        line = line ? line + sep + w : w;
        lineWidth += (lineWidth ? sepWidth : 0) + ww;
      }
    }
    if (line) flush();
    this.y -= o.after ?? 0;
  }
  heading(en: string, zh: string | null): void {
    this.y -= 8;
    this.text(zh ? `${en} ${zh}` : en, { size: 12.5, bold: true, color: ACCENT, after: 2 });
    this.ensure(6);
    this.page.drawLine({ start: { x: MARGIN, y: this.y }, end: { x: A4.width - MARGIN, y: this.y }, thickness: 0.6, color: ACCENT });
    this.y -= 8;
  }
  field(label: string, value: string): void {
    this.text(`${label}: ${value}`);
  }
  signature(rng: Rng, name: string): void {
    this.ensure(40);
    let d = `M 0 0`;
    let x = 0;
    for (let i = 0; i < 7; i++) {
      x += rng.int(8, 16);
      d += ` Q ${x - 5} ${rng.int(-14, 14)} ${x} ${rng.int(-6, 8)}`;
    }
    this.page.drawSvgPath(d, { x: MARGIN + 70, y: this.y - 18, borderColor: rgb(0.12, 0.2, 0.55), borderWidth: 1.3 });
    this.page.drawText(name.replace(/[^\x20-\x7e]/g, '') || 'signed', {
      x: MARGIN + 70 + x + 12,
      y: this.y - 22,
      size: 11,
      font: this.fonts.italic,
      color: rgb(0.12, 0.2, 0.55),
    });
    this.y -= 34;
  }
}

async function newDocument(spec: PoeSpec, created: string): Promise<{ doc: PDFDocument; fonts: Fonts }> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const when = DateTime.fromISO(created).toJSDate();
  doc.setTitle(`Proof of Execution - ${spec.customer.name}`);
  doc.setAuthor(spec.partner.name);
  doc.setProducer('PoE review service demo generator');
  doc.setCreationDate(when);
  doc.setModificationDate(when);
  doc.registerFontkit(fontkit);
  const fonts: Fonts = {
    regular: await doc.embedFont(StandardFonts.Helvetica),
    bold: await doc.embedFont(StandardFonts.HelveticaBold),
    italic: await doc.embedFont(StandardFonts.TimesRomanItalic),
    cjk: null,
  };
  const needsCjk = spec.language === 'zh-TW' || /[^\x20-\xff]/.test(JSON.stringify(spec));
  if (needsCjk)
    fonts.cjk = await doc.embedFont(await cjkFont(ZH_STRINGS.concat(extraCjk)), { subset: false, features: { liga: false, clig: false, dlig: false } });
  return { doc, fonts };
}

/** CJK characters that appear in names of the world (registered before the first document). */
const extraCjk: string[] = [];
export function registerCjkText(texts: readonly string[]): void {
  extraCjk.push(...texts.filter((t) => /[^\x20-\xff]/.test(t)));
}

const zh = (spec: PoeSpec, text: string): string | null => (spec.language === 'zh-TW' ? text : null);
const longDate = (d: string | null): string => (d ? DateTime.fromISO(d).toFormat('d LLLL yyyy') : '');

function template(w: Writer, rng: Rng, spec: PoeSpec): void {
  w.text(spec.language === 'zh-TW' ? 'Proof of Execution (PoE) 執行證明' : 'Proof of Execution (PoE)', { size: 20, bold: true, after: 2 });
  w.text('CPOR claiming partner of record - customer association evidence', { size: 9.5, color: MUTED, after: 6 });
  w.heading('1. Partner and customer information', zh(spec, '合作夥伴與客戶資訊'));
  w.field('Partner company name', spec.partner.name);
  w.field('Partner ID (MPN ID)', spec.partner.mpnId);
  w.field('Customer company name', spec.customer.name);
  if (spec.customer.nameZh && spec.language === 'zh-TW') w.field('客戶名稱', spec.customer.nameZh);
  w.field('Customer domain name', spec.customer.domain);
  w.field('Customer tenant ID', spec.customer.tenantId);
  w.field('Project name', spec.project);
  w.heading('2. Engagement description', zh(spec, '合作內容說明'));
  for (const p of spec.engagement) w.text(p, { after: 3 });
  w.heading('3. Products and workloads by activity type', zh(spec, '依活動類型列出的產品'));
  if (spec.products.length === 0) w.text('(no products listed)', { color: MUTED });
  for (const p of spec.products)
    w.text(`${spec.activity}${spec.language === 'zh-TW' ? ` ${ACTIVITY_ZH[spec.activity]}` : ''}  |  ${p.name}  |  workload: ${p.workload}`, { indent: 8 });
  w.heading('4. Customer acknowledgement', zh(spec, '客戶確認'));
  w.text(`${spec.customer.name} confirms that ${spec.partner.name} delivered the engagement described above.`);
  if (spec.language === 'zh-TW') w.text('本公司確認上述合作夥伴已提供所述之服務。');
  w.field('Name', spec.signer?.name ?? '');
  w.field('Title', spec.signer?.title ?? '');
  w.text('Signature:');
  if (spec.signer) w.signature(rng, spec.signer.name);
  else {
    w.text('________________________', { color: MUTED });
    w.y -= 10;
  }
  w.field('Date', spec.date ? (spec.language === 'zh-TW' ? `${spec.date}（${longDate(spec.date)}）` : longDate(spec.date)) : '');
  w.y -= 16;
  w.text(spec.language === 'zh-TW' ? '此文件為示範用途，內容皆為虛構。 Demo document: fictional data.' : 'Demo document: fictional data.', {
    size: 8,
    color: MUTED,
  });
}

function email(w: Writer, rng: Rng, spec: PoeSpec): void {
  const from = spec.signer
    ? `${spec.signer.name} <${
        spec.signer.name
          .toLowerCase()
          .replace(/[^a-z]+/g, '.')
          .replace(/^\.|\.$/g, '') || 'it'
      }@${spec.customer.domain}>`
    : `${spec.partner.contact} (${spec.partner.name})`;
  w.text(`From: ${from}`, { size: 10 });
  w.text(`To: claims@${spec.partner.name.toLowerCase().replace(/[^a-z]+/g, '')}.example`, { size: 10 });
  w.text(`Date: ${spec.date ? longDate(spec.date) : '(not shown)'}`, { size: 10 });
  w.text(`Subject: Confirmation of engagement - ${spec.project}`, { size: 10, bold: true, after: 10 });
  w.text('Hello,', { after: 4 });
  w.text(
    `This is to confirm the work ${spec.partner.name} carried out for ${spec.customer.name} (${spec.customer.domain}, tenant ${spec.customer.tenantId}).`,
    { after: 4 },
  );
  for (const p of spec.engagement) w.text(p, { after: 4 });
  if (spec.products.length) w.text(`Products in scope: ${spec.products.map((p) => `${p.name} (${spec.activity})`).join('; ')}.`, { after: 4 });
  if (spec.signer) {
    w.text('We acknowledge the engagement and agree to the association of the partner with our tenant.', { after: 8 });
    w.text('Best regards,');
    w.signature(rng, spec.signer.name);
    w.text(`${spec.signer.name}, ${spec.signer.title}, ${spec.customer.name}`);
  } else {
    // not the customer's acknowledgement: the partner's own summary of the engagement
    w.text('Thanks,', { after: 2 });
    w.text(`${spec.partner.contact}, ${spec.partner.name}`);
  }
}

function statementOfWork(w: Writer, rng: Rng, spec: PoeSpec): void {
  w.text('Statement of Work - signed copy', { size: 18, bold: true, after: 6 });
  w.field('Supplier', `${spec.partner.name} (MPN ${spec.partner.mpnId})`);
  w.field('Client', `${spec.customer.name}, ${spec.customer.domain}`);
  w.field('Microsoft tenant', spec.customer.tenantId);
  w.heading('Scope and deliverables', null);
  for (const p of spec.engagement) w.text(p, { after: 3 });
  w.heading('Licensed products', null);
  for (const p of spec.products) w.text(`- ${p.name} (${p.workload}), ${spec.activity}`, { indent: 6 });
  w.heading('Sign-off', null);
  w.text(`Accepted on behalf of ${spec.customer.name}:`);
  if (spec.signer) w.signature(rng, spec.signer.name);
  else w.y -= 30;
  w.field('Name / title', spec.signer ? `${spec.signer.name}, ${spec.signer.title}` : '');
  w.field('Date', spec.date ? longDate(spec.date) : '');
}

/** Renders a PDF PoE for the spec; `created` is the document's own timestamp (deterministic metadata). */
export async function pdfPoe(rng: Rng, spec: PoeSpec, created: string): Promise<Uint8Array> {
  const { doc, fonts } = await newDocument(spec, created);
  if (spec.layout === 'scanned') {
    const png = await rasterPoe(rng, spec, 'jpeg', 520, 720);
    const img = await doc.embedJpg(png);
    const page = doc.addPage([A4.width, A4.height]);
    page.drawRectangle({ x: 0, y: 0, width: A4.width, height: A4.height, color: rgb(0.86, 0.86, 0.85) });
    const w = A4.width - 60;
    const h = (w * img.height) / img.width;
    page.drawImage(img, { x: 36, y: (A4.height - h) / 2 - 6, width: w, height: h, rotate: degrees(rng.between(-1.8, 1.8)) });
  } else {
    const w = new Writer(doc, fonts);
    if (spec.layout === 'email') email(w, rng, spec);
    else if (spec.layout === 'sow') statementOfWork(w, rng, spec);
    else template(w, rng, spec);
  }
  return doc.save({ useObjectStreams: false });
}

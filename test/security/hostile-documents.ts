// Documents that are not what they claim, made in the test with pdf-lib and raw bytes: corrupt,
// truncated, empty and header-only PDFs, a page tree that lies about its page count, a real 2,000-page
// PDF, JavaScript in every place a PDF can hold it (open action, page open, link, names tree, XFA), a
// font matrix carrying code (the CVE-2024-4367 pattern) and a font program of garbage; plus files of
// other types named as PoE. Every script, if it ever ran, trips a trap the tests look at.
import { randomBytes } from 'node:crypto';
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFNumber, PDFString, StandardFonts, type PDFRef } from 'pdf-lib';

/** What a PDF script does if it runs: a global flag, an alert, a page-visible change. */
export const SCRIPT = "globalThis.__poeScriptRan = true; try { app.alert('pdf script ran'); } catch (e) {} try { document.title = 'PWNED'; } catch (e) {}";

async function basePdf(label: string, pages = 1): Promise<PDFDocument> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  for (let i = 0; i < pages; i++) {
    const page = pdf.addPage([595, 842]);
    page.drawText(`${label} page ${i + 1} ${randomBytes(4).toString('hex')}`, { x: 50, y: 780, size: 14, font });
  }
  return pdf;
}

const jsAction = (pdf: PDFDocument): PDFRef => pdf.context.register(pdf.context.obj({ Type: 'Action', S: 'JavaScript', JS: PDFString.of(SCRIPT) }));

export async function openActionJavaScript(): Promise<Uint8Array> {
  const pdf = await basePdf('OpenAction JavaScript');
  pdf.catalog.set(PDFName.of('OpenAction'), jsAction(pdf));
  // Also as a document-level script in the names tree, on page open and on a link covering the page.
  const names = pdf.context.obj({ JavaScript: pdf.context.obj({ Names: [PDFString.of('init'), jsAction(pdf)] }) });
  pdf.catalog.set(PDFName.of('Names'), names);
  const page = pdf.getPage(0);
  page.node.set(PDFName.of('AA'), pdf.context.obj({ O: jsAction(pdf) }));
  const link = pdf.context.register(pdf.context.obj({ Type: 'Annot', Subtype: 'Link', Rect: [0, 0, 595, 842], Border: [0, 0, 0], A: jsAction(pdf) }));
  const uri = pdf.context.register(
    pdf.context.obj({
      Type: 'Annot',
      Subtype: 'Link',
      Rect: [0, 0, 100, 100],
      A: pdf.context.obj({ S: 'URI', URI: PDFString.of('https://evil.example/steal') }),
    }),
  );
  const launch = pdf.context.register(
    pdf.context.obj({ Type: 'Annot', Subtype: 'Link', Rect: [100, 0, 200, 100], A: pdf.context.obj({ S: 'Launch', F: PDFString.of('/bin/sh') }) }),
  );
  page.node.set(PDFName.of('Annots'), pdf.context.obj([link, uri, launch]));
  return pdf.save({ useObjectStreams: false });
}

export async function xfaForm(): Promise<Uint8Array> {
  const pdf = await basePdf('XFA form');
  const xdp = `<?xml version="1.0"?><xdp:xdp xmlns:xdp="http://ns.adobe.com/xdp/"><template xmlns="http://www.xfa.org/schema/xfa-template/3.3/"><subform name="form1" layout="tb"><pageSet><pageArea name="p1"><contentArea x="0" y="0" w="8.5in" h="11in"/><medium stock="letter"/></pageArea></pageSet><field name="f"><event activity="initialize"><script contentType="application/x-javascript">${SCRIPT}</script></event></field></subform></template></xdp:xdp>`;
  const stream = pdf.context.register(pdf.context.flateStream(new TextEncoder().encode(xdp)));
  const field = pdf.context.register(pdf.context.obj({ FT: 'Tx', T: PDFString.of('f'), AA: pdf.context.obj({ K: jsAction(pdf) }) }));
  pdf.catalog.set(PDFName.of('AcroForm'), pdf.context.obj({ Fields: [field], XFA: stream, NeedsRendering: true }));
  return pdf.save();
}

/** A Type3 font whose FontMatrix smuggles code, as in CVE-2024-4367, plus a TrueType font program of garbage. */
export async function maliciousFonts(): Promise<Uint8Array> {
  const pdf = await basePdf('malformed fonts');
  const ctx = pdf.context;
  const glyph = ctx.register(ctx.stream('0 0 d0 0 0 m 500 0 l 500 500 l f'));
  const matrix = PDFArray.withContext(ctx);
  for (const n of [0.001, 0, 0, 0.001, 0]) matrix.push(PDFNumber.of(n));
  matrix.push(PDFString.of(`0); ${SCRIPT}; (0`));
  const type3 = ctx.register(
    ctx.obj({
      Type: 'Font',
      Subtype: 'Type3',
      FontBBox: [0, 0, 500, 500],
      FontMatrix: matrix,
      CharProcs: ctx.obj({ a: glyph }),
      Encoding: ctx.obj({ Type: 'Encoding', Differences: [97, PDFName.of('a')] }),
      FirstChar: 97,
      LastChar: 97,
      Widths: [500],
    }),
  );
  const garbage = ctx.register(ctx.stream(randomBytes(4096)));
  const descriptor = ctx.register(
    ctx.obj({
      Type: 'FontDescriptor',
      FontName: PDFName.of('Broken'),
      Flags: 32,
      FontBBox: [0, 0, 1000, 1000],
      ItalicAngle: 0,
      Ascent: 800,
      Descent: -200,
      CapHeight: 700,
      StemV: 80,
      FontFile2: garbage,
    }),
  );
  const truetype = ctx.register(
    ctx.obj({
      Type: 'Font',
      Subtype: 'TrueType',
      BaseFont: PDFName.of('Broken'),
      FirstChar: 32,
      LastChar: 126,
      Widths: Array(95).fill(500),
      FontDescriptor: descriptor,
    }),
  );
  const page = pdf.getPage(0);
  const resources = page.node.Resources() ?? ctx.obj({});
  const fonts = (resources.get(PDFName.of('Font')) as PDFDict | undefined) ?? ctx.obj({});
  fonts.set(PDFName.of('FX3'), type3);
  fonts.set(PDFName.of('FTT'), truetype);
  resources.set(PDFName.of('Font'), fonts);
  const content = ctx.register(ctx.stream('BT /FX3 24 Tf 50 600 Td (aaa) Tj ET BT /FTT 18 Tf 50 500 Td (broken font text) Tj ET'));
  const contents = page.node.get(PDFName.of('Contents'));
  page.node.set(PDFName.of('Contents'), ctx.obj([...(contents instanceof PDFArray ? contents.asArray() : contents ? [contents] : []), content]));
  return pdf.save();
}

/** One page, but the page tree says it has more than two billion. */
export async function lyingPageCount(): Promise<Uint8Array> {
  const pdf = await basePdf('lying page count');
  const pages = pdf.catalog.lookup(PDFName.of('Pages'), PDFDict);
  pages.set(PDFName.of('Count'), PDFNumber.of(2_147_483_647));
  return pdf.save();
}

export const manyPages = async (): Promise<Uint8Array> => (await basePdf('many pages', 2_000)).save();

export async function truncated(): Promise<Uint8Array> {
  const whole = await (await basePdf('truncated', 3)).save();
  return whole.slice(0, Math.floor(whole.byteLength * 0.6));
}

export const corrupt = (): Uint8Array => Buffer.concat([Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1'), randomBytes(8_192)]);
export const headerOnly = (): Uint8Array => Buffer.from(`%PDF-1.4\n% ${randomBytes(6).toString('hex')}\n%%EOF\n`);
export const encrypted = async (): Promise<Uint8Array> => {
  // pdf-lib cannot encrypt: an Encrypt dictionary with a bogus key makes the file need a password.
  const pdf = await basePdf('encrypted');
  const bytes = Buffer.from(await pdf.save({ useObjectStreams: false }));
  const at = bytes.lastIndexOf('trailer') + 'trailer'.length;
  const open = bytes.indexOf('<<', at) + 2;
  const id = PDFHexString.of(randomBytes(16).toString('hex')).toString();
  const dict = ` /Encrypt << /Filter /Standard /V 1 /R 2 /O ${PDFHexString.of('00'.repeat(32)).toString()} /U ${PDFHexString.of('11'.repeat(32)).toString()} /P -4 >> /ID [${id} ${id}] `;
  return Buffer.concat([bytes.subarray(0, open), Buffer.from(dict), bytes.subarray(open)]);
};

/** Every hostile PDF with the name it is uploaded under. */
export async function hostilePdfs(): Promise<{ name: string; bytes: Uint8Array; opens: boolean; text?: string }[]> {
  return [
    { name: 'openaction-javascript.pdf', bytes: await openActionJavaScript(), opens: true, text: 'OpenAction JavaScript page 1' },
    { name: 'xfa-form.pdf', bytes: await xfaForm(), opens: true, text: 'XFA form page 1' },
    { name: 'malicious-fonts.pdf', bytes: await maliciousFonts(), opens: true, text: 'malformed fonts page 1' },
    { name: 'lying-page-count.pdf', bytes: await lyingPageCount(), opens: true, text: 'lying page count page 1' },
    { name: 'two-thousand-pages.pdf', bytes: await manyPages(), opens: true, text: 'many pages page 1' },
    { name: 'truncated.pdf', bytes: await truncated(), opens: false },
    { name: 'corrupt.pdf', bytes: corrupt(), opens: false },
    { name: 'header-only.pdf', bytes: headerOnly(), opens: false },
    { name: 'needs-password.pdf', bytes: await encrypted(), opens: false },
  ];
}

/** Files of other types under PoE names: the service must refuse each by content. */
export const misnamed = (): { name: string; bytes: Uint8Array; contentType: string }[] => [
  { name: 'poe.pdf', bytes: Buffer.from('<!doctype html><html><script>alert(1)</script></html>'), contentType: 'application/pdf' },
  { name: 'poe.pdf', bytes: Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), randomBytes(256)]), contentType: 'application/pdf' },
  { name: 'poe.pdf', bytes: Buffer.concat([Buffer.from('MZ'), randomBytes(256)]), contentType: 'application/octet-stream' },
  { name: 'poe.pdf', bytes: Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), randomBytes(256)]), contentType: 'application/pdf' },
  { name: 'scan.png', bytes: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'), contentType: 'image/png' },
  { name: 'scan.png', bytes: Buffer.concat([Buffer.from('GIF89a'), randomBytes(64)]), contentType: 'image/png' },
  { name: 'scan.jpg', bytes: Buffer.concat([Buffer.from('RIFF'), randomBytes(4), Buffer.from('WEBPVP8 '), randomBytes(64)]), contentType: 'image/jpeg' },
  { name: 'poe.pdf', bytes: Buffer.from('{"not":"a pdf"}'), contentType: 'application/pdf' },
  { name: 'poe.pdf', bytes: Buffer.from('PDF-1.7 without its percent sign'), contentType: 'application/pdf' },
];

// PDFs that test what the viewer can show, written the way Office, Acrobat and pdf-lib write them:
// the 14 standard fonts not embedded (pdf-lib), Type0 fonts with predefined CJK CMaps and no font
// file (MSung-Light with UniCNS-UCS2-H…, horizontal and vertical), search text with line breaks,
// doubled spaces and full-width digits, and pages with a broken font or a broken content stream.
import { PDFDocument, StandardFonts } from 'pdf-lib';

/** One line of text and where it is drawn (PDF points from the bottom left), for pixel checks. */
export interface Line {
  text: string;
  x: number;
  y: number;
  size: number;
  vertical?: boolean;
}

export const PAGE = { width: 595, height: 842 };

/** The 14 standard fonts, one line each; Symbol and ZapfDingbats with their own characters. */
export const STANDARD_LINES: (Line & { font: StandardFonts })[] = Object.values(StandardFonts).map((font, i) => ({
  font,
  text: font === StandardFonts.Symbol ? 'αβγδ Σπ' : font === StandardFonts.ZapfDingbats ? '✔✖❤' : `${font} 365 ok`,
  x: 60,
  y: 780 - i * 48,
  size: 22,
}));

export async function standardFontsPdf(): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const page = pdf.addPage([PAGE.width, PAGE.height]);
  for (const line of STANDARD_LINES) page.drawText(line.text, { x: line.x, y: line.y, size: line.size, font: await pdf.embedFont(line.font) });
  return pdf.save({ useObjectStreams: false });
}

// ── hand-written PDFs ──

const hex16 = (text: string): string =>
  [...text]
    .map((c) => c.codePointAt(0)!)
    .flatMap((cp) => (cp > 0xffff ? [0xd800 + ((cp - 0x10000) >> 10), 0xdc00 + ((cp - 0x10000) & 0x3ff)] : [cp]))
    .map((u) => u.toString(16).padStart(4, '0'))
    .join('');

const escapeLiteral = (t: string) => t.replace(/[\\()]/g, (c) => `\\${c}`);

interface RawPage {
  content: string;
  /** Font resource name → font object body. */
  fonts: Record<string, string>;
}

/** A PDF from raw pages: objects numbered in order, a correct cross-reference table. `catalog` may
 *  add objects and entries to the catalog; `trailer` adds entries to the trailer. */
export function rawPdf(pages: RawPage[], extra: { catalog?: (add: (body: string) => number) => string; trailer?: string } = {}): Uint8Array {
  const objects: string[] = [];
  const add = (body: string) => objects.push(body) - 1 + 3; // 1 = catalog, 2 = pages
  const kids: number[] = [];
  for (const p of pages) {
    const fontRefs = Object.entries(p.fonts).map(([name, body]) => `/${name} ${add(body)} 0 R`);
    const content = add(`<< /Length ${Buffer.byteLength(p.content, 'latin1')} >>\nstream\n${p.content}\nendstream`);
    kids.push(
      add(
        `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${PAGE.width} ${PAGE.height}] /Resources << /Font << ${fontRefs.join(' ')} >> >> /Contents ${content} 0 R >>`,
      ),
    );
  }
  const catalogExtra = extra.catalog?.(add) ?? '';
  const all = [
    `<< /Type /Catalog /Pages 2 0 R ${catalogExtra}>>`,
    `<< /Type /Pages /Kids [${kids.map((k) => `${k} 0 R`).join(' ')}] /Count ${kids.length} >>`,
    ...objects,
  ];
  let out = '%PDF-1.7\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  all.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${all.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${all.length + 1} /Root 1 0 R ${extra.trailer ?? ''}>>\nstartxref\n${xref}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(out, 'latin1'));
}

/** A Type0 font naming a predefined CMap, with no font file (as Office and Acrobat write CJK text). */
export function cjkFont(baseFont: string, encoding: string, ordering: string): string {
  return `<< /Type /Font /Subtype /Type0 /BaseFont /${baseFont} /Encoding /${encoding} /DescendantFonts [<< /Type /Font /Subtype /CIDFontType0 /BaseFont /${baseFont} /CIDSystemInfo << /Registry (Adobe) /Ordering (${ordering}) /Supplement 2 >> /FontDescriptor << /Type /FontDescriptor /FontName /${baseFont} /Flags 6 /FontBBox [-160 -250 1000 1000] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 700 /StemV 80 >> /DW 1000 >>] >>`;
}

const HELVETICA = '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>';

const textOp = (font: string, line: Line, codes: string) => `BT /${font} ${line.size} Tf ${line.x} ${line.y} Td ${codes} Tj ET`;

/** The predefined CMaps a PoE uses, with text of its script. */
export const CJK_CASES = [
  { cmap: 'UniCNS-UCS2-H', font: 'MSung-Light', ordering: 'CNS1', text: '客戶確認簽名' },
  { cmap: 'UniCNS-UTF16-H', font: 'MSung-Light', ordering: 'CNS1', text: '執行證明完成' },
  { cmap: 'UniGB-UCS2-H', font: 'STSong-Light', ordering: 'GB1', text: '客户确认签名' },
  { cmap: 'UniJIS-UCS2-H', font: 'HeiseiMin-W3', ordering: 'Japan1', text: '顧客確認署名' },
  { cmap: 'UniKS-UCS2-H', font: 'HYSMyeongJo-Medium', ordering: 'Korea1', text: '고객확인서명' },
  { cmap: 'UniCNS-UCS2-V', font: 'MSung-Light', ordering: 'CNS1', text: '客戶確認簽名' },
  { cmap: 'UniGB-UCS2-V', font: 'STSong-Light', ordering: 'GB1', text: '客户确认签名' },
  { cmap: 'UniJIS-UCS2-V', font: 'HeiseiMin-W3', ordering: 'Japan1', text: '顧客確認署名' },
  { cmap: 'UniKS-UCS2-V', font: 'HYSMyeongJo-Medium', ordering: 'Korea1', text: '고객확인서명' },
] as const;

/** Where each case's text is drawn: horizontal lines top down; vertical columns from the left. */
export function cjkLine(i: number): Line {
  const c = CJK_CASES[i]!;
  const vertical = c.cmap.endsWith('-V');
  return vertical ? { text: c.text, x: 80 + (i - 5) * 120, y: 380, size: 28, vertical } : { text: c.text, x: 60, y: 770 - i * 70, size: 28 };
}

/** One page: a Latin label (Helvetica, not embedded) and every case's CJK text in its own font. */
export function cjkPdf(): Uint8Array {
  const fonts: Record<string, string> = { F0: HELVETICA };
  const ops: string[] = [];
  CJK_CASES.forEach((c, i) => {
    fonts[`C${i}`] = cjkFont(c.font, c.cmap, c.ordering);
    ops.push(textOp(`C${i}`, cjkLine(i), `<${hex16(c.text)}>`));
  });
  ops.push(textOp('F0', { text: '', x: 300, y: 800, size: 12 }, '(Predefined CMaps, fonts not embedded)'));
  return rawPdf([{ fonts, content: ops.join('\n') }]);
}

/** A zh-TW PoE as Office writes it: MSung-Light with UniCNS-UCS2-H, nothing embedded. */
export function zhTwPoe(): Uint8Array {
  const fonts = { F0: HELVETICA, C0: cjkFont('MSung-Light', 'UniCNS-UCS2-H', 'CNS1') };
  const rows: [string, string][] = [
    ['C0', '執行證明（Proof of Execution）'],
    ['F0', 'Partner: Contoso Taiwan Ltd.   Customer: Formosa Trading Co.'],
    ['C0', '客戶：福爾摩沙貿易股份有限公司'],
    ['C0', '產品：Dynamics ３６５ Sales 部署'],
    ['F0', 'Customer tenant ID: 7c1d2e3f-4a5b-4c6d-8e9f-0a1b2c3d4e5f'],
    ['C0', '客戶確認：本公司確認上述工作已完成。'],
    ['C0', '簽名：王小明　日期：２０２６年２月２７日'],
  ];
  const content = rows
    .map(([font, text], i) =>
      textOp(font, { text, x: 60, y: 770 - i * 44, size: font === 'C0' ? 20 : 12 }, font === 'C0' ? `<${hex16(text)}>` : `(${escapeLiteral(text)})`),
    )
    .join('\n');
  return rawPdf([{ fonts, content }]);
}

/** Search cases: a phrase broken across two lines, a doubled space, full-width digits, in English and zh-TW. */
export function findPdf(): Uint8Array {
  const fonts = { F0: HELVETICA, C0: cjkFont('MSung-Light', 'UniCNS-UCS2-H', 'CNS1') };
  const latin = (text: string, y: number) => textOp('F0', { text, x: 60, y, size: 14 }, `(${escapeLiteral(text)})`);
  const cjk = (text: string, y: number) => textOp('C0', { text, x: 60, y, size: 18 }, `<${hex16(text)}>`);
  const content = [
    latin('We confirm the delivery and the customer', 780),
    latin('acknowledgement of the work on Dynamics  365 Sales.', 760),
    cjk('本公司已完成部署並取得客戶', 700),
    cjk('確認，產品為 Dynamics ３６５ 商務版。', 676),
  ].join('\n');
  return rawPdf([{ fonts, content }]);
}

/** Page 1 is fine; page 2 has a font naming a CMap that does not exist and a broken font file;
 *  page 3's content stream breaks after its first line ("Illegal character" in pdf.js). */
export function brokenPdf(): Uint8Array {
  const fonts = { F0: HELVETICA };
  const broken = {
    F0: HELVETICA,
    B0: cjkFont('MSung-Light', 'UniCNS-Nonexistent-H', 'CNS1'),
    B1: '<< /Type /Font /Subtype /TrueType /BaseFont /BrokenSans /FirstChar 32 /LastChar 126 /Widths [] /FontDescriptor << /Type /FontDescriptor /FontName /BrokenSans /Flags 32 /FontBBox [0 0 1000 1000] /ItalicAngle 0 /Ascent 900 /Descent -100 /CapHeight 700 /StemV 80 /FontFile2 << /Length 5 /Filter /FlateDecode >> >> >>',
  };
  return rawPdf([
    { fonts, content: textOp('F0', { text: '', x: 60, y: 760, size: 18 }, '(Page one is complete.)') },
    {
      fonts: broken,
      content: [
        textOp('F0', { text: '', x: 60, y: 760, size: 18 }, '(Page two: the lines below use broken fonts.)'),
        textOp('B0', { text: '', x: 60, y: 700, size: 24 }, `<${hex16('客戶確認')}>`),
        textOp('B1', { text: '', x: 60, y: 640, size: 18 }, '(Broken TrueType line)'),
      ].join('\n'),
    },
    {
      fonts,
      content: `${textOp('F0', { text: '', x: 60, y: 760, size: 18 }, '(Page three, first line.)')}\n) ] >> }\n${textOp('F0', { text: '', x: 60, y: 700, size: 18 }, '(Page three, second line.)')}`,
    },
  ]);
}

const ID = '<0123456789abcdef0123456789abcdef>';
const onePage = (text: string): RawPage => ({ fonts: { F0: HELVETICA }, content: textOp('F0', { text, x: 60, y: 760, size: 18 }, `(${escapeLiteral(text)})`) });

/** Only its attachment is encrypted (Acrobat's "encrypt only file attachments": AES for embedded
 *  files, opened on EFOpen): the PoE page itself is readable without any password. */
export function attachmentEncryptedPdf(): Uint8Array {
  return rawPdf([onePage('The PoE page is readable; only the attachment is encrypted.')], {
    catalog: (add) => {
      const file = add('<< /Type /EmbeddedFile /Length 16 >>\nstream\n\x13\x37\x00\xff\x42\x42\x99\x10\x01\x02\x03\x04\x05\x06\x07\x08\nendstream');
      return `/Names << /EmbeddedFiles << /Names [(timesheet.xlsx) << /Type /Filespec /F (timesheet.xlsx) /EF << /F ${file} 0 R >> >>] >> >> `;
    },
    trailer: `/Encrypt << /Filter /Standard /V 4 /R 4 /Length 128 /CF << /StdCF << /CFM /AESV2 /AuthEvent /EFOpen /Length 16 >> >> /StmF /Identity /StrF /Identity /EFF /StdCF /O <${'00'.repeat(32)}> /U <${'11'.repeat(32)}> /P -4 >> /ID [${ID} ${ID}] `,
  });
}

/** A PoE that really needs a password to open (its whole content is encrypted). */
export function passwordPdf(): Uint8Array {
  return rawPdf([onePage('Secret')], {
    trailer: `/Encrypt << /Filter /Standard /V 2 /R 3 /Length 128 /O <${'00'.repeat(32)}> /U <${'11'.repeat(32)}> /P -4 >> /ID [${ID} ${ID}] `,
  });
}

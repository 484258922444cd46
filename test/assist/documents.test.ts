// The assist's findings on generated PoE PDFs, read as the workstation reads them (pdf.js in the reader
// thread, one thread for all of them) and analysed against their claim: every date format, every signature
// case, and products named by alias, by their zh-TW name or only in a table.
import fontkit from '@pdf-lib/fontkit';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DocumentReader } from '../../electron/core/assist/extract';
import { cjkFont } from '../../server/demo/fonts';
import { analyseClaim, type Findings, type Suggestion } from '../../shared/domain/assist';
import { claim, header } from './claim-fixture';

const work = [
  'We ran discovery workshops, deployed D365 Sales for 240 users with data migration,',
  'administrator training and go-live support, and built PBI Pro dashboards with the finance team.',
];
/** A signature block on a later page: the name line(s), then the date line. */
const block = (nameLines: string[], dateLine: string | null) => [
  'Customer acknowledgement',
  'Taiwan Precision Machinery confirms the engagement described above.',
  ...nameLines,
  'Title: CIO',
  ...(dateLine ? [dateLine] : []),
];
const signed = (dateLine: string | null) => [header.concat(work), block(['Name: Chen Wei-Ting'], dateLine)];

const DATES: [string, string, string | null][] = [
  ['ISO', 'Date: 2026-02-20', '2026-02-20'],
  ['ISO with slashes', 'Date: 2026/2/20', '2026-02-20'],
  ['d/m/y', 'Date: 20/02/2026', '2026-02-20'],
  ['m/d/y', 'Date: 02/20/2026', '2026-02-20'],
  ['day month year', 'Date: 20 February 2026', '2026-02-20'],
  ['month day, year', 'Date: Feb. 20, 2026', '2026-02-20'],
  ['年月日', '日期：2026年2月20日', '2026-02-20'],
  ['ROC with 民國', '簽署日期：民國115年2月20日', '2026-02-20'],
  ['ROC numeric', '日期：115/02/20', '2026-02-20'],
];

/** Every generated document by name: its pages of lines, and how to lay out a line that is a table row. */
const DOCS: Record<string, string[][]> = {
  ...Object.fromEntries(DATES.map(([name, line]) => [`date ${name}`, signed(line)])),
  'date ambiguous, resolved by the other dates': [
    header.concat(work, ['From 15/01/2026 to 28/01/2026 the team worked on site.']),
    block(['Name: Chen Wei-Ting'], 'Date: 03/02/2026'),
  ],
  'date ambiguous, resolved by the submission': [header.concat(work), block(['Name: Chen Wei-Ting'], 'Date: 03/04/2026')],
  'date ambiguous, unresolved': [header.concat(work), block(['Name: Chen Wei-Ting'], 'Date: 03/12/2025')],
  'date after submission': signed('Date: 2026-04-20'),
  'date outdated': signed('Date: 10 January 2025'),
  undated: signed(null),
  'signature date, not the project dates': [
    header.concat(work, ['The project started on 3 January 2024 and ended on 14 February 2024.']),
    block(['Name: Chen Wei-Ting'], 'Date: 2026-02-20'),
  ],
  'signed by the partner': [header.concat(work), block(['Name: Grace Huang'], 'Date: 2026-02-20')],
  'signed by customer staff with a customer e-mail': [header.concat(work), block(['Name: Lin Mei-Hua, lin.meihua@twprecision.example'], 'Date: 2026-02-20')],
  'signed by someone of neither side': [header.concat(work), block(['Name: Lin Mei-Hua'], 'Date: 2026-02-20')],
  'blank signature block': [header.concat(work), block(['Name: ____________________'], 'Date: ____________')],
  'e-mail sign-off': [
    header.concat(work),
    [
      'From: Chen Wei-Ting <chen.wei.ting@twprecision.example>',
      'Sent: 20 February 2026',
      'We confirm the engagement described above.',
      'Best regards,',
      'Chen Wei-Ting',
    ],
  ],
  'products by other aliases': [
    header.concat(['Discovery workshops, a Dynamics CRM Online rollout for 240 users, and Power BI Professional reports.']),
    block(['Name: Chen Wei-Ting'], 'Date: 2026-02-20'),
  ],
  'products by zh-TW name': [
    header.concat(['導入 Dynamics 365 銷售 與 Power BI 專業版 報表，並完成資料移轉與教育訓練。']),
    block(['Name: Chen Wei-Ting'], 'Date: 2026-02-20'),
  ],
  'products only in a table': [
    header.concat([
      'Workshops, data migration, administrator training and go-live support as listed below.',
      'Product | Seats | Go-live',
      'D365 Sales | 240 | 2026-02-01',
      'PBI Pro | 35 | 2026-02-10',
    ]),
    block(['Name: Chen Wei-Ting'], 'Date: 2026-02-20'),
  ],
  'one product missing': [
    header.concat(['We ran discovery workshops and deployed D365 Sales for 240 users with data migration and training.']),
    block(['Name: Chen Wei-Ting'], 'Date: 2026-02-20'),
  ],
};

/** A PDF of the pages; a line with " | " is a table row, its cells drawn as separate text runs in columns. */
async function pdfOf(pages: string[][], font: Uint8Array): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.registerFontkit(fontkit);
  const f = await pdf.embedFont(font, { subset: false });
  for (const lines of pages) {
    const page = pdf.addPage([595, 842]);
    lines.forEach((line, i) => {
      const cells = line.split(' | ');
      cells.forEach((cell, k) => page.drawText(cell, { x: 56 + k * 150, y: 780 - i * 18, size: 10, font: f }));
    });
  }
  return pdf.save();
}

const results = new Map<string, { findings: Findings; suggestions: Suggestion[]; text: string }>();
const reader = new DocumentReader(path.join(mkdtempSync(path.join(os.tmpdir(), 'assist-docs-')), 'tessdata'));

beforeAll(async () => {
  const font = await cjkFont(Object.values(DOCS).flat(2));
  for (const [name, pages] of Object.entries(DOCS)) {
    const x = await reader.read(await pdfOf(pages, font), 'application/pdf');
    expect(x, name).toMatchObject({ text: 'layer', error: null });
    results.set(name, { ...analyseClaim(claim, [{ sha256: 'a'.repeat(64), ...x }], { timeZone: 'Asia/Taipei' }), text: x.text });
  }
}, 120_000);

afterAll(async () => {
  await reader.close();
});

const get = (name: string) => results.get(name)!;
const verdict = (name: string, code: string, productId: string | null = null) =>
  get(name).suggestions.find((s) => s.code === code && s.productId === productId)!.verdict;

describe('the assist on generated PoE PDFs', () => {
  it('reads them all in one reader thread, no OCR needed', () => {
    expect(results.size).toBe(Object.keys(DOCS).length);
    expect(reader.pdf.threadsStarted).toBe(1);
  });

  it.each(DATES)('reads the acknowledgement date written %s', (name, line, iso) => {
    const r = get(`date ${name}`);
    expect(r.findings.acknowledgement, line).toMatchObject({ signedBy: 'customer', date: iso });
    expect(verdict(`date ${name}`, 'date-missing-or-outdated')).toBe('clear');
  });

  it('resolves an ambiguous date from the other dates, and is unsure when they cannot tell', () => {
    expect(get('date ambiguous, resolved by the other dates').findings.acknowledgement.date).toBe('2026-02-03');
    expect(verdict('date ambiguous, resolved by the other dates', 'date-missing-or-outdated')).toBe('clear');
    // 3 April 2026 would be after the submission (14 March 2026): 4 March 2026 it is
    expect(get('date ambiguous, resolved by the submission').findings.acknowledgement).toMatchObject({ date: '2026-03-04', dateText: '03/04/2026' });
    expect(verdict('date ambiguous, resolved by the submission', 'date-missing-or-outdated')).toBe('clear');
    // 3 December 2025 is inside the 12 months, 12 March 2025 just outside: nothing tells which
    expect(get('date ambiguous, unresolved').findings.acknowledgement).toMatchObject({ date: null, dateText: '03/12/2025' });
    expect(verdict('date ambiguous, unresolved', 'date-missing-or-outdated')).toBe('unsure');
  });

  it('flags a date after submission, an outdated date and no date, and takes the signature block’s date over the project’s', () => {
    expect(get('date after submission').findings.acknowledgement.date).toBe('2026-04-20');
    expect(verdict('date after submission', 'date-missing-or-outdated')).toBe('applies');
    expect(verdict('date outdated', 'date-missing-or-outdated')).toBe('applies');
    expect(get('undated').findings.acknowledgement.date).toBeNull();
    expect(verdict('undated', 'date-missing-or-outdated')).toBe('applies');
    expect(get('signature date, not the project dates').findings.acknowledgement.date).toBe('2026-02-20');
    expect(verdict('signature date, not the project dates', 'date-missing-or-outdated')).toBe('clear');
  });

  it('tells who signed: the customer contact, customer staff, the partner, someone unclear, nobody', () => {
    const signedBy = (name: string) => [get(name).findings.acknowledgement.signedBy, verdict(name, 'missing-customer-acknowledgement')];
    expect(signedBy('date ISO')).toEqual(['customer', 'clear']);
    expect(signedBy('signed by customer staff with a customer e-mail')).toEqual(['customer', 'clear']);
    expect(signedBy('e-mail sign-off')).toEqual(['customer', 'clear']);
    expect(get('e-mail sign-off').findings.acknowledgement.date).toBe('2026-02-20');
    expect(signedBy('signed by the partner')).toEqual(['partner', 'applies']);
    expect(signedBy('signed by someone of neither side')).toEqual(['unsure', 'unsure']);
    expect(signedBy('blank signature block')).toEqual(['none', 'applies']);
  });

  it('finds each claimed product by an alias, its zh-TW name or a table row, and misses the one not named', () => {
    const products = (name: string) => get(name).findings.products.map((p) => [p.productId, p.named, p.alias]);
    expect(products('date ISO')).toEqual([
      ['p1', true, 'D365 Sales'],
      ['p2', true, 'PBI Pro'],
    ]);
    expect(products('products by other aliases')).toEqual([
      ['p1', true, 'Dynamics CRM Online'],
      ['p2', true, 'Power BI Professional'],
    ]);
    expect(products('products by zh-TW name')).toEqual([
      ['p1', true, 'Dynamics 365 銷售'],
      ['p2', true, 'Power BI 專業版'],
    ]);
    expect(products('products only in a table')).toEqual([
      ['p1', true, 'D365 Sales'],
      ['p2', true, 'PBI Pro'],
    ]);
    expect(products('one product missing')).toEqual([
      ['p1', true, 'D365 Sales'],
      ['p2', false, null],
    ]);
    expect(verdict('one product missing', 'missing-product', 'p2')).toBe('applies');
    expect(verdict('one product missing', 'missing-product', 'p1')).toBe('clear');
  });
});

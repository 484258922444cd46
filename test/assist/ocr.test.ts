// OCR with the npm-installed language data only: English and zh-TW words of a page image, their
// rectangles in page space, and no network use at all (a child process whose sockets, DNS and fetch throw,
// in the main thread and in every worker thread, tesseract's included).
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { DocumentText, findDates, findGuids, type PageText, type TextItem } from '../../shared/domain/assist';

const here = path.dirname(fileURLToPath(import.meta.url));
const tsx = createRequire(import.meta.url).resolve('tsx');

describe('OCR of an image-only page, offline', () => {
  it('reads English and zh-TW text with rectangles on the words, without touching the network', async () => {
    const log = path.join(mkdtempSync(path.join(os.tmpdir(), 'net-')), 'net.log');
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', tsx, path.join(here, 'ocr-offline.ts')], {
      env: { ...process.env, NODE_OPTIONS: `--require ${path.join(here, 'net-blocker.cjs')}`, NET_BLOCKER_LOG: log },
      timeout: 120_000,
    });
    const out = JSON.parse(stdout) as {
      items: TextItem[];
      boxes: { text: string; top: number; bottom: number }[];
      height: number;
      pdf: { pages: PageText[]; text: string; error: string | null };
    };
    const logged = readFileSync(log, 'utf8');
    // the blocker was in tesseract's thread and in the PDF reader thread too
    expect(logged.match(/loaded worker/g)!.length).toBeGreaterThanOrEqual(2);
    expect(logged).not.toContain('blocked');

    const doc = new DocumentText([{ page: 1, width: 550, height: out.height / 2, source: 'ocr', items: out.items }]);
    expect(doc.raw).toMatch(/Wingtip Toys/);
    expect(findGuids(doc.raw).map((g) => g.guid)).toContain('3f2504e0-4f89-41d3-9a0c-0305e82c3301');
    expect(doc.folded).toContain('台灣精密機械股份有限公司');
    expect(findDates(doc.raw).map((d) => d.readings[0])).toContain('2026-03-14');
    // the tenant line's rectangle is where it was drawn: pixels / 2, y flipped
    const li = doc.lines.findIndex((l) => /Tenant/.test(l.text));
    const box = out.boxes[1]!;
    const rect = doc.lines[li]!.rect;
    expect(rect[0]).toBeGreaterThan(15);
    expect(rect[0]).toBeLessThan(25);
    expect(rect[3]).toBeCloseTo((out.height - box.top) / 2, -1);
    expect(rect[1]).toBeCloseTo((out.height - box.bottom) / 2, -1);

    // the same image as an image-only PDF page: rendered by pdf.js in the reader thread and read by OCR, offline
    expect(out.pdf).toMatchObject({ text: 'ocr', error: null });
    const scanned = new DocumentText(out.pdf.pages);
    expect(scanned.raw).toMatch(/Wingtip Toys/);
    // (the page is the image upsampled to 216 dpi: OCR may lose a character or two of the zh-TW name)
    expect(scanned.folded).toContain('精密機械股份有限公司');
    expect(findDates(scanned.raw).map((d) => [d.format, d.readings[0]])).toContainEqual(['roc', '2026-03-14']);
    const tenantLine = scanned.lines.find((l) => /Tenant/.test(l.text))!;
    expect(tenantLine.rect[3]).toBeCloseTo((out.height - box.top) / 2, -1);
  });
});

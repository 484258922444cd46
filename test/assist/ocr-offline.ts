// Run by ocr.test.ts in a child process with the network blocked: OCR of one page image with English
// and zh-TW text through the workstation's reader, then the same image as an image-only PDF page (pdf.js
// in the reader thread renders it for OCR); prints the words found as JSON.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DocumentReader } from '../../electron/core/assist/extract';
import { pageImage, scannedPdf } from './fixtures';

const img = pageImage([
  'Customer: Wingtip Toys Ltd.',
  'Tenant ID: 3f2504e0-4f89-41d3-9a0c-0305e82c3301',
  '客戶名稱：台灣精密機械股份有限公司',
  '日期：民國115年3月14日',
]);
const reader = new DocumentReader(path.join(mkdtempSync(path.join(os.tmpdir(), 'ocr-offline-')), 'tessdata'));
const started = Date.now();
const { items } = await reader.ocr.words(img.png, 2, img.height / 2);
const ms = Date.now() - started;
const pdf = await reader.read(await scannedPdf(img), 'application/pdf');
await reader.close();
process.stdout.write(JSON.stringify({ items, boxes: img.boxes, height: img.height, ms, pdf }));

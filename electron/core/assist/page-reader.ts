// Reads PoE PDFs' pages in one long-lived worker thread with pdf.js (script evaluation off, no XFA, no
// scripting): the text layer with positions per page, and a greyscale PNG rendering of each page that has no
// usable text (for OCR). Rectangles are in PDF user space (points, origin bottom-left, y up) of the unrotated
// page. The thread loads pdf.js once and reads document after document (a batch); it ends when idle, when
// closed, or when a document takes too long (the next document starts a fresh one).
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { TextItem } from '../../../shared/domain/assist';
import { PDFJS_NODE_POLYFILLS } from '../pdfjs-node';

const require = createRequire(import.meta.url);
const PDFJS = require.resolve('pdfjs-dist/legacy/build/pdf.mjs');
const PDFJS_URL = pathToFileURL(PDFJS).href;
const PDFJS_ROOT = path.join(path.dirname(PDFJS), '..', '..');
const CMAPS = pathToFileURL(path.join(PDFJS_ROOT, 'cmaps') + path.sep).href;
const FONTS = pathToFileURL(path.join(PDFJS_ROOT, 'standard_fonts') + path.sep).href;

export interface ReadPage {
  page: number;
  width: number;
  height: number;
  items: TextItem[];
  png: Uint8Array | null;
  scale: number;
}
export type ReadResult = { ok: true; pages: ReadPage[] } | { ok: false; error: string };

/** A page with fewer than this many letters or digits in its text layer is read by OCR. */
export const MIN_TEXT_CHARS = 40;
/** Rendering scale for OCR: 72 pt × 3 ≈ 216 dpi. */
export const OCR_SCALE = 3;

// pdf.js 6 expects built-ins Node 20 lacks (the same polyfills as every other pdf.js thread): without
// ArrayBuffer#transferToFixedLength a second page rendered for OCR never finished and the worker ended silently
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
${PDFJS_NODE_POLYFILLS}
const loading = import(workerData.pdfjs);
async function read(bytes, maxPages) {
  const pdfjs = await loading;
  const task = pdfjs.getDocument({
    data: bytes, isEvalSupported: false, enableXfa: false, useSystemFonts: false, disableFontFace: true,
    cMapUrl: workerData.cmaps, cMapPacked: true, standardFontDataUrl: workerData.fonts,
    stopAtErrors: false, disableAutoFetch: true, disableStream: true, verbosity: 0,
  });
  try {
    const doc = await task.promise;
    const pages = [];
    const n = Math.min(doc.numPages, maxPages);
    for (let i = 1; i <= n; i++) {
      const page = await doc.getPage(i);
      const vp = page.getViewport({ scale: 1, rotation: 0 });
      const content = await page.getTextContent();
      const items = [];
      for (const it of content.items) {
        if (!('str' in it) || !it.str.trim()) continue;
        const [a, b, c, d, e, f] = it.transform;
        const h = Math.hypot(c, d) || it.height || 10;
        // the box pdf.js's text layer gives the item: from the baseline, the font's ascent up and its descent
        // down, as the share ascent / (ascent + descent) of the font height (0.8 when the font has no metrics)
        const style = content.styles[it.fontName] || {};
        const asc = Math.abs(style.ascent || 0), desc = Math.abs(style.descent || 0);
        const up = asc > 0 ? asc / (asc + desc) : 0.8;
        // user space → unrotated viewport at scale 1 (origin bottom-left): subtract the page box origin
        const x0 = e - vp.viewBox[0], base = f - vp.viewBox[1];
        items.push({ str: it.str, rect: [x0, base - h * (1 - up), x0 + (it.width || Math.hypot(a, b) * it.str.length * 0.5), base + h * up] });
      }
      const letters = items.map((x) => x.str).join('').replace(/[^\\p{L}\\p{N}]/gu, '').length;
      let png = null;
      if (letters < workerData.minChars) {
        const view = page.getViewport({ scale: workerData.scale });
        const { canvas, context } = doc.canvasFactory.create(Math.ceil(view.width), Math.ceil(view.height));
        context.fillStyle = '#ffffff';
        context.fillRect(0, 0, canvas.width, canvas.height);
        await page.render({ canvasContext: context, canvas, viewport: view }).promise;
        png = new Uint8Array(await canvas.encode('png'));
      }
      pages.push({ page: i, width: vp.width, height: vp.height, items, png, scale: workerData.scale });
      page.cleanup();
    }
    return { ok: true, pages };
  } finally {
    await task.destroy();
  }
}
parentPort.on('message', ({ id, bytes, maxPages }) => {
  read(bytes, maxPages).then(
    (r) => parentPort.postMessage({ id, result: r }),
    (e) => parentPort.postMessage({ id, result: { ok: false, error: String((e && e.message) || e) } }),
  );
});
`;

/** How long the reader thread stays up with nothing to read (a batch's documents come one after another). */
const IDLE_MS = 30_000;

interface Job {
  id: number;
  resolve: (r: ReadResult) => void;
  timer: NodeJS.Timeout;
}

/** One reader thread, started on the first document, reused for the next ones; never throws. */
export class PdfReader {
  private worker: Worker | null = null;
  private job: Job | null = null;
  private chain: Promise<unknown> = Promise.resolve();
  private idle: NodeJS.Timeout | null = null;
  private nextId = 1;
  /** How many threads this reader started (tests: a batch runs in one). */
  threadsStarted = 0;

  constructor(private readonly options: { idleMs?: number } = {}) {}

  /** Whether a reader thread is up. */
  get running(): boolean {
    return this.worker !== null;
  }

  /** Reads a PDF; documents are read one at a time, in the order asked. A broken file is an `ok: false` result. */
  read(bytes: Uint8Array, options: { timeoutMs?: number; maxPages?: number } = {}): Promise<ReadResult> {
    const run = this.chain.then(() => this.readNow(bytes, options));
    this.chain = run;
    return run;
  }

  private thread(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(WORKER, {
      eval: true,
      workerData: { pdfjs: PDFJS_URL, cmaps: CMAPS, fonts: FONTS, minChars: MIN_TEXT_CHARS, scale: OCR_SCALE },
      resourceLimits: { maxOldGenerationSizeMb: 512 },
      stdout: true,
      stderr: true,
    });
    this.threadsStarted++;
    worker.on('message', (m: { id: number; result: ReadResult }) => {
      if (this.job?.id === m.id) this.settle(m.result);
    });
    worker.on('error', (e) => this.stop(worker, e.message));
    worker.on('exit', (code) => this.stop(worker, `the reader stopped (exit code ${code})`));
    this.worker = worker;
    return worker;
  }

  private readNow(bytes: Uint8Array, options: { timeoutMs?: number; maxPages?: number }): Promise<ReadResult> {
    if (this.idle) clearTimeout(this.idle);
    return new Promise((resolve) => {
      const worker = this.thread();
      worker.ref();
      const id = this.nextId++;
      const timer = setTimeout(() => this.stop(worker, 'the document was not read in time'), options.timeoutMs ?? 60_000);
      this.job = { id, resolve, timer };
      const copy = bytes.slice();
      worker.postMessage({ id, bytes: copy, maxPages: options.maxPages ?? 50 }, [copy.buffer]);
    });
  }

  private settle(result: ReadResult): void {
    const job = this.job;
    if (!job) return;
    this.job = null;
    clearTimeout(job.timer);
    job.resolve(result);
    const worker = this.worker;
    if (worker) {
      // between documents the thread neither keeps the process alive nor outlives the batch for long
      worker.unref();
      this.idle = setTimeout(() => this.stop(worker, null), this.options.idleMs ?? IDLE_MS);
      this.idle.unref();
    }
  }

  /** Ends a thread (stuck, failed, idle or closed); a document it was reading gets `error`. */
  private stop(worker: Worker, error: string | null): void {
    if (this.worker !== worker) return;
    this.worker = null;
    void worker.terminate();
    if (this.job) this.settle({ ok: false, error: error ?? 'the reader was closed' });
  }

  async close(): Promise<void> {
    if (this.idle) clearTimeout(this.idle);
    if (this.worker) this.stop(this.worker, 'the reader was closed');
    await this.chain.catch(() => undefined);
  }
}

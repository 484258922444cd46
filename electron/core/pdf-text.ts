// Text of a PoE PDF in Node, safely: pdf.js (legacy build) runs in a worker thread with the shared
// Node options (pdfjs-node.ts: CMaps and standard fonts for CJK text, no XFA, no eval, no scripting),
// a memory cap and a time limit; a file it cannot open, or that takes too long, is refused with a
// reason — never a crash or a hang of the caller.
import { Worker } from 'node:worker_threads';
import { PDFJS_NODE_MODULE_URL, PDFJS_NODE_POLYFILLS, pdfjsNodeOptions } from './pdfjs-node';

export type PdfTextResult =
  | { ok: true; pageCount: number; pages: string[]; truncated: boolean; scriptRan: boolean }
  | { ok: false; reason: 'empty' | 'too-large' | 'invalid' | 'password' | 'unreadable' | 'timeout'; detail: string; scriptRan: boolean };

export interface PdfTextOptions {
  /** Wall-clock limit for opening and reading (default 10 s). */
  timeoutMs?: number;
  /** Pages read at most (default 200); more are counted, not read. */
  maxPages?: number;
  /** Largest file accepted (default 50 MB). */
  maxBytes?: number;
  /** Heap of the worker in MB (default 256). */
  memoryMb?: number;
}

// Plain JavaScript run by the worker. `app.alert` and a global flag are traps: a PDF script that ran
// would trip them, and the result says so (it must always be false).
const WORKER = `${PDFJS_NODE_POLYFILLS}
const { parentPort, workerData } = require('node:worker_threads');
globalThis.__poeScriptRan = false;
// pdf.js 6 expects Promise.withResolvers (Node 22); Node 20 lacks it
Promise.withResolvers ??= function () { let resolve, reject; const promise = new Promise((a, b) => { resolve = a; reject = b; }); return { promise, resolve, reject }; };
globalThis.app = { alert() { globalThis.__poeScriptRan = true; }, launchURL() { globalThis.__poeScriptRan = true; } };
(async () => {
  const pdfjs = await import(workerData.pdfjs);
  const task = pdfjs.getDocument({ ...workerData.options, data: workerData.bytes, enableXfa: false, useWasm: false });
  try {
    const doc = await task.promise;
    const pages = [];
    const n = Math.min(doc.numPages, workerData.maxPages);
    for (let i = 1; i <= n; i++) {
      const page = await doc.getPage(i);
      const content = await page.getTextContent();
      pages.push(content.items.map((it) => ('str' in it ? it.str : '')).join(' ').replace(/\\s+/g, ' ').trim());
      page.cleanup();
    }
    parentPort.postMessage({ ok: true, pageCount: doc.numPages, pages, truncated: doc.numPages > n, scriptRan: globalThis.__poeScriptRan === true });
    await task.destroy();
  } catch (e) {
    parentPort.postMessage({ ok: false, name: e && e.name, message: String((e && e.message) || e), scriptRan: globalThis.__poeScriptRan === true });
  }
})().catch((e) => parentPort.postMessage({ ok: false, name: 'Error', message: String((e && e.message) || e) }));
`;

export function extractPdfText(bytes: Uint8Array, options: PdfTextOptions = {}): Promise<PdfTextResult> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  if (bytes.byteLength === 0) return Promise.resolve({ ok: false, reason: 'empty', detail: 'the file is empty', scriptRan: false });
  if (bytes.byteLength > (options.maxBytes ?? 50 * 1024 * 1024))
    return Promise.resolve({ ok: false, reason: 'too-large', detail: `the file is ${bytes.byteLength} bytes`, scriptRan: false });
  return new Promise((resolve) => {
    const worker = new Worker(WORKER, {
      eval: true,
      workerData: { pdfjs: PDFJS_NODE_MODULE_URL, options: pdfjsNodeOptions(), bytes: bytes.slice(), maxPages: options.maxPages ?? 200 },
      resourceLimits: { maxOldGenerationSizeMb: options.memoryMb ?? 256 },
      stdout: true,
      stderr: true,
    });
    let settled = false;
    const finish = (r: PdfTextResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      resolve(r);
    };
    const timer = setTimeout(() => finish({ ok: false, reason: 'timeout', detail: `not read within ${timeoutMs} ms`, scriptRan: false }), timeoutMs);
    worker.on(
      'message',
      (m: { ok: boolean; name?: string; message?: string; pageCount?: number; pages?: string[]; truncated?: boolean; scriptRan?: boolean }) => {
        if (m.ok) return finish({ ok: true, pageCount: m.pageCount!, pages: m.pages!, truncated: m.truncated!, scriptRan: m.scriptRan! });
        const reason = m.name === 'PasswordException' ? 'password' : m.name === 'InvalidPDFException' ? 'invalid' : 'unreadable';
        finish({ ok: false, reason, detail: m.message ?? 'unknown error', scriptRan: m.scriptRan === true });
      },
    );
    worker.on('error', (e) => finish({ ok: false, reason: 'unreadable', detail: e.message, scriptRan: false }));
    worker.on('exit', (code) => finish({ ok: false, reason: 'unreadable', detail: `the reader stopped (exit code ${code})`, scriptRan: false }));
  });
}

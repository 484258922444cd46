// pdf.js for PoE documents: the worker is bundled with the app (never fetched from a network), one
// shared worker, script evaluation off, XFA off, no scripting (no annotation layer or scripting manager
// is ever created, so PDF JavaScript has nowhere to run). Its WebAssembly image decoders come from the
// app's own pdfjs-wasm/ folder (vite.config.ts); the CSP allows compiling WebAssembly, never eval().
import { GlobalWorkerOptions, InvalidPDFException, PDFWorker, getDocument, type PDFDocumentProxy } from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';

GlobalWorkerOptions.workerSrc = workerUrl;

let worker: PDFWorker | null = null;

export type PdfFailure = 'invalid' | 'password' | 'unreadable';

export class PdfOpenError extends Error {
  constructor(readonly failure: PdfFailure, message: string) {
    super(message);
    this.name = 'PdfOpenError';
  }
}

/** Opens PDF bytes; the bytes are copied, since pdf.js transfers its input to the worker. */
export async function openPdf(bytes: Uint8Array): Promise<PDFDocumentProxy> {
  worker ??= new PDFWorker();
  const task = getDocument({
    data: bytes.slice(),
    worker,
    // @ts-expect-error pdf.js 6 has no eval path left; the flag stays for the security test and older builds
    isEvalSupported: false,
    enableXfa: false,
    useWasm: true,
    wasmUrl: new URL('./pdfjs-wasm/', document.baseURI).href,
    stopAtErrors: false,
    disableAutoFetch: true,
    verbosity: 0,
  });
  try {
    return await task.promise;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (error instanceof Error && error.name === 'PasswordException') throw new PdfOpenError('password', message);
    if (error instanceof InvalidPDFException) throw new PdfOpenError('invalid', message);
    throw new PdfOpenError('unreadable', message);
  }
}

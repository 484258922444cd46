// pdf.js in Node, one way for every caller in the core: the installed package's legacy build, its
// CMaps, standard fonts and WebAssembly decoders as file paths, and the safe options (no XFA, no scripting).
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { runInThisContext } from 'node:vm';

type PdfjsModule = typeof import('pdfjs-dist/legacy/build/pdf.mjs'); // eslint-disable-line @typescript-eslint/consistent-type-imports

const PACKAGE_DIR = path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
const folder = (name: string) => path.join(PACKAGE_DIR, name) + path.sep;

/** file: URL of pdf.js's legacy build, for `import()` in Node or in a worker thread. */
export const PDFJS_NODE_MODULE_URL = pathToFileURL(path.join(PACKAGE_DIR, 'legacy', 'build', 'pdf.mjs')).href;

/** The options every Node-side getDocument() takes (spread the document's `data` in beside them).
 *  pdf.js 6 has no eval code path left (its `isEvalSupported` option is gone); XFA stays off and
 *  nothing here creates a scripting sandbox. Fonts are parsed (for text), never installed. */
export function pdfjsNodeOptions() {
  return {
    cMapUrl: folder('cmaps'),
    cMapPacked: true,
    standardFontDataUrl: folder('standard_fonts'),
    wasmUrl: folder('wasm'),
    iccUrl: folder('iccs'),
    enableXfa: false,
    disableFontFace: true,
    useSystemFonts: false,
    isOffscreenCanvasSupported: false,
    stopAtErrors: false,
    disableAutoFetch: true,
    disableStream: true,
    verbosity: 0,
  } as const;
}

/** JavaScript that gives Node 20 the few built-ins pdf.js 6 expects and its legacy build does not
 *  polyfill (Promise.withResolvers, Promise.try, ArrayBuffer#transferToFixedLength). Run it before
 *  importing pdf.js, also in worker threads. */
export const PDFJS_NODE_POLYFILLS = `
if (typeof ArrayBuffer.prototype.transferToFixedLength !== 'function') {
  Object.defineProperty(ArrayBuffer.prototype, 'transferToFixedLength', { configurable: true, writable: true, value: function (length = this.byteLength) {
    const out = new ArrayBuffer(length); new Uint8Array(out).set(new Uint8Array(this, 0, Math.min(length, this.byteLength))); return out;
  } });
}
if (typeof Promise.withResolvers !== 'function') {
  Promise.withResolvers = function () { let resolve, reject; const promise = new Promise((a, b) => { resolve = a; reject = b; }); return { promise, resolve, reject }; };
}
if (typeof Promise.try !== 'function') {
  Promise.try = function (fn, ...args) { return new Promise((resolve) => resolve(fn(...args))); };
}
`;

/** Installs PDFJS_NODE_POLYFILLS in this thread (idempotent). */
export function installPdfjsNodePolyfills(): void {
  // The same constant source the worker threads run, so both stay one definition.
  runInThisContext(PDFJS_NODE_POLYFILLS);
}

/** pdf.js's legacy build, ready for Node (polyfills installed first). */
export async function loadPdfjsNode(): Promise<PdfjsModule> {
  installPdfjsNodePolyfills();
  return (await import(PDFJS_NODE_MODULE_URL)) as PdfjsModule;
}

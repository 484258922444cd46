// The next-claim figure's baseline, in a clean page of its own: pdf.js's own PDFViewer set up as pdf.js's
// viewer examples do (EventBus, PDFLinkService), nothing of the app. It fetches a document's bytes the way
// the app's page does (POST /rpc/document.get on the browser host, the launch key in a header), opens them
// with the renderer's pdf.js options (renderer/viewer/pdf-engine.ts: one warm worker, the app's own
// worker script, CMaps, standard fonts, WebAssembly decoders and ICC profiles from the host, XFA off, no
// scripting manager; pdf.js 6 has no eval path, so there is no isEvalSupported to turn off) and paints
// page 1 at the scale the app painted it, with the app's viewer options (text layer, display-only annotations).
import 'pdfjs-dist/web/pdf_viewer.css';
import { AnnotationMode, GlobalWorkerOptions, PDFWorker, getDocument, type PDFDocumentProxy } from 'pdfjs-dist';
import { EventBus, PDFLinkService, PDFViewer, RenderingStates } from 'pdfjs-dist/web/pdf_viewer.mjs';
import { pdfOpenOptions } from '../../renderer/viewer/pdf-open-options';

export interface CleanPaint {
  /** From the call (the fetch starting) to page 1's pagerendered for this document, then a frame. */
  ms: number;
  /** When the bytes were in (answered and decoded), and when pdf.js had opened them, from the call. */
  fetchedMs: number;
  openedMs: number;
  width: number;
  height: number;
  pages: number;
  /** Share of the canvas's pixels that are not white. */
  ink: number;
  /** sha256 of the bytes the host answered with. */
  sha256: string;
}

interface PageRendered {
  source: { div: HTMLDivElement };
  pageNumber: number;
  error?: unknown;
}

const params = new URLSearchParams(location.search);
GlobalWorkerOptions.workerSrc = new URL(params.get('worker') ?? '', location.origin).href;
const key = params.get('key') ?? '';
// Started with the page and kept, as the app starts its one worker at sign-in.
const worker = new PDFWorker();

const bus = new EventBus();
const links = new PDFLinkService({ eventBus: bus });
links.externalLinkEnabled = false;
const viewer = new PDFViewer({
  container: document.getElementById('viewerContainer') as HTMLDivElement,
  viewer: document.getElementById('viewer') as HTMLDivElement,
  eventBus: bus,
  linkService: links,
  textLayerMode: 1,
  annotationMode: AnnotationMode.ENABLE,
  maxCanvasPixels: 2 ** 23,
  enableAutoLinking: false,
  imagesRightClickMinSize: -1,
});
links.setViewer(viewer);

function decode(b64: string): Uint8Array {
  const binary = atob(b64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** The first `event` that `accept` takes; `then` runs inside pdf.js's dispatch (before it goes on). */
const once = <T>(event: string, accept: (e: T) => boolean, then?: () => void): Promise<T> =>
  new Promise((resolve) => {
    const on = (e: T) => {
      if (!accept(e)) return;
      bus.off(event, on);
      then?.();
      resolve(e);
    };
    bus.on(event, on);
  });

function inkOf(canvas: HTMLCanvasElement): number {
  const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
  let ink = 0;
  for (let i = 0; i < data.length; i += 4) if (data[i]! < 250 || data[i + 1]! < 250 || data[i + 2]! < 250) ink++;
  return ink / (canvas.width * canvas.height);
}

const frame = () => new Promise((r) => requestAnimationFrame(r));

/** Every page of `pdf` loaded and no page view drawing (at most 10 s): nothing in flight when it closes. */
async function settled(pdf: PDFDocumentProxy): Promise<void> {
  await Promise.all(Array.from({ length: pdf.numPages }, (_, i) => pdf.getPage(i + 1)));
  const drawing = () =>
    Array.from({ length: viewer.pagesCount }, (_, i) => viewer.getPageView(i) as { renderingState: number } | undefined).some(
      (v) => v?.renderingState === RenderingStates.RUNNING || v?.renderingState === RenderingStates.PAUSED,
    );
  const until = performance.now() + 10_000;
  do await frame();
  while (drawing() && performance.now() < until);
}

const hex = (buf: ArrayBuffer) => [...new Uint8Array(buf)].map((b) => b.toString(16).padStart(2, '0')).join('');

/** Paints page 1 of the cached document `sha256` at `scale` (PDFViewer's currentScale) in an empty viewer. */
async function paint(sha256: string, scale: number): Promise<CleanPaint> {
  const t0 = performance.now();
  const res = await fetch('/rpc/document.get', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${key}` },
    body: JSON.stringify({ sha256 }),
    cache: 'no-store',
  });
  if (!res.ok) throw new Error(`document.get answered ${res.status}: ${await res.text()}`);
  const { base64 } = (await res.json()) as { base64: string };
  const data = decode(base64);
  const fetchedMs = performance.now() - t0;
  const task = getDocument({ ...pdfOpenOptions(`${location.origin}/`), data, worker });
  const pdf: PDFDocumentProxy = await task.promise;
  const openedMs = performance.now() - t0;
  // Page 1 of THIS document: its page view, while this document is the viewer's.
  const first = (e: { source: unknown; pageNumber: number }) => e.pageNumber === 1 && viewer.pdfDocument === pdf && e.source === viewer.getPageView(0);
  const rendered = once<PageRendered>('pagerendered', first);
  const textLayer = once<PageRendered>('textlayerrendered', first);
  // The scale is set as the app sets its zoom: in pagesinit, before PDFViewer draws any page.
  const inited = once(
    'pagesinit',
    () => viewer.pdfDocument === pdf,
    () => (viewer.currentScale = scale),
  );
  viewer.setDocument(pdf);
  links.setDocument(pdf, null);
  const { source, error } = await rendered;
  await frame();
  const ms = performance.now() - t0;
  // Not timed: what was painted, and a quiet page before the next call.
  await Promise.all([inited, textLayer]);
  if (error) throw new Error(`pdf.js could not render page 1: ${String(error)}`);
  const canvas = source.div.querySelector('canvas');
  if (!canvas) throw new Error('page 1 was rendered without a canvas');
  const out: CleanPaint = {
    ms,
    fetchedMs,
    openedMs,
    width: canvas.width,
    height: canvas.height,
    pages: pdf.numPages,
    ink: inkOf(canvas),
    sha256: hex(await crypto.subtle.digest('SHA-256', decode(base64) as BufferSource)),
  };
  await settled(pdf);
  viewer.setDocument(null as unknown as PDFDocumentProxy);
  links.setDocument(null, null);
  await task.destroy();
  return out;
}

Object.assign(window, { benchReady: worker.promise, benchPaint: paint });

// PoE documents ready to show: bytes fetched through document.get, PDFs opened with pdf.js (their bytes
// kept for the strict problem check and the system reader), images decoded to object URLs. A small cache keeps the current and the prefetched next documents open.
import { AnnotationMode, type PDFDocumentProxy } from 'pdfjs-dist';
import type { DocumentRef } from '../../shared/contracts';
import { invoke } from '../store/services';
import { PdfOpenError, closePdf, openPdf, type PdfFailure } from './pdf-engine';

export type LoadedDocument =
  | { kind: 'pdf'; sha256: string; fileName: string; pdf: PDFDocumentProxy; pageCount: number; bytes: Uint8Array }
  | { kind: 'image'; sha256: string; fileName: string; url: string; width: number; height: number; pageCount: 1 };

export type DocumentFailure = { reason: PdfFailure | 'image' | 'fetch'; detail: string };

export class DocumentLoadError extends Error {
  constructor(readonly failure: DocumentFailure) {
    super(failure.detail);
    this.name = 'DocumentLoadError';
  }
}

const LIMIT = 6;
const cache = new Map<string, Promise<LoadedDocument>>();
const pinned = new Set<string>();

function base64ToBytes(b64: string): Uint8Array {
  const binary = atob(b64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

function decodeImage(url: string): Promise<{ width: number; height: number }> {
  return new Promise((resolve, reject) => {
    const img = new Image();
    img.onload = () => resolve({ width: img.naturalWidth, height: img.naturalHeight });
    img.onerror = () => reject(new Error('the image data could not be decoded'));
    img.src = url;
  });
}

async function load(ref: DocumentRef): Promise<LoadedDocument> {
  let bytes: Uint8Array;
  let mediaType: string = ref.mediaType;
  try {
    const doc = await invoke('document.get', { sha256: ref.sha256 });
    bytes = base64ToBytes(doc.base64);
    mediaType = doc.mediaType || mediaType;
  } catch (error) {
    throw new DocumentLoadError({ reason: 'fetch', detail: error instanceof Error ? error.message : String(error) });
  }
  if (mediaType === 'application/pdf') {
    try {
      const pdf = await openPdf(bytes);
      return { kind: 'pdf', sha256: ref.sha256, fileName: ref.fileName, pdf, pageCount: pdf.numPages, bytes };
    } catch (error) {
      if (error instanceof PdfOpenError) throw new DocumentLoadError({ reason: error.failure, detail: error.message });
      throw error;
    }
  }
  const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type: mediaType }));
  try {
    const { width, height } = await decodeImage(url);
    return { kind: 'image', sha256: ref.sha256, fileName: ref.fileName, url, width, height, pageCount: 1 };
  } catch (error) {
    URL.revokeObjectURL(url);
    throw new DocumentLoadError({ reason: 'image', detail: error instanceof Error ? error.message : String(error) });
  }
}

function dispose(p: Promise<LoadedDocument>): void {
  p.then((d) => (d.kind === 'pdf' ? void closePdf(d.pdf) : URL.revokeObjectURL(d.url))).catch(() => undefined);
}

function evict(): void {
  for (const key of cache.keys()) {
    if (cache.size <= LIMIT) return;
    if (pinned.has(key)) continue;
    const p = cache.get(key);
    cache.delete(key);
    if (p) dispose(p);
  }
}

export function loadDocument(ref: DocumentRef): Promise<LoadedDocument> {
  const existing = cache.get(ref.sha256);
  if (existing) {
    cache.delete(ref.sha256);
    cache.set(ref.sha256, existing);
    return existing;
  }
  // A document that cannot be opened stays cached as such: reopening the claim says so at once.
  const p = load(ref);
  p.catch(() => undefined);
  cache.set(ref.sha256, p);
  evict();
  return p;
}

/** Drops a document from the cache so the next load fetches and opens it again (retry). */
export function forgetDocument(sha256: string): void {
  const p = cache.get(sha256);
  cache.delete(sha256);
  if (p) dispose(p);
}

/** Keeps the shown documents open whatever is prefetched meanwhile. */
export function pinDocuments(shas: readonly string[]): void {
  pinned.clear();
  for (const s of shas) pinned.add(s);
  evict();
}

/** Waits until the page is idle (the open claim's own paint comes first), at most `ms`. */
const idle = (ms: number) =>
  new Promise<void>((resolve) => (typeof requestIdleCallback === 'function' ? requestIdleCallback(() => resolve(), { timeout: ms }) : setTimeout(resolve, ms)));

const WARM_WIDTH = 240;
const warmed = new WeakSet<PDFDocumentProxy>();

/**
 * Page 1 of a prefetched PDF drawn once offscreen, small, with the viewer's own rendering intent: pdf.js
 * keeps that page's operator list, fonts and decoded images, so when the claim opens the viewer's paint of
 * page 1 is only drawing (no parsing in the worker). Best effort: a failure shows when the claim opens.
 */
export async function warmFirstPage(ref: DocumentRef): Promise<void> {
  const loaded = await loadDocument(ref).catch(() => null);
  if (!loaded || loaded.kind !== 'pdf' || warmed.has(loaded.pdf)) return;
  warmed.add(loaded.pdf);
  await idle(1_500);
  try {
    const page = await loaded.pdf.getPage(1);
    const viewport = page.getViewport({ scale: WARM_WIDTH / page.getViewport({ scale: 1 }).width });
    const canvas = document.createElement('canvas');
    canvas.width = Math.max(1, Math.floor(viewport.width));
    canvas.height = Math.max(1, Math.floor(viewport.height));
    await page.render({ canvas, viewport, annotationMode: AnnotationMode.ENABLE }).promise;
    canvas.width = canvas.height = 0;
  } catch {
    // a closed (evicted) document or a broken page: the viewer says why when it is shown
  }
}

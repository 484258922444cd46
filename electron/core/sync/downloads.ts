// Downloading a batch's PoE documents: 8 at a time, the first claim's documents first and recorded on
// their own, so the first claim opens while the rest download; each later group of finished files gets
// one directory fsync and one SQLite transaction (DocumentCache.commit). Nothing is served unverified.
import type { DocumentCache, DocumentMeta } from '../documents';
import { DocumentHashMismatch } from '../documents';

export const DOWNLOADS_IN_FLIGHT = 8;

export interface Wanted {
  sha256: string;
  meta: DocumentMeta;
}

/**
 * Downloads `wanted` (in order: the first claim's documents lead) with `fetchBytes`, verifying and
 * writing each; `first` names the documents recorded as soon as they are all in (then `firstStored` is
 * called). Returns how many were stored.
 */
export async function downloadAll(
  docs: DocumentCache,
  wanted: readonly Wanted[],
  first: ReadonlySet<string>,
  fetchBytes: (sha256: string) => Promise<Uint8Array>,
  progress?: (done: number, total: number, bytes: number) => void,
  firstStored?: () => void,
): Promise<number> {
  let next = 0;
  let done = 0;
  let bytes = 0;
  let failure: unknown = null;
  let waiting: { sha256: string; size: number; meta: DocumentMeta }[] = [];
  let firstLeft = wanted.filter((w) => first.has(w.sha256)).length;
  let committing: Promise<void> = Promise.resolve();

  const flush = (): Promise<void> => {
    const batch = waiting;
    waiting = [];
    committing = committing.then(() => docs.commit(batch));
    return committing;
  };

  const worker = async (): Promise<void> => {
    while (failure === null && next < wanted.length) {
      const w = wanted[next++]!;
      try {
        const data = await fetchBytes(w.sha256);
        await docs.write(w.sha256, data);
        waiting.push({ sha256: w.sha256, size: data.byteLength, meta: w.meta });
        bytes += data.byteLength;
      } catch (error) {
        failure ??=
          error instanceof DocumentHashMismatch
            ? new Error(`The review service sent document ${w.sha256} with different content (hash ${error.actual}); it was not stored.`)
            : error;
        return;
      }
      if (first.has(w.sha256)) firstLeft--;
      // The first claim's documents are recorded the moment they are all in; the rest in groups.
      if (first.has(w.sha256) && firstLeft === 0) {
        await flush();
        firstStored?.();
      } else if (waiting.length >= DOWNLOADS_IN_FLIGHT) await flush();
      done++;
      progress?.(done, wanted.length, bytes);
    }
  };

  await Promise.all(Array.from({ length: Math.min(DOWNLOADS_IN_FLIGHT, wanted.length) }, worker));
  await flush();
  if (failure !== null) throw failure;
  return done;
}

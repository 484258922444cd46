// Downloading a batch's PoE documents: the first claim's documents first, on their own, and recorded
// the moment they are in, so the first claim opens while the rest download, 8 at a time. The rest are recorded in few groups, each
// with one directory fsync and one SQLite transaction (DocumentCache.commit): at most one group at a
// time and at most one every COMMIT_INTERVAL_MS, the last when every download is in. No download waits
// for a group to be recorded (a commit's fsyncs would otherwise hold a slot of the 8). Nothing is
// served unverified: a file is written only after its hash matched, and recorded only once durable.
import type { DocumentCache, DocumentMeta } from '../documents';
import { DocumentHashMismatch } from '../documents';

export const DOWNLOADS_IN_FLIGHT = 8;
/** Downloaded files wait at most about this long to be recorded (so a claim opened mid-pull finds them). */
export const COMMIT_INTERVAL_MS = 500;

export interface Wanted {
  sha256: string;
  meta: DocumentMeta;
}

type Written = { sha256: string; size: number; meta: DocumentMeta };

/**
 * Downloads `wanted` (in order: the first claim's documents lead) with `fetchBytes`, verifying and
 * writing each; `first` names the documents recorded as soon as they are all in (then `firstStored` is
 * called). Returns how many were stored; on a failure, what was written before it is still recorded.
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
  let written: Written[] = [];
  let firstLeft = wanted.filter((w) => first.has(w.sha256)).length;
  // The group being recorded (one at a time: groups are recorded in the order they were written).
  let committing: Promise<void> | null = null;
  let lastCommit = 0;

  const record = (): Promise<void> => {
    const group = written;
    written = [];
    lastCommit = performance.now();
    const run = (committing ?? Promise.resolve()).then(() => docs.commit(group));
    const tracked: Promise<void> = run.then(
      () => {
        if (committing === tracked) committing = null;
      },
      (error: unknown) => {
        if (committing === tracked) committing = null;
        failure ??= error;
      },
    );
    committing = tracked;
    return tracked;
  };

  const worker = async (until: number): Promise<void> => {
    while (failure === null && next < until) {
      const w = wanted[next++]!;
      try {
        const data = await fetchBytes(w.sha256);
        await docs.write(w.sha256, data);
        written.push({ sha256: w.sha256, size: data.byteLength, meta: w.meta });
        bytes += data.byteLength;
      } catch (error) {
        failure ??=
          error instanceof DocumentHashMismatch
            ? new Error(`The review service sent document ${w.sha256} with different content (hash ${error.actual}); it was not stored.`)
            : error;
        return;
      }
      done++;
      progress?.(done, wanted.length, bytes);
      if (first.has(w.sha256) && --firstLeft === 0) {
        // The first claim's documents are recorded the moment they are all in; the page opens it then.
        void record().then(() => {
          if (failure === null) firstStored?.();
        });
      } else if (committing === null && firstLeft === 0 && performance.now() - lastCommit >= COMMIT_INTERVAL_MS) void record();
    }
  };

  // The first claim's documents download on their own (nothing else shares the service or the network
  // with them), then the rest, 8 at a time, while the first claim opens.
  const firstCount = firstLeft;
  await Promise.all(Array.from({ length: Math.min(DOWNLOADS_IN_FLIGHT, firstCount) }, () => worker(firstCount)));
  await Promise.all(Array.from({ length: Math.min(DOWNLOADS_IN_FLIGHT, wanted.length - next) }, () => worker(wanted.length)));
  if (written.length > 0) await record();
  else await committing;
  if (failure !== null) throw failure;
  return done;
}

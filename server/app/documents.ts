// PoE documents: recognising the type by content (magic bytes, never the name), storing by content
// hash, and reading them back for whoever may read a claim that holds them.
import { createHash } from 'node:crypto';
import type { DocumentMediaType } from '../../shared/domain';
import { problem } from '../http/problems';
import { mayRead, loadClaim, readsEveryClaim } from './claims';
import type { AppContext, Caller } from './context';

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const startsWith = (b: Uint8Array, sig: readonly number[]): boolean => sig.every((x, i) => b[i] === x);

/** The media type the bytes really are, or null when they are none of PDF, PNG, JPEG. */
export function sniffMediaType(bytes: Uint8Array): DocumentMediaType | null {
  if (startsWith(bytes, PNG)) return 'image/png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  // A PDF header may follow a little junk; readers accept it within the first 1024 bytes.
  const head = Buffer.from(bytes.subarray(0, 1024)).toString('latin1');
  if (head.includes('%PDF-')) return 'application/pdf';
  return null;
}

export const sha256Hex = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** The bytes of a document the caller may read (held by at least one claim visible to them). */
export async function readDocument(app: AppContext, caller: Caller, sha256: string): Promise<{ mediaType: DocumentMediaType; bytes: Uint8Array }> {
  const now = app.clock.iso();
  const doc = readsEveryClaim(caller)
    ? // Staff may read every claim: that one holds it is checked in the statement that reads the bytes.
      await app.store.read((tx) => tx.heldDocumentBytes(sha256), { oneQuery: true })
    : await app.store.read(async (tx) => {
        for (const claimId of await tx.claimIdsHoldingDocument(sha256)) {
          const c = await loadClaim(tx, claimId);
          if (c && (await mayRead(tx, caller, c, now))) return tx.getDocumentBytes(sha256);
        }
        return null;
      });
  if (!doc) throw problem.notFound(`document ${sha256} does not exist or is not visible to you`, 'sha256');
  return doc;
}

export function checkUpload(bytes: Uint8Array, maxBytes: number): DocumentMediaType {
  if (bytes.byteLength === 0) throw problem.validation('body: the document is empty', 'body');
  if (bytes.byteLength > maxBytes) throw problem.tooLarge(`body: the document is ${bytes.byteLength} bytes; the limit is ${maxBytes} bytes`, 'body');
  const mediaType = sniffMediaType(bytes);
  if (!mediaType) throw problem.unsupportedMedia('body: the content is not a PDF, PNG or JPEG document (the type is checked by content, not by name)', 'body');
  return mediaType;
}

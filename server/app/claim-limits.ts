// Limits per claim (comments, documents, bytes of history text and of documents), so that no partner
// can grow one claim until answering it fails for everyone. Refusals are 413 problems naming the limit.
// Decisions, withdrawals and system events are never refused here: their size is bounded by their schema.
import type { HistoryEntry, HistoryEvent } from '../../shared/domain';
import { problem } from '../http/problems';
import type { LoadedClaim } from './claims';

export interface ClaimLimits {
  /** Comments (by anyone) one claim may hold. */
  comments: number;
  /** PoE documents one claim may hold. */
  documents: number;
  /** Bytes of history (as JSON) one claim may reach through partner, customer or comment events. */
  textBytes: number;
  /** Bytes of PoE documents one claim may hold. */
  documentBytes: number;
}

export const DEFAULT_CLAIM_LIMITS: ClaimLimits = { comments: 100, documents: 20, textBytes: 1024 * 1024, documentBytes: 100 * 1024 * 1024 };

/** Events that carry free text chosen by their author, or that anyone may add at will. */
const LIMITED_KINDS: readonly HistoryEvent['kind'][] = ['comment', 'dispute-filed', 'resubmitted', 'customer-declined', 'edited', 'document-added'];

const bytes = (v: unknown): number => Buffer.byteLength(JSON.stringify(v), 'utf8');
const fmt = (n: number): string => n.toLocaleString('en-US');

/** Throws a 413 problem when appending `event` would take the claim past a limit. */
export function checkAppend(limits: ClaimLimits, c: LoadedClaim, event: HistoryEvent): void {
  if (!LIMITED_KINDS.includes(event.kind)) return;
  const id = c.record.facts.id;
  if (event.kind === 'comment') {
    const comments = c.history.filter((e: HistoryEntry) => e.kind === 'comment').length;
    if (comments >= limits.comments) {
      throw problem.tooLarge(`claim ${id} already holds ${fmt(comments)} comments, the limit per claim; write one message that sums up instead`, 'text');
    }
  }
  const now = bytes(c.history) + bytes(c.record.facts);
  const added = bytes(event);
  if (now + added > limits.textBytes) {
    throw problem.tooLarge(
      `claim ${id} holds ${fmt(now)} bytes of history and this ${event.kind} adds ${fmt(added)}; the limit per claim is ${fmt(limits.textBytes)} bytes`,
      event.kind === 'comment' ? 'text' : 'body',
    );
  }
}

/** Throws a 413 problem when one more document of `size` bytes would take the claim past a limit. */
export function checkDocumentAllowed(limits: ClaimLimits, c: LoadedClaim, size: number): void {
  const docs = c.record.facts.documents;
  const id = c.record.facts.id;
  if (docs.length >= limits.documents) throw problem.tooLarge(`claim ${id} already holds ${fmt(docs.length)} documents, the limit per claim`, 'body');
  const held = docs.reduce((n, d) => n + d.size, 0);
  if (held + size > limits.documentBytes) {
    throw problem.tooLarge(
      `claim ${id} holds ${fmt(held)} bytes of documents and this one adds ${fmt(size)}; the limit per claim is ${fmt(limits.documentBytes)} bytes`,
      'body',
    );
  }
}

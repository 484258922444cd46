// The assist's tables in the workstation store: page text per document (hash + assist version) and the
// result per claim (claim version + assist version + the documents it read). Survives restarts, works offline.
import type { Db } from '../store/database';
import type { AssistResult } from '../../../shared/contracts';
import type { PageText } from '../../../shared/domain/assist';

export interface StoredPages {
  pages: PageText[];
  text: 'layer' | 'ocr' | 'mixed' | 'none';
  error: string | null;
  minhash: number[];
}
export interface StoredResult {
  claimVersion: number;
  assistVersion: number;
  documentsKey: string;
  result: AssistResult;
}

export class AssistStore {
  constructor(private readonly db: Db) {}

  pages(sha256: string, version: number): StoredPages | null {
    const r = this.db
      .prepare('SELECT pages_json, text_kind, error, minhash_json FROM assist_pages WHERE sha256 = ? AND assist_version = ?')
      .get(sha256, version) as { pages_json: string; text_kind: StoredPages['text']; error: string | null; minhash_json: string } | undefined;
    return r ? { pages: JSON.parse(r.pages_json) as PageText[], text: r.text_kind, error: r.error, minhash: JSON.parse(r.minhash_json) as number[] } : null;
  }

  putPages(sha256: string, version: number, p: StoredPages, at: string): void {
    this.db
      .prepare(
        'INSERT OR REPLACE INTO assist_pages (sha256, assist_version, pages_json, text_kind, error, minhash_json, analysed_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      )
      .run(sha256, version, JSON.stringify(p.pages), p.text, p.error, JSON.stringify(p.minhash), at);
  }

  /** Signatures of every analysed document of this assist version, for near-duplicate search. */
  signatures(version: number): { sha256: string; minhash: number[] }[] {
    return (
      this.db.prepare("SELECT sha256, minhash_json FROM assist_pages WHERE assist_version = ? AND minhash_json != '[]'").all(version) as {
        sha256: string;
        minhash_json: string;
      }[]
    ).map((r) => ({ sha256: r.sha256, minhash: JSON.parse(r.minhash_json) as number[] }));
  }

  result(claimId: string): StoredResult | null {
    const r = this.db.prepare('SELECT claim_version, assist_version, documents_key, result_json FROM assist_results WHERE claim_id = ?').get(claimId) as
      { claim_version: number; assist_version: number; documents_key: string; result_json: string } | undefined;
    return r
      ? { claimVersion: r.claim_version, assistVersion: r.assist_version, documentsKey: r.documents_key, result: JSON.parse(r.result_json) as AssistResult }
      : null;
  }

  putResult(claimId: string, s: StoredResult, at: string): void {
    this.db
      .prepare(
        'INSERT OR REPLACE INTO assist_results (claim_id, claim_version, assist_version, documents_key, status, result_json, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      )
      .run(claimId, s.claimVersion, s.assistVersion, s.documentsKey, s.result.status === 'failed' ? 'failed' : 'done', JSON.stringify(s.result), at);
  }

  forgetResult(claimId: string): void {
    this.db.prepare('DELETE FROM assist_results WHERE claim_id = ?').run(claimId);
  }

  /** Claims (cached batch and QA sample) that hold a document, with their customer and partner. */
  claimsWithDocument(sha256: string): { claimId: string; tenantId: string; mpnId: string }[] {
    return this.db
      .prepare(
        `SELECT c.id AS claimId, json_extract(c.server_json, '$.customer.tenantId') AS tenantId, json_extract(c.server_json, '$.partner.mpnId') AS mpnId
           FROM claim_documents cd JOIN claims c ON c.id = cd.claim_id WHERE cd.sha256 = ?
         UNION
         SELECT a.claim_id, json_extract(a.claim_json, '$.customer.tenantId'), json_extract(a.claim_json, '$.partner.mpnId')
           FROM audit_documents ad JOIN audit_items a ON a.claim_id = ad.claim_id WHERE ad.sha256 = ?`,
      )
      .all(sha256, sha256) as { claimId: string; tenantId: string; mpnId: string }[];
  }
}

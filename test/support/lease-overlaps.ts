// Counts true double leases from a service database's rows: a claim leased to a reviewer while another
// reviewer's lease on it had not ended, at the moment of the new lease on the service clock. A lease
// ends explicitly (a lease-released or lease-expired change) or by its expiry passing; a claim taken
// from a lease that had expired but was not swept yet is not a double lease. Used by the PostgreSQL
// lease tests and the scale bench, on either engine's rows.

/** Rows as LEASE_ROWS_SQL selects them (changes: seq, claim_id, kind, at, actor_id; leases: id, reviewer_id, created_at, expires_at). */
type Row = Record<string, unknown>;

/** An instant from either engine: PostgreSQL's driver gives a Date (or ISO text), SQLite ISO text. */
const ms = (v: unknown): number => (v instanceof Date ? v.getTime() : Date.parse(String(v)));

export interface DoubleLease {
  claimId: string;
  first: { reviewerId: string; at: string; expiresAt: string };
  second: { reviewerId: string; at: string };
}

export const LEASE_ROWS_SQL = {
  changes: "SELECT seq, claim_id, kind, at, actor_id FROM changes WHERE kind IN ('lease-acquired', 'lease-released', 'lease-expired') ORDER BY seq",
  leases: 'SELECT id, reviewer_id, created_at, expires_at FROM leases',
};

export function doubleLeases(changes: readonly Row[], leases: readonly Row[]): DoubleLease[] {
  // Each reviewer's leases by creation: the one a reviewer held at t is the last created at or before t (one active lease per reviewer).
  const byReviewer = new Map<string, { created: number; expires: number }[]>();
  for (const l of leases) {
    const list = byReviewer.get(String(l.reviewer_id)) ?? [];
    list.push({ created: ms(l.created_at), expires: ms(l.expires_at) });
    byReviewer.set(String(l.reviewer_id), list);
  }
  for (const list of byReviewer.values()) list.sort((a, b) => a.created - b.created);
  const expiryAt = (reviewerId: string, at: number): number => {
    const list = byReviewer.get(reviewerId) ?? [];
    let found = Number.POSITIVE_INFINITY;
    for (const l of list) if (l.created <= at) found = l.expires;
    return found;
  };
  const holder = new Map<string, { reviewerId: string; at: number } | null>();
  const found: DoubleLease[] = [];
  for (const c of [...changes].sort((a, b) => Number(a.seq) - Number(b.seq))) {
    const claimId = String(c.claim_id);
    if (c.kind === 'lease-released' || c.kind === 'lease-expired') {
      holder.set(claimId, null);
      continue;
    }
    if (c.kind !== 'lease-acquired') continue;
    const at = ms(c.at);
    const held = holder.get(claimId);
    if (held && held.reviewerId !== String(c.actor_id)) {
      const expires = expiryAt(held.reviewerId, held.at);
      if (expires > at) {
        found.push({
          claimId,
          first: { reviewerId: held.reviewerId, at: new Date(held.at).toISOString(), expiresAt: new Date(expires).toISOString() },
          second: { reviewerId: String(c.actor_id), at: new Date(at).toISOString() },
        });
      }
    }
    holder.set(claimId, { reviewerId: String(c.actor_id), at });
  }
  return found;
}

// Claims as the workstation caches them after a pull: the demo generator's reviewable claims cloned
// to any count, leased to the reviewer (a submitted one has its review started by the lease), with
// competing claims among the other partners' claims on the same tenant. Built with the shared
// materialize, exactly as the service builds what it sends.
import { materialize, type Claim, type CompetingClaim, type Lease } from '../../shared/contracts';
import { replay, deriveState, type Actor, type HistoryEntry } from '../../shared/domain';
import { cloneClaim, cloneCustomer, type Clone } from './clone';
import { CALENDAR, type DemoBase } from './demo-base';

/** Claims sharing one customer tenant (consecutive clones), so some of them compete. */
const PER_TENANT = 4;
/** Tenants of cached claims start here (the cache never meets the service-side sets). */
const CACHE_TENANTS = 0;

export const cacheClaimId = (i: number): string => `BQ-${String(i + 1).padStart(6, '0')}`;

export interface CacheOptions {
  reviewer: Actor;
  lease: Lease;
  now: string;
}

function leased(c: Clone, o: CacheOptions): HistoryEntry[] {
  if (replay(c.history).status !== 'submitted') return c.history;
  const last = c.history[c.history.length - 1]!;
  const at = new Date(Math.min(Date.parse(o.now), Math.max(Date.parse(last.at) + 60_000, Date.parse(o.now) - 3_600_000))).toISOString();
  return [...c.history, { seq: last.seq + 1, at, actor: o.reviewer, kind: 'review-started' }];
}

const workloads = (c: Clone) => new Set(c.facts.products.filter((p) => !p.removed).map((p) => p.workload.trim().toLowerCase()));

/** Cached claims number `from` (inclusive) to `to` (exclusive), in groups of one tenant each. */
export function* cacheClaims(base: DemoBase, from: number, to: number, o: CacheOptions): Generator<Claim> {
  const first = from - (from % PER_TENANT);
  for (let g = first; g < to; g += PER_TENANT) {
    const tenant = cloneCustomer(base.seed, CACHE_TENANTS + g / PER_TENANT);
    const group: Clone[] = [];
    for (let i = g; i < g + PER_TENANT; i++) {
      const template = base.reviewable[(i * 7) % base.reviewable.length]!;
      const clone = cloneClaim(template, cacheClaimId(i), tenant);
      group.push({ ...clone, history: leased(clone, o) });
    }
    for (const [k, c] of group.entries()) {
      const i = g + k;
      if (i < from || i >= to) continue;
      const mine = workloads(c);
      const competing: CompetingClaim[] = group
        .filter((other) => other !== c && other.companyId !== c.companyId)
        .flatMap((other) => {
          const overlap = other.facts.products.filter((p) => !p.removed && mine.has(p.workload.trim().toLowerCase()));
          if (overlap.length === 0) return [];
          const life = replay(other.history);
          return [
            {
              id: other.facts.id,
              partner: other.facts.partner,
              status: life.status,
              derivedState: deriveState(life, o.now, CALENDAR),
              products: overlap.map((p) => p.name),
              latestPoeAt:
                other.facts.documents
                  .map((d) => d.uploadedAt)
                  .sort()
                  .at(-1) ?? null,
            },
          ];
        });
      yield materialize(c.facts, c.history, { now: o.now, calendar: CALENDAR, lease: o.lease, competing });
    }
  }
}

/** The PoE documents the cached claims refer to (the base claims' documents), to put in the cache. */
export function cacheDocuments(base: DemoBase): { sha256: string; bytes: Uint8Array; mediaType: string; fileName: string }[] {
  const seen = new Map<string, { sha256: string; bytes: Uint8Array; mediaType: string; fileName: string }>();
  for (const c of base.reviewable)
    for (const d of c.documents) seen.set(d.ref.sha256, { sha256: d.ref.sha256, bytes: d.bytes, mediaType: d.ref.mediaType, fileName: d.ref.fileName });
  return [...seen.values()];
}

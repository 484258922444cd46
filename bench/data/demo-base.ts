// The bench's seed material: the service's own demo generator run once per process for a seed (its
// world, claims with real histories and PoE documents). Everything at scale is derived from it.
import { generateClaims, type DemoClaim } from '../../server/demo/claims';
import { DEMO_CALENDAR } from '../../server/demo/calendar';
import { Rng } from '../../server/demo/rng';
import { demoCast, type DemoCompany, type DemoWorld } from '../../server/demo/world';

export const BENCH_SEED = 42;
export const CALENDAR = DEMO_CALENDAR;

export interface DemoBase {
  seed: number;
  now: string;
  world: DemoWorld;
  claims: DemoClaim[];
  /** Claims awaiting a reviewer (what a leased batch is made of). */
  reviewable: DemoClaim[];
  companyOf(mpnId: string): DemoCompany;
}

const cache = new Map<string, Promise<DemoBase>>();

/**
 * The demo world and `count` demo claims for `seed`, generated as of `now` exactly as the service's
 * seeding does (the same seed gives the same companies, customers and claims as `--demo --seed`).
 */
export function demoBase(seed: number, count: number, now: string): Promise<DemoBase> {
  const key = `${seed}/${count}/${now}`;
  let p = cache.get(key);
  if (!p) {
    p = (async () => {
      const rng = new Rng(seed);
      const world = demoCast(seed, rng);
      const claims = await generateClaims(rng, world, CALENDAR, now, count);
      const reviewable = claims.filter((c) => c.index.reviewable && c.documents.length > 0);
      if (reviewable.length === 0) throw new Error(`the demo generator gave no reviewable claim among ${count}; use more base claims`);
      const byMpn = new Map(world.companies.map((c) => [c.mpnId, c]));
      return {
        seed,
        now,
        world,
        claims,
        reviewable,
        companyOf: (mpnId) => byMpn.get(mpnId) ?? world.companies[0]!,
      };
    })();
    cache.set(key, p);
  }
  return p;
}

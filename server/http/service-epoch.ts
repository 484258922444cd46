// reliability (issue 13): the service database's epoch, and the service clock on every answer. The
// epoch is a random id kept in the database's meta table; `backup` gives each copy a new one and
// `restore` gives the restored database another, so a workstation that synced with the database
// before a restore notices. A request naming an older epoch (EPOCH_HEADER) is refused with 409
// service-restored before anything runs: the workstation rebases first (electron/core/rebase.ts)
// rather than push actions based on claim versions the restored database never had.
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { EPOCH_HEADER, problemOf, SERVICE_TIME_HEADER, serviceApi } from '../../shared/contracts';
import type { AppContext } from '../app/context';
import type { Store } from '../store/repository';
import { ProblemError } from './problems';

export const META_EPOCH = 'service-epoch';

export const newEpoch = (): string => randomUUID();

/** The database's epoch, created on first use (a database from before epochs gets one at start). */
export async function ensureEpoch(store: Store): Promise<string> {
  return store.transaction(async (tx) => {
    const found = await tx.getMeta(META_EPOCH);
    if (found) return found;
    const epoch = newEpoch();
    await tx.setMeta(META_EPOCH, epoch);
    return epoch;
  });
}

/** Routes that answer whatever the epoch: they touch no claim (signing in must work to rebase at all). */
const EPOCH_FREE = new Set([serviceApi.health.path, serviceApi.calendar.path, serviceApi.login.path, serviceApi.logout.path]);

export function registerServiceEpoch(http: FastifyInstance, app: AppContext): void {
  http.addHook('onRequest', async (req, reply) => {
    reply.header(SERVICE_TIME_HEADER, app.clock.iso());
    const expected = req.headers[EPOCH_HEADER];
    if (typeof expected !== 'string') return;
    // Read on every such request: a restore may replace the database under the running service.
    const epoch = (await app.store.read((tx) => tx.getMeta(META_EPOCH), { oneQuery: true })) ?? '';
    reply.header(EPOCH_HEADER, epoch);
    if (expected === '' || expected === epoch || EPOCH_FREE.has(req.routeOptions.url ?? '')) return;
    const detail = `the review service's database was restored or replaced since you last synced (epoch ${expected} is now ${epoch}): sync your records again before acting`;
    throw new ProblemError(problemOf('serviceRestored', detail, { field: EPOCH_HEADER }));
  });
}

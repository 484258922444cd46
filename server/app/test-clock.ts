// The test clock: an offset on wall time that POST /api/v1/test/clock moves forward, stored with the
// data so a restart keeps it. On a database several instances share it is the cluster's one clock:
// an advance is stored in the same transaction that reads the last stored offset, and every instance
// takes the stored offset up before each request and each scheduled sweep. So an instance never
// judges a lease by an older time than one another instance has already answered with.
import type { AppContext } from './context';

export const META_CLOCK_OFFSET = 'test-clock-offset-ms';

/** Takes up the offset stored with the data (another instance may have advanced it). */
export async function syncClock(app: Pick<AppContext, 'store' | 'clock'>): Promise<void> {
  const stored = await app.store.read((tx) => tx.getMeta(META_CLOCK_OFFSET), { oneQuery: true });
  if (stored) app.clock.sync(Number(stored));
}

/** Moves the clock forward by an ISO-8601 duration from the latest stored offset and stores the result; returns the new now. */
export async function advanceClock(app: Pick<AppContext, 'store' | 'clock'>, isoDuration: string): Promise<string> {
  await app.store.transaction(async (tx) => {
    const stored = await tx.getMeta(META_CLOCK_OFFSET);
    if (stored) app.clock.sync(Number(stored));
    app.clock.advance(isoDuration);
    await tx.setMeta(META_CLOCK_OFFSET, String(app.clock.offset));
  });
  return app.clock.iso();
}

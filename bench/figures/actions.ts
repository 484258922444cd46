// Figure: service requests per reviewer action — a reviewer's actions (a comment, then a decision, on
// each claim of a pulled batch) through the real core with its sync engine running, each action left
// to the cycle it kicks, one after another (the worst case: no action shares a push with another);
// every request the core sends the service meanwhile is counted (the core's client uses this
// process's fetch). The change feed is followed on the sync interval, not once per action.
import type { WorkstationEvent } from '../../shared/contracts';
import type { BenchEnv } from '../config';
import { signedInCore } from '../rig/core';
import { withFetchTiming } from '../rig/fetch-timing';
import type { BenchService } from '../rig/service';
import { check, figure, type Figure } from '../results';

export async function measureServiceRequests(env: BenchEnv, svc: BenchService): Promise<Figure> {
  const { claims } = env.sizes.actions;
  const bc = await signedInCore(svc.url, 'rev2');
  try {
    await bc.call('queue.pull', { size: claims });
    const { claims: items } = await bc.call('queue.list', {});
    const ids = items.map((i) => i.id);
    bc.core.sync.start();
    await bc.core.sync.run(); // the feed was read just now, as after any sync
    /** Resolves when the cycle an action kicked has pushed it (nothing pending, online). */
    const pushed = () =>
      new Promise<void>((resolve) => {
        const off = bc.core.subscribe((e: WorkstationEvent) => {
          if (e.type === 'sync.status' && e.status.connection === 'online' && e.status.pending === 0) {
            off();
            resolve();
          }
        });
      });
    let actions = 0;
    const { routes } = await withFetchTiming(async () => {
      for (const claimId of ids) {
        let done = pushed();
        await bc.call('review.comment', { claimId, text: 'Checked the acknowledgement on page 2.' });
        await done;
        done = pushed();
        await bc.call('review.decide', { claimId, decision: { kind: 'approve', message: null } });
        await done;
        actions += 2;
      }
    });
    const requests = routes.reduce((n, r) => n + r.count, 0);
    const pushes = routes.find((r) => r.route === 'POST /api/v1/mutations')?.count ?? 0;
    const left = bc.core.store.outboxCounts();
    env.log(`  ${actions} actions, ${requests} service requests: ${routes.map((r) => `${r.route} ×${r.count}`).join(', ')}`);
    return figure({
      id: 'service-requests-per-action',
      title: 'Service requests per reviewer action (each pushed by the cycle it kicks)',
      size: `${actions} actions (a comment and a decision on each of ${ids.length} claims)`,
      unit: 'count',
      statistic: 'mean',
      value: actions > 0 ? requests / actions : 0,
      baseline: null,
      baselineLabel: 'fixed target',
      target: { kind: 'value-max', limit: 1, text: '≤ 1 request' },
      samples: actions,
      checks: {
        actions: check(ids.length === claims && actions === 2 * claims, `${actions} actions on ${ids.length}/${claims} pulled claims`),
        pushed: check(
          left.pending === 0 && left.conflicts === 0 && pushes >= 1,
          `${left.pending} actions pending and ${left.conflicts} in conflict after ${pushes} pushes`,
        ),
      },
      details: { requests, pushes, routes: routes.map((r) => `${r.route} ×${r.count}`).join(', ') },
    });
  } finally {
    await bc.close();
  }
}

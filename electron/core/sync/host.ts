// What the sync engine hands each of its jobs (push, feed, batch, documents): the core's context, the
// signed-in call to the review service and the status event. The jobs never import the engine, so
// there is no import loop; the engine (sync.ts) composes them.
import type { RouteName, RouteResponse } from '../../../shared/contracts';
import type { CoreContext } from '../context';
import type { CallArgs } from '../service-client';

export interface SyncHost {
  readonly ctx: CoreContext;
  /** A call to the service as the signed-in reviewer (signs in again on a 401 when it can). */
  call<N extends RouteName>(name: N, args?: Omit<CallArgs<N>, 'token'>): Promise<RouteResponse<N>>;
  emitStatus(): void;
}

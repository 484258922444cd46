// What the assist's core tests share: a partner's submitted claim with its documents on the real service,
// and the wait for a claim's assist result to be done (on its assist.changed event, no polling).
import { createServiceClient } from '../../electron/core/service-client';
import type { AssistResult, Claim } from '../../shared/contracts';
import { claimInput, signIn } from '../support/claims';
import type { TestCore } from '../core/harness';

export async function partnerClaim(
  serviceUrl: string,
  partner: string,
  customer: { name: string; tenantId: string; domain: string },
  docs: [string, Uint8Array][],
): Promise<Claim> {
  const client = createServiceClient(serviceUrl);
  const token = await signIn(client, partner);
  const c = await client.call('claimCreate', { token, body: claimInput({ customer, activity: 'deployment' }) });
  for (const [fileName, body] of docs) await client.call('documentUpload', { token, params: { id: c.id }, query: { fileName }, body });
  return client.call('claimSubmit', { token, params: { id: c.id }, body: {} });
}

export function assistDone(core: TestCore, claimId: string): Promise<AssistResult> {
  return new Promise((resolve) => {
    const off = core.core.subscribe((e) => {
      if (e.type !== 'assist.changed' || !e.claimIds.includes(claimId)) return;
      void core.call('assist.get', { claimId }).then((r) => {
        if (r.status === 'done') {
          off();
          resolve(r);
        }
      });
    });
  });
}

// What one seeded crash and partition run does: a plan of reviewer actions and injected faults,
// drawn by fast-check from the seed alone, so `SEED=n` replays the same plan. Claims are named by
// index into the run's claims; the runner maps them at run time.
import fc from 'fast-check';

export type Step =
  | { do: 'checklist'; claim: number; reason: number; checked: boolean; perProduct: boolean }
  | { do: 'comment'; claim: number }
  | { do: 'decide'; claim: number; kind: 'approve' | 'reject' | 'request-info' | 'remove-product' }
  | { do: 'undo' }
  | { do: 'sync' }
  | { do: 'read-document'; claim: number }
  | { do: 'resolve'; choice: 'reapply' | 'discard' }
  | { do: 'pull' }
  | { do: 'partner-submit' }
  | { do: 'partner-comment'; claim: number }
  | { do: 'partner-withdraw'; claim: number }
  | { fault: 'kill-workstation'; during: 'idle' | 'action' | 'push' | 'download' | 'pull'; delayMs: number }
  | { fault: 'restart-service'; signal: 'SIGTERM' | 'SIGKILL' }
  | { fault: 'partition'; steps: number }
  | { fault: 'delay'; ms: number; steps: number }
  | { fault: 'drop-response'; route: 'mutations' | 'changes' | 'leases' }
  | { fault: 'duplicate'; route: 'mutations' | 'leases' }
  | { fault: 'lease-expiry' }
  /** The link goes down, the reviewer decides and comments offline, the lease lapses, the link comes back. */
  | { fault: 'offline-lease-expiry'; claim: number }
  | { fault: 'clock-jump'; by: 'PT9H' | 'P2D' | 'P8D' }
  | { fault: 'corrupt-cache' }
  // reliability (issue 13): a partner grows a claim to its limits (long comments until refused), and the
  // service is restored from a backup taken a moment before the reviewer's last acknowledged actions.
  | { fault: 'bloat-claim'; claim: number }
  | { fault: 'restore-service' };

export interface Plan {
  seed: number;
  /** Claims the partner submits before the first pull. */
  claims: number;
  /** Actions per push request (the workstation's --push-batch is fixed per world; this only sizes bursts). */
  burst: number;
  steps: Step[];
}

const EXPENSIVE = new Set(['kill-workstation', 'restart-service', 'bloat-claim', 'restore-service']);
export const isFault = (s: Step): s is Extract<Step, { fault: string }> => 'fault' in s;

const claim = fc.nat({ max: 7 });
const action: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({ do: fc.constant('checklist' as const), claim, reason: fc.nat({ max: 4 }), checked: fc.boolean(), perProduct: fc.boolean() }),
  },
  { weight: 5, arbitrary: fc.record({ do: fc.constant('comment' as const), claim }) },
  {
    weight: 5,
    arbitrary: fc.record({
      do: fc.constant('decide' as const),
      claim,
      kind: fc.constantFrom('approve' as const, 'reject' as const, 'request-info' as const, 'remove-product' as const),
    }),
  },
  { weight: 2, arbitrary: fc.constant({ do: 'undo' as const }) },
  { weight: 3, arbitrary: fc.constant({ do: 'sync' as const }) },
  { weight: 2, arbitrary: fc.record({ do: fc.constant('read-document' as const), claim }) },
  { weight: 1, arbitrary: fc.record({ do: fc.constant('resolve' as const), choice: fc.constantFrom('reapply' as const, 'discard' as const) }) },
  { weight: 2, arbitrary: fc.constant({ do: 'pull' as const }) },
  { weight: 1, arbitrary: fc.constant({ do: 'partner-submit' as const }) },
  { weight: 1, arbitrary: fc.record({ do: fc.constant('partner-comment' as const), claim }) },
  { weight: 1, arbitrary: fc.record({ do: fc.constant('partner-withdraw' as const), claim }) },
);
const fault: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      fault: fc.constant('kill-workstation' as const),
      during: fc.constantFrom('idle' as const, 'action' as const, 'push' as const, 'download' as const, 'pull' as const),
      delayMs: fc.nat({ max: 20 }),
    }),
  },
  { weight: 2, arbitrary: fc.record({ fault: fc.constant('restart-service' as const), signal: fc.constantFrom('SIGTERM' as const, 'SIGKILL' as const) }) },
  { weight: 3, arbitrary: fc.record({ fault: fc.constant('partition' as const), steps: fc.integer({ min: 1, max: 4 }) }) },
  { weight: 2, arbitrary: fc.record({ fault: fc.constant('delay' as const), ms: fc.integer({ min: 20, max: 300 }), steps: fc.integer({ min: 1, max: 4 }) }) },
  {
    weight: 3,
    arbitrary: fc.record({ fault: fc.constant('drop-response' as const), route: fc.constantFrom('mutations' as const, 'changes' as const, 'leases' as const) }),
  },
  { weight: 3, arbitrary: fc.record({ fault: fc.constant('duplicate' as const), route: fc.constantFrom('mutations' as const, 'leases' as const) }) },
  { weight: 2, arbitrary: fc.constant({ fault: 'lease-expiry' as const }) },
  { weight: 2, arbitrary: fc.record({ fault: fc.constant('offline-lease-expiry' as const), claim }) },
  { weight: 1, arbitrary: fc.record({ fault: fc.constant('clock-jump' as const), by: fc.constantFrom('PT9H' as const, 'P2D' as const, 'P8D' as const) }) },
  { weight: 2, arbitrary: fc.constant({ fault: 'corrupt-cache' as const }) },
  { weight: 1, arbitrary: fc.record({ fault: fc.constant('bloat-claim' as const), claim }) },
  { weight: 1, arbitrary: fc.constant({ fault: 'restore-service' as const }) },
);

/** The plan of run `seed`. Short runs (npm test) take fewer steps and at most one process restart. */
export function planFor(seed: number, mode: 'short' | 'stress'): Plan {
  const maxSteps = mode === 'short' ? 10 : 16;
  const maxExpensive = mode === 'short' ? 1 : 3;
  const arbitrary = fc.record({
    claims: fc.integer({ min: 2, max: 4 }),
    burst: fc.integer({ min: 1, max: 4 }),
    steps: fc.array(fc.oneof({ weight: 7, arbitrary: action }, { weight: 3, arbitrary: fault }), { minLength: 4, maxLength: maxSteps }),
  });
  const [drawn] = fc.sample(arbitrary, { seed, numRuns: 1 });
  let expensive = 0;
  // Keep the run short: later process restarts beyond the budget become plain partitions.
  const steps = drawn!.steps.map((s): Step => {
    if (!isFault(s) || !EXPENSIVE.has(s.fault)) return s;
    return ++expensive <= maxExpensive ? s : { fault: 'partition', steps: 1 };
  });
  return { seed, claims: drawn!.claims, burst: drawn!.burst, steps };
}

export const describeStep = (s: Step): string => JSON.stringify(s);

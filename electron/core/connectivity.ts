// How the workstation finds its way back online: a failed request marks it offline at once; while
// offline, the service is probed (GET /health) with a short backoff from 2 s, and the sync cycle goes
// on to push pending work as soon as a probe answers, without waiting for the next sync interval.
export interface ProbeOptions {
  /** First wait before probing an unreachable service. */
  probeBaseMs: number;
  /** Longest wait between probes. */
  probeMaxMs: number;
}

export const DEFAULT_PROBE_OPTIONS: ProbeOptions = { probeBaseMs: 2_000, probeMaxMs: 15_000 };

/** The wait before probe number `attempt` (1, 2, …): from `probeBaseMs`, doubling up to `probeMaxMs`, never below the base. */
export function probeDelay(attempt: number, o: ProbeOptions, random: () => number = Math.random): number {
  const ceiling = Math.min(Math.max(o.probeMaxMs, o.probeBaseMs), o.probeBaseMs * 2 ** Math.max(0, attempt - 1));
  // Up to a quarter more, so many workstations coming back at once do not probe in step.
  return Math.round(ceiling + random() * (ceiling / 4));
}

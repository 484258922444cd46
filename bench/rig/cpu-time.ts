// CPU time of a process's main thread (Linux /proc/<pid>/schedstat: nanoseconds on a CPU), to say how
// much work a figure's sides did when the shared machine is loaded and wall-clock times are inflated by
// waiting for a core. null where /proc is not there.
import fs from 'node:fs';

/** Milliseconds the main thread of `pid` (this process by default) has run on a CPU so far, or null. */
export function mainThreadCpuMs(pid: number | 'self' = 'self'): number | null {
  try {
    const [ns] = fs.readFileSync(`/proc/${pid}/schedstat`, 'utf8').split(' ');
    return Number(ns) / 1e6;
  } catch {
    return null;
  }
}

/** Runs `fn` and returns its result with the CPU ms the main threads of `pids` spent meanwhile (null entries where unknown). */
export async function withCpuTime<T>(pids: readonly (number | 'self')[], fn: () => Promise<T>): Promise<{ result: T; cpuMs: (number | null)[] }> {
  const before = pids.map((p) => mainThreadCpuMs(p));
  const result = await fn();
  const cpuMs = pids.map((p, i) => {
    const a = before[i];
    const b = mainThreadCpuMs(p);
    return a === null || a === undefined || b === null ? null : b - a;
  });
  return { result, cpuMs };
}

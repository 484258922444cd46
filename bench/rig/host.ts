// Starts the workstation (core + browser host, one process) as a child process on a given profile,
// pinned to a review service, serving a given renderer build; and reads that process's memory.
import { readFileSync } from 'node:fs';
import { startProgram } from '../../common/child-process';
import { programArgs } from '../../test/support/programs';
import { profilingArgs } from './service';

const READY = /workstation ready at (http:\/\/\S+)/;

export interface BenchHost {
  /** http://127.0.0.1:<port>/#key=<launch key> */
  url: string;
  origin: string;
  pid: number;
  stop(): Promise<void>;
}

export interface HostOptions {
  serviceUrl: string;
  profileDir: string;
  rendererDir: string;
  /** Milliseconds between background sync cycles (default: the workstation's). */
  syncIntervalMs?: number;
}

export async function startHost(o: HostOptions): Promise<BenchHost> {
  const args = [
    ...profilingArgs('workstation'),
    ...programArgs('bench-host'),
    '--headless',
    '--port',
    '0',
    '--service',
    o.serviceUrl,
    '--profile',
    o.profileDir,
    '--renderer',
    o.rendererDir,
  ];
  if (o.syncIntervalMs) args.push('--sync-interval', String(o.syncIntervalMs));
  const p = await startProgram(process.execPath, args, {
    name: 'the workstation',
    ready: READY,
    timeoutMs: 180_000,
    env: { ...process.env, NODE_OPTIONS: '' },
  });
  const url = p.ready[1]!;
  return { url, origin: new URL(url).origin, pid: p.pid, stop: async () => void (await p.stop()) };
}

/** Resident and peak resident memory of a process, in MB (Linux /proc). */
export function processMemory(pid: number): { rssMb: number; peakMb: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024 };
}

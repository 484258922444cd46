// Starts the workstation (core + browser host, one process) as a child process on a given profile,
// pinned to a review service, serving a given renderer build; and reads that process's memory.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { profilingArgs } from './service';

const ENTRY = path.join(path.dirname(fileURLToPath(import.meta.url)), 'host-main.ts');
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

export function startHost(o: HostOptions): Promise<BenchHost> {
  const args = [...profilingArgs('workstation'), '--import', 'tsx', ENTRY, '--headless', '--port', '0', '--service', o.serviceUrl, '--profile', o.profileDir, '--renderer', o.rendererDir];
  if (o.syncIntervalMs) args.push('--sync-interval', String(o.syncIntervalMs));
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NODE_OPTIONS: '' } });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the workstation did not start within 180 s\n${out}\n${err}`));
    }, 180_000);
    child.stderr!.setEncoding('utf8').on('data', (d: string) => (err += d));
    child.stdout!.setEncoding('utf8').on('data', (d: string) => {
      out += d;
      const m = READY.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({
          url: m[1]!,
          origin: new URL(m[1]!).origin,
          pid: child.pid!,
          stop: async () => {
            if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
            await exited;
          },
        });
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`the workstation exited (${signal ?? code}) before it was ready\n${out}\n${err}`));
    });
  });
}

/** Resident and peak resident memory of a process, in MB (Linux /proc). */
export function processMemory(pid: number): { rssMb: number; peakMb: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024 };
}

// The one way tests, the bench and scripts start a program of ours as a child process, so that no child
// outlives the run that started it: every child is killed when this process exits or is stopped by a
// signal, and it is handed this process's pid (POE_PARENT_PID) so that it stops by itself when this
// process disappears without a word (SIGKILL, OOM) — see exitWithParent in ./parent-watch.
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';

/** The environment variable a child reads its parent's pid from. */
export const PARENT_PID_ENV = 'POE_PARENT_PID';

const living = new Set<ChildProcess>();
const STOP_SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
let hooked = false;

function killAll(): void {
  for (const child of living) child.kill('SIGKILL');
  living.clear();
}

/**
 * On a stop signal nobody else handles: kill the children and die of the signal, as we would have. A program
 * that handles the signal itself shuts down its own way (e.g. lets Electron close) and 'exit' kills what is left.
 */
function onSignal(signal: NodeJS.Signals): void {
  if (process.listenerCount(signal) > 1) return;
  killAll();
  process.removeListener(signal, onSignal);
  process.kill(process.pid, signal);
}

function hookOnce(): void {
  if (hooked) return;
  hooked = true;
  process.on('exit', killAll);
  for (const s of STOP_SIGNALS) process.on(s, onSignal);
}

/** child_process.spawn, tied to this process: killed when it ends, and told its pid. */
export function spawnTied(command: string, args: readonly string[], options: SpawnOptions = {}): ChildProcess {
  hookOnce();
  const child = spawn(command, args, { ...options, env: { ...(options.env ?? process.env), [PARENT_PID_ENV]: String(process.pid) } });
  living.add(child);
  child.once('exit', () => living.delete(child));
  return child;
}

export interface ExitStatus {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface StartedProgram {
  child: ChildProcess;
  pid: number;
  /** The match of `ready` in the program's standard output. */
  ready: RegExpExecArray;
  /** Everything written to stdout / stderr so far. */
  stdout(): string;
  stderr(): string;
  exited: Promise<ExitStatus>;
  /** Sends `signal` (default SIGTERM) unless it has ended, and waits for the end. */
  stop(signal?: NodeJS.Signals): Promise<ExitStatus>;
}

export interface StartOptions {
  /** What the program is, for error messages ("the review service"). */
  name: string;
  /** The line on stdout that says it is ready (its match is returned). */
  ready: RegExp;
  timeoutMs?: number;
  cwd?: string;
  env?: NodeJS.ProcessEnv;
}

/** Starts `command args` tied to this process and resolves once stdout matches `ready`; a start that fails or times out rejects with its output. */
export function startProgram(command: string, args: readonly string[], o: StartOptions): Promise<StartedProgram> {
  const timeoutMs = o.timeoutMs ?? 60_000;
  const child = spawnTied(command, args, { cwd: o.cwd, env: o.env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout!.setEncoding('utf8').on('data', (d: string) => (out += d));
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (err += d));
  const exited = new Promise<ExitStatus>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const stop = async (signal: NodeJS.Signals = 'SIGTERM') => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    return exited;
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${o.name} did not start within ${timeoutMs / 1000} s\n${out}\n${err}`));
    }, timeoutMs);
    const look = () => {
      const m = o.ready.exec(out);
      if (!m) return;
      clearTimeout(timer);
      child.stdout!.off('data', look);
      resolve({ child, pid: child.pid!, ready: m, stdout: () => out, stderr: () => err, exited, stop });
    };
    child.stdout!.on('data', look);
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`${o.name} exited (${signal ?? `code ${code}`}) before it was ready\n${out}\n${err}`));
    });
  });
}

// The child's half of ./child-process: a program started by a test, the bench or a script stops itself
// when the process that started it is gone (killed with SIGKILL, so it could not kill its children),
// and closes cleanly on SIGINT/SIGTERM (closeOnSignals).
// It sends itself SIGTERM, so the program's own clean shutdown runs. Programs run by hand have no
// POE_PARENT_PID and are not watched.
import { PARENT_PID_ENV } from './child-process';

/** True while a process with this pid exists (ours or another user's). */
export const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** Watches the parent named in POE_PARENT_PID (every `intervalMs`) and stops this process once it is gone. */
export function exitWithParent(intervalMs = 1000): void {
  const parent = Number(process.env[PARENT_PID_ENV]);
  if (!Number.isSafeInteger(parent) || parent <= 0) return;
  // Our own children are watched through their own variable, not ours.
  delete process.env[PARENT_PID_ENV];
  const adopted = process.ppid === parent;
  const timer = setInterval(() => {
    if ((adopted && process.ppid !== parent) || !isAlive(parent)) {
      clearInterval(timer);
      process.stderr.write(`${process.title}: the process that started this one (pid ${parent}) is gone; stopping\n`);
      process.kill(process.pid, 'SIGTERM');
    }
  }, intervalMs);
  timer.unref();
}

/** Runs the program's clean shutdown once on SIGINT or SIGTERM, then exits (1 when closing failed). */
export function closeOnSignals(close: () => Promise<unknown>): void {
  const stop = () => {
    close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

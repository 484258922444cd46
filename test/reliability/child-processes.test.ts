// No child outlives the run that started it (common/child-process.ts, common/parent-watch.ts): a parent
// stopped by SIGTERM kills its children on the way out, and a parent killed with SIGKILL (which can run no
// code) leaves a service child that notices within seconds and shuts itself down. Real processes throughout.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startProgram, type StartedProgram } from '../../common/child-process';
import { programArgs, REPO_ROOT } from '../support/programs';
import { removeDir, tempDir } from '../support/service';

const dirs: string[] = [];
const parents: StartedProgram[] = [];
afterEach(async () => {
  for (const p of parents.splice(0)) await p.stop('SIGKILL');
  for (const d of dirs.splice(0)) removeDir(d);
});

/** True while `pid` is a process that has not ended (a zombie waiting for its reaper counts as ended). */
function running(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

/** Resolves once `pid` has ended; rejects after `timeoutMs`. Checks /proc, since a grandchild sends us no exit event. */
function ended(pid: number, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const deadline = Date.now() + timeoutMs;
    const check = setInterval(() => {
      if (!running(pid)) {
        clearInterval(check);
        resolve();
      } else if (Date.now() > deadline) {
        clearInterval(check);
        reject(new Error(`process ${pid} still runs ${timeoutMs} ms after its parent ended`));
      }
    }, 50);
  });
}

/** A tied parent (tied-parent.ts) running the review service CLI as its child; resolves with both. */
async function parentWithService(): Promise<{ parent: StartedProgram; service: number }> {
  const data = tempDir('tied-');
  dirs.push(data);
  const serviceCommand = [...programArgs('service'), '--port', '0', '--data', path.join(data, 'svc'), '--demo', '--demo-claims', '0'];
  const parent = await startProgram(
    process.execPath,
    ['--import', 'tsx', path.join(REPO_ROOT, 'test/reliability/tied-parent.ts'), 'review service listening on', ...serviceCommand],
    {
      name: 'the tied parent',
      ready: /child (\d+)/,
      cwd: REPO_ROOT,
      env: { ...process.env, NODE_OPTIONS: '' },
    },
  );
  parents.push(parent);
  const service = Number(parent.ready[1]);
  expect(running(service)).toBe(true);
  return { parent, service };
}

describe('child processes of tests and bench', () => {
  it('are killed when their parent is stopped with SIGTERM', async () => {
    const { parent, service } = await parentWithService();
    expect(await parent.stop('SIGTERM')).toMatchObject({ signal: 'SIGTERM' });
    await ended(service, 5_000);
  });

  it('stop by themselves when their parent is killed with SIGKILL', async () => {
    const { parent, service } = await parentWithService();
    await parent.stop('SIGKILL');
    // The watch looks once a second; the service then shuts down cleanly (well within its 10 s).
    await ended(service, 15_000);
  });
});

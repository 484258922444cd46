// Vitest global setup: bundles the programs tests start as child processes (the review service CLI, the
// browser host) once per run with esbuild, so each child starts from one file instead of tsx compiling
// every module again (a child starts in about half the time). The folder is the run's own and removed after.
import fs from 'node:fs';
import path from 'node:path';
import { isAlive } from '../../common/parent-watch';
import { buildBundles } from '../../tools/bundle/build';
import { BUNDLES_ENV, REPO_ROOT } from './programs';

export default async function setup(): Promise<() => void> {
  if (process.env[BUNDLES_ENV]) return () => undefined;
  const parent = path.join(REPO_ROOT, 'node_modules/.cache/poe-test-bundles');
  // Folders of runs that were killed before their teardown (their pid is gone).
  for (const pid of fs.existsSync(parent) ? fs.readdirSync(parent) : [])
    if (!isAlive(Number(pid))) fs.rmSync(path.join(parent, pid), { recursive: true, force: true });
  const dir = path.join(parent, String(process.pid));
  await buildBundles(dir);
  process.env[BUNDLES_ENV] = dir;
  return () => {
    fs.rmSync(dir, { recursive: true, force: true });
    delete process.env[BUNDLES_ENV];
  };
}

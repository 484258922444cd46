// Vitest global setup: what every service and workstation a test starts is made from, prepared once per
// run in a folder of the run's own (removed after): esbuild bundles of the programs tests start as child
// processes (the review service CLI, the browser host, the bench's host and raw endpoint), so each child
// starts from one file instead of tsx compiling every module again; and the demo's cast seeded once as a
// SQLite template that test/support/service.ts copies (test/support/demo-template.ts).
import fs from 'node:fs';
import path from 'node:path';
import { isAlive } from '../../common/parent-watch';
import { buildBundles } from '../../tools/bundle/build';
import { DEMO_TEMPLATE_ENV, seedDemoTemplate } from './demo-template';
import { BUNDLES_ENV, REPO_ROOT } from './programs';

export default async function setup(): Promise<() => void> {
  if (process.env[BUNDLES_ENV]) return () => undefined;
  const parent = path.join(REPO_ROOT, 'node_modules/.cache/poe-test-bundles');
  // Folders of runs that were killed before their teardown (their pid is gone).
  for (const pid of fs.existsSync(parent) ? fs.readdirSync(parent) : [])
    if (!isAlive(Number(pid))) fs.rmSync(path.join(parent, pid), { recursive: true, force: true });
  const dir = path.join(parent, String(process.pid));
  const template = path.join(dir, 'demo-template');
  await Promise.all([buildBundles(dir), seedDemoTemplate({ dataDir: template })]);
  process.env[BUNDLES_ENV] = dir;
  process.env[DEMO_TEMPLATE_ENV] = template;
  return () => {
    fs.rmSync(dir, { recursive: true, force: true });
    delete process.env[BUNDLES_ENV];
    delete process.env[DEMO_TEMPLATE_ENV];
  };
}

// How tests start a program of ours as a child process: from the run's prebuilt bundle when the global
// setup made one (test/support/run-global.ts sets POE_TEST_BUNDLES), else through tsx on the source
// (a test file run outside vitest, the stress run). Always through the tied spawner in common/, so a
// killed test run leaves no child behind.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startProgram, type StartedProgram, type StartOptions } from '../../common/child-process';
import { PROGRAMS, type Program } from '../../tools/bundle/programs';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const BUNDLES_ENV = 'POE_TEST_BUNDLES';

/** Node's arguments that run `program` (then its own arguments follow). */
export function programArgs(program: Program): string[] {
  const dir = process.env[BUNDLES_ENV];
  const bundle = dir ? path.join(dir, `${program}.mjs`) : '';
  return bundle && fs.existsSync(bundle) ? [bundle] : ['--import', 'tsx', path.join(REPO_ROOT, PROGRAMS[program])];
}

/** Starts `program` with `args` in the repository folder and waits for its ready line. */
export function startOurProgram(program: Program, args: string[], o: Omit<StartOptions, 'cwd'>): Promise<StartedProgram> {
  return startProgram(process.execPath, [...programArgs(program), ...args], { cwd: REPO_ROOT, ...o, env: { ...process.env, NODE_OPTIONS: '', ...o.env } });
}

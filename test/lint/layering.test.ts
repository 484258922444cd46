// The import allow-list is enforced: for every pair of layers, an import the architecture forbids is a
// lint error and an allowed one is not (linting text placed at a path in each layer with the repo's config).
import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { ALLOWED } from '../../tools/eslint/layering.js';
import { REPO_ROOT } from '../support/workstation';

/** A file that stands for each layer, and a module of it another layer could import. */
const HOME: Record<string, { file: string; module: string }> = {
  shared: { file: 'shared/domain/x.ts', module: 'shared/domain/codes' },
  common: { file: 'common/x.ts', module: 'common/x' },
  server: { file: 'server/app/x.ts', module: 'server/app/claims' },
  core: { file: 'electron/core/x.ts', module: 'electron/core/core' },
  main: { file: 'electron/main/x.ts', module: 'electron/main/main' },
  'browser-host': { file: 'electron/browser-host/x.ts', module: 'electron/browser-host/server' },
  preload: { file: 'electron/preload/x.ts', module: 'electron/preload/bridge' },
  renderer: { file: 'renderer/x.ts', module: 'renderer/store/index' },
};
const layers = Object.keys(HOME);
const eslint = new ESLint({ cwd: REPO_ROOT });

async function layeringErrors(from: string, to: string): Promise<string[]> {
  const file = path.join(REPO_ROOT, HOME[from]!.file);
  let source = path.relative(path.dirname(file), path.join(REPO_ROOT, HOME[to]!.module)).split(path.sep).join('/');
  if (!source.startsWith('.')) source = `./${source}`;
  const [result] = await eslint.lintText(`export * from '${source}';\n`, { filePath: file });
  return result!.messages.filter((m) => m.ruleId === 'local/code-layering').map((m) => m.message);
}

describe('the layering allow-list', () => {
  const pairs = layers.flatMap((from) => layers.filter((to) => to !== from).map((to) => [from, to] as const));

  it.each(pairs.filter(([from, to]) => !ALLOWED[from]!.includes(to)))('forbids %s → %s', async (from, to) => {
    const errors = await layeringErrors(from, to);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain(`${from} may not import ${to}`);
  });

  it.each(pairs.filter(([from, to]) => ALLOWED[from]!.includes(to)))('allows %s → %s', async (from, to) => {
    expect(await layeringErrors(from, to)).toEqual([]);
  });

  it('keeps transports apart and the sandboxed page on shared/ only', () => {
    expect(ALLOWED.main).not.toContain('browser-host');
    expect(ALLOWED['browser-host']).not.toContain('main');
    expect(ALLOWED.preload).toEqual(['shared']);
    expect(ALLOWED.renderer).toEqual(['shared']);
    expect(ALLOWED.shared).toEqual([]);
  });
});

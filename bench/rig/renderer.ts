// Builds the real renderer (the project's own vite config) into a folder of the bench's own, so the
// bench measures the current sources and never rewrites the shared dist/ other runs may be serving.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export async function buildRenderer(): Promise<{ dir: string; remove(): void }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-renderer-'));
  const remove = () => fs.rmSync(dir, { recursive: true, force: true });
  try {
    await build({
      configFile: path.join(REPO_ROOT, 'vite.config.ts'),
      root: path.join(REPO_ROOT, 'renderer'),
      logLevel: 'warn',
      build: { outDir: dir, emptyOutDir: true, sourcemap: false, chunkSizeWarningLimit: 100_000 },
    });
    if (!fs.existsSync(path.join(dir, 'index.html'))) throw new Error('the renderer build left no index.html');
  } catch (error) {
    remove();
    throw error;
  }
  return { dir, remove };
}

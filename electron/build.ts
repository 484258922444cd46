// Builds the Electron main process and preload into dist/electron for `npm run dist` (run with tsx):
// main as an ES module that imports its npm dependencies at run time (electron-builder packs them, and
// rebuilds better-sqlite3 for Electron's ABI); preload as one self-contained CommonJS file, because a
// sandboxed preload can require nothing but 'electron'.
import { builtinModules } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

/** Builds into `outDir` (default dist/electron): main/main.js and preload/preload.cjs. */
export async function buildElectron(outDir = path.join(root, 'dist/electron')): Promise<void> {
  await build({
    configFile: false,
    root,
    logLevel: 'warn',
    build: {
      ssr: 'electron/main/main.ts',
      outDir: path.join(outDir, 'main'),
      emptyOutDir: true,
      target: 'node22',
      sourcemap: true,
      rolldownOptions: { output: { format: 'es', entryFileNames: 'main.js' } },
    },
  });
  await build({
    configFile: false,
    root,
    logLevel: 'warn',
    ssr: { noExternal: true, external: ['electron'] },
    build: {
      ssr: 'electron/preload/preload.ts',
      outDir: path.join(outDir, 'preload'),
      emptyOutDir: true,
      target: 'chrome130',
      sourcemap: true,
      rolldownOptions: { external: ['electron', ...nodeBuiltins], output: { format: 'cjs', entryFileNames: 'preload.cjs' } },
    },
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await buildElectron();

// Prebuilt bundles of the processes tests and the bench start (the review service CLI, the browser host,
// the bench's host and raw endpoint):
// one esbuild pass per run instead of tsx compiling every module in every child (about half the start time).
// npm packages stay external (resolved from node_modules at run time, so pdf.js assets, native modules
// and tesseract data are found as usual); each of our modules keeps its own import.meta.url, so
// paths relative to a source file ('../package.json', fonts, dist/renderer) resolve exactly as under tsx.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build, type Plugin } from 'esbuild';
import { PROGRAMS, type Program } from './programs';

export { PROGRAMS, type Program };

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Replaces import.meta.url in each of our source files with that file's own URL (a bundle has one URL for all). */
const ownModuleUrls: Plugin = {
  name: 'own-module-urls',
  setup(b) {
    b.onLoad({ filter: /\.tsx?$/ }, async (args) => {
      if (args.path.includes(`${path.sep}node_modules${path.sep}`)) return undefined;
      const source = await fs.promises.readFile(args.path, 'utf8');
      return { contents: source.replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href)), loader: args.path.endsWith('x') ? 'tsx' : 'ts' };
    });
  },
};

/**
 * Bundles every program into `outDir` as <name>.mjs and returns their paths. The bundle imports the entry
 * and, for an entry that runs main() only when it is the process's own script, calls main() itself.
 */
export async function buildBundles(outDir: string): Promise<Record<Program, string>> {
  fs.mkdirSync(outDir, { recursive: true });
  const out = {} as Record<Program, string>;
  await Promise.all(
    (Object.entries(PROGRAMS) as [Program, string][]).map(async ([name, entry]) => {
      const file = path.join(outDir, `${name}.mjs`);
      const source = fs.readFileSync(path.join(REPO_ROOT, entry), 'utf8');
      const runsItself = !/^if \(process\.argv\[1\].*await main\(\);?$/m.test(source);
      await build({
        stdin: {
          contents: runsItself ? `import './${entry}';` : `import { main } from './${entry}';\nawait main();`,
          resolveDir: REPO_ROOT,
          loader: 'ts',
          sourcefile: `${name}-entry.ts`,
        },
        bundle: true,
        platform: 'node',
        format: 'esm',
        target: 'node20',
        packages: 'external',
        sourcemap: 'inline',
        outfile: file,
        logLevel: 'warning',
        plugins: [ownModuleUrls],
      });
      out[name] = file;
    }),
  );
  return out;
}

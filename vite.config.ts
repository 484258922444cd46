// Builds the React renderer into dist/renderer: served by the browser host and loaded by Electron.
// pdf.js's data ships with the build so every PoE renders without any network: its predefined CMaps
// (CJK text in non-embedded fonts), the 14 standard fonts' substitutes, its WebAssembly image decoders
// (JPEG 2000, JBIG2, colour profiles) and ICC profiles. The scripting engine (QuickJS) is never shipped.
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

const pdfjsDir = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));

/** pdfjs-dist folder → folder beside the app; renderer/viewer/pdf-engine.ts points pdf.js at each. */
export const PDFJS_ASSET_FOLDERS: Readonly<Record<string, string>> = {
  cmaps: 'pdfjs-cmaps',
  standard_fonts: 'pdfjs-standard-fonts',
  wasm: 'pdfjs-wasm',
  iccs: 'pdfjs-iccs',
};

/** Never shipped: PDF JavaScript's sandbox (the workstation runs no PDF scripts). */
const NOT_SHIPPED = /quickjs/i;

function pdfjsAssets(): Plugin {
  return {
    name: 'pdfjs-assets',
    // `npm run dev`: the same folders served from pdfjs-dist by the dev server.
    configureServer(server) {
      for (const [from, to] of Object.entries(PDFJS_ASSET_FOLDERS)) {
        server.middlewares.use(`/${to}/`, (req, res, next) => {
          const name = decodeURIComponent((req.url ?? '').split('?')[0]!.replace(/^\//, ''));
          if (!name || name.includes('/') || name.includes('..') || NOT_SHIPPED.test(name)) return next();
          try {
            res.end(readFileSync(join(pdfjsDir, from, name)));
          } catch {
            next();
          }
        });
      }
    },
    generateBundle() {
      for (const [from, to] of Object.entries(PDFJS_ASSET_FOLDERS)) {
        for (const name of readdirSync(join(pdfjsDir, from))) {
          if (NOT_SHIPPED.test(name)) continue;
          this.emitFile({ type: 'asset', fileName: `${to}/${name}`, source: readFileSync(join(pdfjsDir, from, name)) });
        }
      }
    },
  };
}

export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react(), pdfjsAssets()],
  build: { outDir: '../dist/renderer', emptyOutDir: true, sourcemap: true, target: 'es2022' },
});

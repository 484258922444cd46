// Builds the React renderer into dist/renderer: served by the browser host and loaded by Electron.
// pdf.js's WebAssembly image decoders (JPEG 2000, JBIG2, colour profiles) ship with the build, so
// scanned PoEs decode without any network.
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

const pdfjsWasmDir = join(dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json')), 'wasm');

/** Emits pdfjs-dist/wasm/* as pdfjs-wasm/* beside the app; the viewer points pdf.js's wasmUrl there. */
function pdfjsWasm(): Plugin {
  return {
    name: 'pdfjs-wasm',
    generateBundle() {
      for (const name of readdirSync(pdfjsWasmDir)) {
        this.emitFile({ type: 'asset', fileName: `pdfjs-wasm/${name}`, source: readFileSync(join(pdfjsWasmDir, name)) });
      }
    },
  };
}

export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react(), pdfjsWasm()],
  build: { outDir: '../dist/renderer', emptyOutDir: true, sourcemap: true, target: 'es2022' },
});

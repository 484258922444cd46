// The options every PoE document is opened with, apart from the worker: XFA off, CMaps, standard fonts,
// WebAssembly decoders and ICC profiles from the app's own pdfjs-*/ folders under `base`, no auto-fetch.
// Plain data, so the bench's clean pdf.js page opens documents exactly as the renderer does.
import type { getDocument } from 'pdfjs-dist';

export type DocumentInitParameters = Exclude<Parameters<typeof getDocument>[0], string | URL | ArrayBuffer | ArrayLike<number> | undefined>;

/** `base` is the URL the pdfjs-… folders sit under; `strict` makes parse errors reject instead of being skipped. */
export function pdfOpenOptions(base: string, strict = false): DocumentInitParameters {
  const folder = (name: string) => new URL(`./${name}/`, base).href;
  return {
    enableXfa: false,
    cMapUrl: folder('pdfjs-cmaps'),
    cMapPacked: true,
    standardFontDataUrl: folder('pdfjs-standard-fonts'),
    wasmUrl: folder('pdfjs-wasm'),
    iccUrl: folder('pdfjs-iccs'),
    useWasm: true,
    stopAtErrors: strict,
    disableAutoFetch: true,
    verbosity: 0,
  };
}

// Fonts for generated PoE documents: a subset of Noto Sans TC (from an npm font package) holding the
// few Traditional Chinese characters the demo writes, and Liberation Sans (shipped by pdfjs-dist) for
// raster "scans". Each subset is made once per process for the characters it is asked for.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import subsetFont from 'subset-font';

const require = createRequire(import.meta.url);

/** The folder of an installed package (found from its entry point, since exports may hide package.json). */
function packageDir(name: string): string {
  let dir = path.dirname(require.resolve(name));
  while (
    !fs.existsSync(path.join(dir, 'package.json')) ||
    (JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: string }).name !== name
  ) {
    const up = path.dirname(dir);
    if (up === dir) throw new Error(`cannot find the folder of the package ${name}`);
    dir = up;
  }
  return dir;
}

/** Subsets made so far, by the characters they hold (callers with other texts need other subsets). */
const cjkSubsets = new Map<string, Promise<Uint8Array>>();

/** An OpenType font with every character of `texts` plus ASCII (same texts → same bytes). */
export function cjkFont(texts: readonly string[]): Promise<Uint8Array> {
  const ascii = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).join('');
  const chars = [...new Set([...ascii, ...texts.join('')])].sort().join('');
  let subset = cjkSubsets.get(chars);
  if (!subset) {
    subset = (async () => {
      const full = fs.readFileSync(path.join(packageDir('@embedpdf/fonts-tc'), 'fonts', 'NotoSansHant-Regular.otf'));
      return new Uint8Array(await subsetFont(full, chars, { targetFormat: 'sfnt' }));
    })();
    cjkSubsets.set(chars, subset);
  }
  return subset;
}

/** Paths of the Latin TrueType fonts used to draw text into raster images. */
export function latinFontFiles(): { regular: string; bold: string } {
  const dir = path.join(packageDir('pdfjs-dist'), 'standard_fonts');
  return { regular: path.join(dir, 'LiberationSans-Regular.ttf'), bold: path.join(dir, 'LiberationSans-Bold.ttf') };
}

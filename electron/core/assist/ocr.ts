// OCR of page images with tesseract.js 7 (its own worker thread), English and Traditional Chinese, from
// the language data installed with the npm packages @tesseract.js-data/eng and /chi_tra: nothing is
// downloaded. Words come back with pixel boxes, turned into page rectangles (points, origin bottom-left).
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { TextItem } from '../../../shared/domain/assist';

const require = createRequire(import.meta.url);
export const OCR_LANGUAGES = ['eng', 'chi_tra'] as const;

type TesseractWorker = {
  recognize(image: Uint8Array | Buffer, options?: object, output?: object): Promise<{ data: { blocks: Block[] | null; confidence: number } }>;
  terminate(): Promise<unknown>;
};
interface Bbox {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}
interface Block {
  paragraphs: { lines: { words: { text: string; bbox: Bbox; confidence: number }[] }[] }[];
}

/** The installed traineddata file of a language (LSTM-only "best_int" models: small and fast). */
export function languageFile(lang: string): string {
  return path.join(path.dirname(require.resolve(`@tesseract.js-data/${lang}/package.json`)), '4.0.0_best_int', `${lang}.traineddata.gz`);
}

/** tesseract.js reads every language from one folder: put the installed files side by side in `dir`. */
export function prepareLanguageFolder(dir: string): string {
  mkdirSync(dir, { recursive: true });
  for (const lang of OCR_LANGUAGES) {
    const target = path.join(dir, `${lang}.traineddata.gz`);
    if (!existsSync(target)) copyFileSync(languageFile(lang), target);
  }
  return dir;
}

export class Ocr {
  private worker: Promise<TesseractWorker> | null = null;
  constructor(private readonly langDir: string) {}

  private start(): Promise<TesseractWorker> {
    this.worker ??= (async () => {
      const tesseract = require('tesseract.js') as {
        createWorker: (langs: string[], oem: number, options: object) => Promise<TesseractWorker>;
        OEM: { LSTM_ONLY: number };
      };
      const corePath = path.dirname(require.resolve('tesseract.js-core/package.json'));
      return tesseract.createWorker([...OCR_LANGUAGES], tesseract.OEM.LSTM_ONLY, {
        langPath: prepareLanguageFolder(this.langDir),
        corePath,
        gzip: true,
        cacheMethod: 'none',
        logger: () => undefined,
        errorHandler: () => undefined,
      });
    })();
    return this.worker;
  }

  /**
   * Words of an image with their rectangles in page space: pixel boxes divided by `scale` (pixels per
   * point) and flipped so that y grows upwards from the bottom of a page `heightPt` points high.
   */
  async words(image: Uint8Array, scale: number, heightPt: number): Promise<{ items: TextItem[]; confidence: number }> {
    const w = await this.start();
    const { data } = await w.recognize(Buffer.from(image), {}, { blocks: true, text: false });
    const items: TextItem[] = [];
    for (const b of data.blocks ?? [])
      for (const p of b.paragraphs)
        for (const l of p.lines)
          for (const word of l.words) {
            if (!word.text.trim() || word.confidence < 20) continue;
            const { x0, y0, x1, y1 } = word.bbox;
            items.push({ str: word.text, rect: [x0 / scale, heightPt - y1 / scale, x1 / scale, heightPt - y0 / scale] });
          }
    return { items, confidence: data.confidence };
  }

  async close(): Promise<void> {
    const w = this.worker;
    this.worker = null;
    if (w) await (await w).terminate();
  }
}

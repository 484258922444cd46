// "Open with the system's PDF reader" for a PoE the viewer may not show in full. The handler table
// answers { opened: false } (a browser downloads the file itself); the desktop app wraps it with
// withSystemReader, which writes a copy of the cached document and hands it to the OS (shell.openPath);
// if the OS cannot open it, the answer is { opened: false } too and the page offers the download.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { z } from 'zod';
import type { MethodOutput, WorkstationApi } from '../../shared/contracts';
import type { WorkstationCore } from './core';
import type { HandlerTable } from './handlers';

type Parsed<M extends keyof WorkstationApi> = z.output<WorkstationApi[M]['input']>;

export const systemReaderHandlers = (core: WorkstationCore) => ({
  // Checks the document is the reviewer's to see (the same rule as document.get) before answering.
  'document.openExternal': async (i: Parsed<'document.openExternal'>): Promise<MethodOutput<'document.openExternal'>> => {
    await core.document(i.sha256);
    return { opened: false };
  },
});

/** A file name safe on every OS: no folders, control or bidi characters, reserved characters replaced. */
export function safeFileName(name: string, sha256: string): string {
  const base = path
    .basename(name.replace(/\\/g, '/'))
    .replace(/[\p{Cc}\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu, '')
    .replace(/[<>:"/\\|?*]/g, '_')
    .trim();
  const ext = base.toLowerCase().endsWith('.pdf') ? '' : '.pdf';
  return `${sha256.slice(0, 8)}-${base || 'document'}${ext}`;
}

/** Desktop only: open the cached PoE in the OS's PDF reader from a copy under `dir`. */
export function withSystemReader(handlers: HandlerTable, core: WorkstationCore, dir: string, openPath: (file: string) => Promise<string>): HandlerTable {
  return {
    ...handlers,
    'document.openExternal': async (input) => {
      await handlers['document.openExternal'](input); // schema and access checks
      const { sha256 } = input as { sha256: string };
      const doc = await core.document(sha256);
      await mkdir(dir, { recursive: true, mode: 0o700 });
      const file = path.join(dir, safeFileName(doc.fileName, sha256));
      await writeFile(file, Buffer.from(doc.base64, 'base64'), { mode: 0o600 });
      // shell.openPath answers an error text, empty on success; on failure the page offers the download.
      return { opened: (await openPath(file)) === '' };
    },
  };
}

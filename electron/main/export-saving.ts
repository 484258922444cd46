// In the desktop app, an export (CSV of audits or statistics) is saved where the user picks in the save
// dialog: this wraps the handler table's 'audit.export' so its answer says where the file went. The
// browser host has no such wrapper; its page downloads the text itself. The dialog is injected.
import type { HandlerTable } from '../core/handlers';

export interface SaveDialog {
  showSaveDialog(options: { defaultPath: string; filters: { name: string; extensions: string[] }[] }): Promise<{ canceled: boolean; filePath?: string }>;
}

export function withExportSaving(handlers: HandlerTable, dialog: SaveDialog, write: (file: string, text: string) => Promise<void>): HandlerTable {
  return {
    ...handlers,
    'audit.export': async (input) => {
      const out = await handlers['audit.export'](input);
      const choice = await dialog.showSaveDialog({ defaultPath: out.fileName, filters: [{ name: 'CSV (UTF-8)', extensions: ['csv'] }] });
      if (choice.canceled || !choice.filePath) return { ...out, savedTo: null };
      // The text starts with the byte-order mark, so the file does too.
      await write(choice.filePath, out.csv);
      return { ...out, savedTo: choice.filePath };
    },
  };
}

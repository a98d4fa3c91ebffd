import { BrowserWindow, dialog } from 'electron';
import type { WebContents } from 'electron';
import { err, ok } from '../../../shared/result';
import { readFileWithLimit, writeFileWithLimit } from '../files';
import type { IpcRouter } from './router';

function parentWindow(contents: WebContents): BrowserWindow | undefined {
  return BrowserWindow.fromWebContents(contents) ?? undefined;
}

async function askSavePath(
  contents: WebContents,
  defaultName: string,
  filters: { name: string; extensions: string[] }[],
): Promise<string | null> {
  const options = { defaultPath: defaultName, filters };
  const owner = parentWindow(contents);
  const choice = owner ? await dialog.showSaveDialog(owner, options) : await dialog.showSaveDialog(options);
  return choice.canceled || !choice.filePath ? null : choice.filePath;
}

/** Save and open through native dialogs; the renderer never names a path itself. */
export function registerFileIpc(router: IpcRouter): void {
  router.handle('file:save', async ({ defaultName, filters, content }, event) => {
    const target = await askSavePath(event.sender, defaultName, filters);
    if (target === null) return ok(null);
    return writeFileWithLimit(target, content);
  });

  router.handle('file:open', async (filters, event) => {
    const options = { properties: ['openFile' as const], filters };
    const owner = parentWindow(event.sender);
    const choice = owner ? await dialog.showOpenDialog(owner, options) : await dialog.showOpenDialog(options);
    const picked = choice.filePaths[0];
    if (choice.canceled || picked === undefined) return ok(null);
    return readFileWithLimit(picked);
  });

  router.handle('file:print-pdf', async ({ defaultName }, event) => {
    const target = await askSavePath(event.sender, defaultName, [{ name: 'PDF', extensions: ['pdf'] }]);
    if (target === null) return ok(null);
    let pdf: Uint8Array;
    try {
      pdf = await event.sender.printToPDF({ printBackground: true, pageSize: 'A4', generateDocumentOutline: true });
    } catch {
      return err('print/failed', 'Lockstep could not turn this plan into a PDF.');
    }
    return writeFileWithLimit(target, pdf);
  });
}

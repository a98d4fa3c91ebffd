import type * as Y from 'yjs';
import type { LockstepBridge } from '../../shared/ipc/bridge';
import type { Result } from '../../shared/result';
import type { Language } from '../i18n/languages';
import { planToMarkdown } from './markdown';
import { exportInput, type ExportSection, type Translate } from './model';
import { mountPrintView } from './printDom';
import { planToPrintableHtml } from './printable';

export interface ExportOptions {
  t: Translate;
  language: Language;
  extraSections?: ExportSection[];
}

/** A file name from the plan title, safe on every file system. */
export function exportFileName(title: string, extension: string): string {
  const safe = title
    .normalize('NFKC')
    // Control characters are invalid in file names on every platform we ship to.
    // eslint-disable-next-line no-control-regex
    .replace(/[\\/:*?"<>|\u0000-\u001f]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^\.+/, '')
    .slice(0, 80);
  return `${safe || 'plan'}.${extension}`;
}

/** Saves the plan as Markdown through the host's save dialog (a download in the browser). */
export async function exportMarkdownFile(host: LockstepBridge, doc: Y.Doc, options: ExportOptions): Promise<Result<{ path: string } | null>> {
  const input = exportInput(doc, options);
  return host.saveFile({
    defaultName: exportFileName(input.view.brief.title, 'md'),
    filters: [{ name: 'Markdown', extensions: ['md'] }],
    content: planToMarkdown(input),
  });
}

/**
 * Prints the plan: Electron saves a PDF (printToPDF of this page), the browser opens its print
 * dialog (which offers "Save as PDF"). The printable view is in the page only while printing.
 */
export async function exportPdf(host: LockstepBridge, doc: Y.Doc, options: ExportOptions & { document?: Document }): Promise<Result<{ path: string } | null>> {
  const input = exportInput(doc, options);
  const unmount = mountPrintView(options.document ?? document, planToPrintableHtml(input));
  try {
    return await host.printToPdf(exportFileName(input.view.brief.title, 'pdf'));
  } finally {
    unmount();
  }
}

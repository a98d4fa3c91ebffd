import { err, ok, type Result } from '../../shared/result';

/**
 * CSV exports from CRMs and ad platforms are small (a year of weekly rows is a few KB, 50,000
 * daily rows a few MB). Anything far larger is the wrong file; refusing it before reading keeps
 * a 200 MB mistake from freezing the window.
 */
export const MAX_IMPORT_BYTES = 32 * 1024 * 1024;

export function checkImportSize(size: number): Result<void> {
  if (!Number.isFinite(size) || size < 0) return err('import/unreadable', 'Lockstep could not read this file.');
  if (size === 0) return err('import/empty', 'This file is empty.');
  if (size > MAX_IMPORT_BYTES) {
    const mb = Math.round(size / 1024 / 1024);
    return err('import/too-large', `This file is ${mb} MB; Lockstep imports CSV files up to ${MAX_IMPORT_BYTES / 1024 / 1024} MB. Export only the weeks you need.`);
  }
  return ok(undefined);
}

/** Bytes that never occur in a text CSV: NUL and most C0 controls (tab, CR, LF, FF are fine). */
function looksBinary(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, 8192);
  let controls = 0;
  for (const b of sample) {
    if (b === 0) return true;
    if (b < 32 && b !== 9 && b !== 10 && b !== 13 && b !== 12) controls += 1;
  }
  return controls > sample.length / 100;
}

/**
 * Turns file bytes into text. Only UTF-8 (with or without BOM) is accepted: guessing another
 * encoding would silently turn "Kustannukset €" into mojibake in the shared plan. UTF-16 and
 * legacy 8-bit files get a plain message that says how to re-export.
 */
export function decodeCsvBytes(bytes: Uint8Array): Result<string> {
  const size = checkImportSize(bytes.byteLength);
  if (!size.ok) return size;
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return err('import/utf16', 'This file is saved as UTF-16 text. Save or export it as "CSV UTF-8" and import it again.');
  }
  if (looksBinary(bytes)) {
    return err('import/binary', 'This is not a CSV text file (it looks like a spreadsheet, image or other binary file). Export it as CSV first.');
  }
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  try {
    return ok(new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(start)));
  } catch {
    return err(
      'import/not-utf8',
      'This file is not UTF-8 text (it may be saved as Latin-1 or Windows-1252). Save or export it as "CSV UTF-8" and import it again.',
    );
  }
}

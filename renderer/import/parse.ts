import Papa from 'papaparse';
import { err, ok, type Result } from '../../shared/result';
import { checkImportSize, decodeCsvBytes } from './decode';

/** Separators CSV exports use in practice: comma (en), semicolon (nl/fi Excel), tab, pipe. */
export const DELIMITERS = [',', ';', '\t', '|'] as const;
export const MAX_ROWS = 200_000;
export const MAX_COLUMNS = 200;
/** Rows parsed between two yields to the event loop, so a big file never freezes the window. */
const ROWS_PER_SLICE = 10_000;

export interface CsvRow {
  /** 1-based line in the file where the row starts (the header is usually line 1). */
  line: number;
  cells: string[];
  /** Set when the parser could not read the row cleanly (e.g. an unclosed quote). */
  problem?: string;
}

export interface ParsedCsv {
  headers: string[];
  headerLine: number;
  rows: CsvRow[];
  delimiter: string;
}

export interface CsvSource {
  name: string;
  /** Known before reading: a too-large file is refused without loading it. */
  size: number;
  read: () => Promise<Uint8Array>;
}

function countNewlines(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i += 1) if (text.charCodeAt(i) === 10) n += 1;
  return n;
}

/** Skips lines holding only whitespace (papaparse's greedy skip) so a row's line is where it starts. */
function skipBlankLines(text: string, from: number, limit: number): number {
  let lineStart = from;
  for (let i = from; i < limit; i += 1) {
    const c = text.charCodeAt(i);
    if (c === 10) lineStart = i + 1;
    else if (c !== 32 && c !== 9 && c !== 13 && c !== 12) return lineStart;
  }
  return lineStart;
}

/**
 * Parses CSV text with papaparse: delimiter detected among DELIMITERS, empty lines skipped,
 * every row tagged with the line it starts on (quoted fields may span lines). Parsing runs in
 * slices and yields between them.
 */
export function parseCsvText(input: string): Promise<Result<ParsedCsv>> {
  const text = input.replace(/\r\n?/g, '\n');
  return new Promise((resolve) => {
    const all: CsvRow[] = [];
    // papaparse's cursor restarts after pause/resume, so positions are kept absolute here.
    let base = 0;
    let pos = 0;
    let line = 1;
    let delimiter = ',';
    let failure: Result<never> | null = null;
    Papa.parse<string[]>(text, {
      delimitersToGuess: [...DELIMITERS],
      skipEmptyLines: 'greedy',
      step: (result, parser) => {
        const end = base + result.meta.cursor;
        delimiter = result.meta.delimiter;
        const start = skipBlankLines(text, pos, end);
        line += countNewlines(text, pos, start);
        const cells = result.data.map((c) => (typeof c === 'string' ? c : ''));
        const row: CsvRow = { line, cells };
        line += countNewlines(text, start, end);
        pos = end;
        const rowError = result.errors.find((e) => e.type !== 'Delimiter');
        if (rowError) row.problem = rowError.code === 'MissingQuotes' ? 'A quote (") is not closed.' : rowError.message;
        all.push(row);
        if (all.length > MAX_ROWS + 1) {
          failure = err('import/too-many-rows', `This file has more than ${MAX_ROWS.toLocaleString('en')} rows. Export fewer weeks or days.`);
          parser.abort();
          return;
        }
        if (cells.length > MAX_COLUMNS) {
          failure = err('import/too-many-columns', `This file has more than ${MAX_COLUMNS} columns; it does not look like a scorecard export.`);
          parser.abort();
          return;
        }
        if (all.length % ROWS_PER_SLICE === 0) {
          parser.pause();
          base = pos;
          setTimeout(() => parser.resume(), 0);
        }
      },
      complete: () => {
        if (failure) return resolve(failure);
        const [header, ...rows] = all;
        if (!header) return resolve(err('import/no-rows', 'This file has no rows.'));
        const headers = header.cells.map((h) => h.trim());
        if (headers.length < 2) {
          return resolve(
            err('import/one-column', 'Lockstep found only one column. The file may use a separator other than comma, semicolon or tab, or it is not a table.'),
          );
        }
        if (rows.length === 0) return resolve(err('import/no-rows', 'This file has a header but no data rows.'));
        resolve(ok({ headers, headerLine: header.line, rows, delimiter }));
      },
    });
  });
}

export async function parseCsvBytes(bytes: Uint8Array): Promise<Result<ParsedCsv>> {
  const decoded = decodeCsvBytes(bytes);
  return decoded.ok ? parseCsvText(decoded.value) : decoded;
}

/** Checks the size BEFORE reading, then decodes and parses. */
export async function parseCsvSource(source: CsvSource): Promise<Result<ParsedCsv>> {
  const size = checkImportSize(source.size);
  if (!size.ok) return size;
  let bytes: Uint8Array;
  try {
    bytes = await source.read();
  } catch {
    return err('import/unreadable', `Lockstep could not read ${source.name}.`);
  }
  return parseCsvBytes(bytes);
}

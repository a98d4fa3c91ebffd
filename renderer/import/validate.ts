import { err, ok, type Result } from '../../shared/result';
import { applyActuals, checkMeasureValue, type ActualsRow, type ApplyReport } from '../domain/scorecard/commands';
import { MEASURES, type Measure } from '../domain/scorecard/kpis';
import { actualKey, type ActualEntry } from '../domain/scorecard/model';
import type { CommandContext } from '../domain/context';
import type * as Y from 'yjs';
import { parseNumberCell, parseWeekCell, type DecimalMark } from './cells';
import { checkMapping, type ColumnMapping } from './mapping';
import type { ParsedCsv } from './parse';

/**
 * `weekly`: one row per week (a scorecard export); a week appearing twice is an error.
 * `sum-by-week`: many rows per week (daily ad-platform rows, one row per lead or deal); rows are
 * added up per ISO week.
 */
export type ImportMode = 'weekly' | 'sum-by-week';

export interface ImportOptions {
  mapping: ColumnMapping;
  decimal: DecimalMark;
  mode: ImportMode;
  /** The plan's current actuals, to flag values the import would replace. */
  existing: readonly Pick<ActualEntry, 'measure' | 'week' | 'value' | 'byName'>[];
}

export interface RowProblem {
  code: string;
  message: string;
  /** Header of the column at fault, when there is one. */
  column?: string;
}

export interface BadRow {
  line: number;
  problems: RowProblem[];
}

/** An imported value that differs from what the plan already has: kept unless the user chooses. */
export interface ImportDuplicate {
  key: string;
  measure: Measure;
  week: string;
  line: number;
  existing: number;
  existingByName: string;
  incoming: number;
}

export interface ValidatedImport {
  mode: ImportMode;
  rows: ActualsRow[];
  bad: BadRow[];
  duplicates: ImportDuplicate[];
  /** Values equal to what the plan already has (nothing to do). */
  unchanged: number;
  /** Data rows read from the file (without the header). */
  totalRows: number;
  measures: Measure[];
}

const MAX_BAD_ROWS_LISTED = 1000;

/**
 * Checks every data row against the mapping. Pure: nothing is written. Bad rows carry their line
 * number and every reason; valid rows are ready for `applyImport`.
 */
export function validateImport(parsed: ParsedCsv, options: ImportOptions): Result<ValidatedImport & { badTotal: number }> {
  const mapping = checkMapping(options.mapping, parsed.headers.length);
  if (!mapping.ok) return mapping;
  const weekColumn = options.mapping.week as number;
  const measures = MEASURES.filter((m) => options.mapping[m] !== null);
  const header = (index: number): string => parsed.headers[index] ?? `#${index + 1}`;
  const bad = new Map<number, RowProblem[]>();
  const addProblem = (line: number, problem: RowProblem): void => {
    const list = bad.get(line);
    if (list) list.push(problem);
    else bad.set(line, [problem]);
  };
  const good: ActualsRow[] = [];
  // Exports repeat the same few hundred days or weeks thousands of times.
  const weekCache = new Map<string, string | null>();
  const readWeek = (raw: string): string | null => {
    let hit = weekCache.get(raw);
    if (hit === undefined) {
      hit = parseWeekCell(raw);
      weekCache.set(raw, hit);
    }
    return hit;
  };
  for (const row of parsed.rows) {
    if (row.problem) addProblem(row.line, { code: 'import/unreadable-row', message: row.problem });
    const rawWeek = row.cells[weekColumn] ?? '';
    const week = readWeek(rawWeek);
    if (week === null) {
      addProblem(row.line, {
        code: rawWeek.trim() === '' ? 'import/no-week' : 'import/bad-week',
        message: rawWeek.trim() === '' ? 'The week is empty.' : `"${rawWeek.trim().slice(0, 40)}" is not a week or date (use e.g. 2026-W48 or 23-11-2026).`,
        column: header(weekColumn),
      });
    }
    const values: Partial<Record<Measure, number>> = {};
    for (const measure of measures) {
      const index = options.mapping[measure] as number;
      const raw = (row.cells[index] ?? '').trim();
      if (raw === '') continue;
      const value = parseNumberCell(raw, options.decimal);
      if (value === null) {
        addProblem(row.line, { code: 'import/not-a-number', message: `"${raw.slice(0, 40)}" is not a number.`, column: header(index) });
        continue;
      }
      const checked = checkMeasureValue(measure, value);
      if (!checked.ok) {
        addProblem(row.line, { code: checked.error.code, message: checked.error.message, column: header(index) });
        continue;
      }
      values[measure] = value;
    }
    if (Object.keys(values).length === 0 && !bad.has(row.line)) {
      addProblem(row.line, { code: 'import/no-values', message: 'This row has no numbers in the chosen columns.' });
    }
    if (!bad.has(row.line) && week !== null) good.push({ line: row.line, week, values });
  }

  let rows: ActualsRow[];
  if (options.mode === 'weekly') {
    const byWeek = new Map<string, ActualsRow[]>();
    for (const row of good) {
      const list = byWeek.get(row.week);
      if (list) list.push(row);
      else byWeek.set(row.week, [row]);
    }
    rows = [];
    for (const [week, list] of byWeek) {
      if (list.length === 1 && list[0]) {
        rows.push(list[0]);
        continue;
      }
      // No silent choice between two rows of the same week: all of them are reported.
      const lines = list.map((r) => r.line).join(', ');
      for (const r of list) addProblem(r.line, { code: 'import/duplicate-week', message: `${week} appears more than once in this file (lines ${lines}).` });
    }
  } else {
    const byWeek = new Map<string, ActualsRow>();
    for (const row of good) {
      const into = byWeek.get(row.week);
      if (!into) {
        byWeek.set(row.week, { line: row.line, week: row.week, values: { ...row.values } });
        continue;
      }
      for (const [m, v] of Object.entries(row.values) as [Measure, number][]) into.values[m] = (into.values[m] ?? 0) + v;
    }
    rows = [...byWeek.values()];
  }
  rows.sort((a, b) => a.week.localeCompare(b.week));

  const existing = new Map(options.existing.map((e) => [actualKey(e.measure, e.week), e]));
  const duplicates: ImportDuplicate[] = [];
  let unchanged = 0;
  for (const row of rows) {
    for (const [measure, incoming] of Object.entries(row.values) as [Measure, number][]) {
      const key = actualKey(measure, row.week);
      const current = existing.get(key);
      if (!current) continue;
      if (current.value === incoming) unchanged += 1;
      else duplicates.push({ key, measure, week: row.week, line: row.line, existing: current.value, existingByName: current.byName, incoming });
    }
  }

  const badRows = [...bad.entries()].map(([line, problems]) => ({ line, problems })).sort((a, b) => a.line - b.line);
  return ok({
    mode: options.mode,
    rows,
    bad: badRows.slice(0, MAX_BAD_ROWS_LISTED),
    badTotal: badRows.length,
    duplicates,
    unchanged,
    totalRows: parsed.rows.length,
    measures,
  });
}

/**
 * The only way an import reaches the plan: the user confirmed. One transaction (one undo step);
 * existing values change only where their key is in `overwrite` (chosen per duplicate).
 */
export function applyImport(doc: Y.Doc, ctx: CommandContext, validated: Pick<ValidatedImport, 'rows'>, overwrite: Iterable<string> = []): Result<ApplyReport> {
  if (validated.rows.length === 0) return err('import/nothing-valid', 'There are no valid rows to import.');
  return applyActuals(doc, ctx, { rows: validated.rows, overwrite: new Set(overwrite) });
}

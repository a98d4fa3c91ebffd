import Papa from 'papaparse';
import { KPI_DEFINITIONS, MEASURES, type KpiId, type Measure } from '../domain/scorecard/kpis';
import { kpiForWeek, weekValues } from '../domain/scorecard/queries';
import type { ScorecardData } from '../domain/scorecard/model';
import type { DecimalMark } from './cells';

export interface ExportOptions {
  delimiter: ',' | ';' | '\t';
  decimal: DecimalMark;
  /** Column headers, translated by the caller (defaults to the field ids). */
  header?: (field: string) => string;
  /** Add computed KPIs (conversion, win rate, cost per lead, ROI, lead quality) after the inputs. */
  withDerived?: boolean;
}

const DERIVED: readonly KpiId[] = KPI_DEFINITIONS.filter((d) => d.formula !== null).map((d) => d.id);

function cell(value: number | null, decimal: DecimalMark): string {
  if (value === null || !Number.isFinite(value)) return '';
  // Plain digits (no grouping) re-import cleanly in every locale.
  const text = String(Math.round(value * 1e6) / 1e6);
  return decimal === ',' ? text.replace('.', ',') : text;
}

/**
 * Weekly actuals as CSV, one row per week; empty cell = not entered. With a UTF-8 BOM so Excel
 * opens "Kustannukset €" correctly. Derived KPIs (when asked for) are computed, empty where a
 * denominator is zero.
 */
export function actualsToCsv(data: Pick<ScorecardData, 'actuals' | 'ratings'>, options: ExportOptions): string {
  const name = options.header ?? ((f: string) => f);
  const weeks = [...new Set([...data.actuals.map((a) => a.week), ...data.ratings.map((r) => r.week)])].sort();
  const columns = options.withDerived ? [...MEASURES, ...DERIVED] : [...MEASURES];
  const rows = weeks.map((week) => {
    const values = weekValues(data, week);
    return [
      week,
      ...columns.map((c) => cell((MEASURES as readonly string[]).includes(c) ? (values[c as Measure] ?? null) : kpiForWeek(data, c as KpiId, week), options.decimal)),
    ];
  });
  const csv = Papa.unparse({ fields: ['week', ...columns].map((c) => name(c)), data: rows }, { delimiter: options.delimiter, newline: '\r\n' });
  return `\ufeff${csv}\r\n`;
}

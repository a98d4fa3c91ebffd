import { isIsoWeek, weekOfDay } from '../domain/scorecard/weeks';

export type DecimalMark = '.' | ',';

/**
 * Reads a number the way it appears in en/nl/fi exports: `1,234.5`, `1.234,5`, `1 234,5`
 * (also with no-break spaces), currency signs and codes (`€ 30.000`, `30000 EUR`), a percent
 * sign, accounting negatives `(12)`. Returns null for anything else (text, two numbers).
 */
export function parseNumberCell(raw: string, decimal: DecimalMark): number | null {
  let s = raw.trim();
  if (s === '') return null;
  let negative = false;
  if (/^\(.*\)$/.test(s)) {
    negative = true;
    s = s.slice(1, -1).trim();
  }
  s = s.replace(/^(€|\$|£|EUR|USD|GBP|SEK|NOK|DKK)\s*/i, '').replace(/\s*(€|\$|£|EUR|USD|GBP|SEK|NOK|DKK|%)$/i, '');
  if (s.startsWith('-') || s.startsWith('−')) {
    negative = !negative;
    s = s.slice(1);
  }
  s = s.replace(/[\s\u00a0\u202f']/g, '');
  const group = decimal === ',' ? '.' : ',';
  // Grouping separators must sit between groups of three digits; anything else is not a number.
  const pattern = decimal === ',' ? /^\d{1,3}(\.\d{3})*(,\d+)?$|^\d+(,\d+)?$/ : /^\d{1,3}(,\d{3})*(\.\d+)?$|^\d+(\.\d+)?$/;
  if (!pattern.test(s)) return null;
  const normalised = s.split(group).join('').replace(decimal, '.');
  const value = Number(normalised);
  if (!Number.isFinite(value)) return null;
  return negative ? -value : value;
}

/**
 * Guesses the decimal mark from a column's cells: a comma followed by 1–2 digits at the end
 * (`12,5`) means decimal comma; a dot followed by 1–2 digits means decimal dot. Falls back to
 * the delimiter's habit: semicolon files come from locales with a decimal comma.
 */
export function guessDecimalMark(samples: readonly string[], delimiter: string): DecimalMark {
  let comma = 0;
  let dot = 0;
  for (const raw of samples) {
    const s = raw.trim();
    if (/\d,\d{1,2}$/.test(s) || /\d\.\d{3},\d+$/.test(s)) comma += 1;
    if (/\d\.\d{1,2}$/.test(s) || /\d,\d{3}\.\d+$/.test(s)) dot += 1;
  }
  if (comma !== dot) return comma > dot ? ',' : '.';
  return delimiter === ';' ? ',' : '.';
}

const MONTHS_FIRST = /^(\d{1,2})[./-](\d{1,2})[./-](\d{4})$/;

/**
 * Reads the week of a row: ISO weeks in common spellings (`2026-W48`, `2026W48`, `W48 2026`,
 * `week 48 2026`, `wk48-2026`, `vko 48/2026`, `48/2026`, `2026-48`) or a day (`2026-11-23`,
 * `23-11-2026`, `23.11.2026`, `23/11/2026` — day first, as in nl and fi) turned into its ISO week.
 */
export function parseWeekCell(raw: string): string | null {
  const s = raw.trim().toLowerCase().replace(/\s+/g, ' ');
  if (s === '') return null;
  const week = (year: number, w: number): string | null => {
    const key = `${String(year).padStart(4, '0')}-W${String(w).padStart(2, '0')}`;
    return isIsoWeek(key) ? key : null;
  };
  let m = /^(\d{4})[- ]?w(?:k|eek)? ?(\d{1,2})$/.exec(s);
  if (m) return week(Number(m[1]), Number(m[2]));
  m = /^(?:w|wk|week|viikko|vko|vk)\.? ?(\d{1,2})[ ,/-]+(\d{4})$/.exec(s);
  if (m) return week(Number(m[2]), Number(m[1]));
  m = /^(\d{4}) ?(?:w|wk|week|viikko|vko|vk)\.? ?(\d{1,2})$/.exec(s);
  if (m) return week(Number(m[1]), Number(m[2]));
  m = /^(\d{1,2}) ?[/-] ?(\d{4})$/.exec(s);
  if (m) return week(Number(m[2]), Number(m[1]));
  m = /^(\d{4})[/-](\d{1,2})$/.exec(s);
  if (m) return week(Number(m[1]), Number(m[2]));
  m = /^(\d{4})-(\d{2})-(\d{2})(?:[t ].*)?$/.exec(s);
  if (m) return weekOfDay(`${m[1]}-${m[2]}-${m[3]}`);
  m = MONTHS_FIRST.exec(s);
  if (m) return weekOfDay(`${m[3]}-${(m[2] ?? '').padStart(2, '0')}-${(m[1] ?? '').padStart(2, '0')}`);
  return null;
}

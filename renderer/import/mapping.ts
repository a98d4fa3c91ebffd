import { err, ok, type Result } from '../../shared/result';
import { MEASURES, type Measure } from '../domain/scorecard/kpis';

export type ImportField = 'week' | Measure;
export const IMPORT_FIELDS: readonly ImportField[] = ['week', ...MEASURES];

/** field → column index in the file, or null when the file has no such column. */
export type ColumnMapping = Record<ImportField, number | null>;

const fold = (value: string): string =>
  value
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/\(.*?\)/g, ' ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

/**
 * Header names seen in CRM and ad-platform exports in English, Dutch and Finnish, folded
 * (lower case, no accents, no punctuation). Earlier entries win; exact matches beat partial.
 */
const SYNONYMS: Record<ImportField, readonly string[]> = {
  week: ['week', 'wk', 'iso week', 'weeknummer', 'week number', 'viikko', 'vko', 'viikkonumero', 'date', 'day', 'datum', 'dag', 'paiva', 'paivamaara', 'pvm', 'period', 'periode', 'jakso', 'reporting starts', 'start date'],
  leads: ['leads', 'lead count', 'new leads', 'aantal leads', 'nieuwe leads', 'liidit', 'liideja', 'liidien maara', 'uudet liidit', 'mql', 'mqls'],
  salesAccepted: ['sales accepted leads', 'sales accepted', 'sal', 'sals', 'accepted leads', 'geaccepteerde leads', 'geaccepteerd', 'door sales geaccepteerd', 'hyvaksytyt liidit', 'myynnin hyvaksymat', 'myynnin hyvaksymat liidit', 'hyvaksytyt'],
  opportunities: ['opportunities', 'opportunity', 'opps', 'opp', 'new opportunities', 'verkoopkansen', 'kansen', 'saleskansen', 'myyntimahdollisuudet', 'mahdollisuudet', 'tarjoukset'],
  won: ['won', 'deals won', 'closed won', 'won deals', 'gewonnen', 'gewonnen deals', 'deals gewonnen', 'voitetut', 'voitetut kaupat', 'kaupat', 'closed deals'],
  revenue: ['revenue', 'total revenue', 'sales revenue', 'omzet', 'totale omzet', 'liikevaihto', 'myynti', 'tulot', 'myynti eur'],
  attributedRevenue: ['attributed revenue', 'revenue from ads', 'ad revenue', 'conversion value', 'conv value', 'purchase conversion value', 'toegeschreven omzet', 'omzet uit advertenties', 'conversiewaarde', 'mainonnan tuotto', 'mainonnan tuottama myynti', 'konversioarvo'],
  adSpend: ['ad spend', 'spend', 'amount spent', 'cost', 'costs', 'media spend', 'advertentiekosten', 'kosten', 'uitgaven', 'besteed bedrag', 'mediabudget', 'kustannukset', 'mainoskulut', 'mainoskustannukset', 'kulut', 'kaytetty summa'],
};

/** Suggests a mapping from header names; each column is used at most once. */
export function suggestMapping(headers: readonly string[]): ColumnMapping {
  const folded = headers.map(fold);
  const mapping = Object.fromEntries(IMPORT_FIELDS.map((f) => [f, null])) as ColumnMapping;
  const used = new Set<number>();
  const pick = (field: ImportField, test: (header: string, synonym: string) => boolean): void => {
    if (mapping[field] !== null) return;
    for (const synonym of SYNONYMS[field]) {
      const index = folded.findIndex((h, i) => !used.has(i) && h !== '' && test(h, synonym));
      if (index >= 0) {
        mapping[field] = index;
        used.add(index);
        return;
      }
    }
  };
  // Exact names first for every field, then whole-word partial matches ("Kosten (EUR)", "Leads MQL").
  // Lockstep's own export uses the field ids as headers.
  for (const field of IMPORT_FIELDS) pick(field, (h) => h === field.toLowerCase());
  for (const field of IMPORT_FIELDS) pick(field, (h, s) => h === s);
  for (const field of IMPORT_FIELDS) pick(field, (h, s) => s.length > 3 && ` ${h} `.includes(` ${s} `));
  return mapping;
}

export function checkMapping(mapping: ColumnMapping, columnCount: number): Result<void> {
  if (mapping.week === null) return err('import/no-week-column', 'Choose which column holds the week or date.');
  const measures = MEASURES.filter((m) => mapping[m] !== null);
  if (measures.length === 0) return err('import/no-measure-column', 'Choose at least one column with numbers to import (leads, revenue, ad spend, …).');
  const seen = new Set<number>();
  for (const field of IMPORT_FIELDS) {
    const index = mapping[field];
    if (index === null) continue;
    if (!Number.isInteger(index) || index < 0 || index >= columnCount) return err('import/bad-column', 'A chosen column does not exist in this file.');
    if (seen.has(index)) return err('import/column-twice', 'The same column is chosen twice.');
    seen.add(index);
  }
  return ok(undefined);
}

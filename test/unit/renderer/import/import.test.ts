import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createPlan, createUndoManager, readScorecard, setActual } from '../../../../renderer/domain';
import {
  actualsToCsv,
  applyImport,
  checkMapping,
  decodeCsvBytes,
  guessDecimalMark,
  MAX_IMPORT_BYTES,
  parseCsvBytes,
  parseCsvSource,
  parseCsvText,
  parseNumberCell,
  parseWeekCell,
  suggestMapping,
  validateImport,
  type ImportOptions,
  type ParsedCsv,
} from '../../../../renderer/import';
import { label, testContext } from '../../../support/context';
import { makeRng, seedFromEnv } from '../../../support/rng';

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

async function parsed(text: string): Promise<ParsedCsv> {
  const result = await parseCsvText(text);
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

function plan() {
  const doc = new Y.Doc();
  const ctx = testContext();
  createPlan(doc, ctx, { planId: 'p', kind: 'campaign', title: 'Plan', label });
  return { doc, ctx };
}

function options(csv: ParsedCsv, extra: Partial<ImportOptions> = {}): ImportOptions {
  return { mapping: suggestMapping(csv.headers), decimal: guessDecimalMark(csv.rows.flatMap((r) => r.cells.slice(1)), csv.delimiter), mode: 'weekly', existing: [], ...extra };
}

describe('decoding', () => {
  it('accepts UTF-8 with and without BOM', () => {
    expect(decodeCsvBytes(utf8('Week;Kustannukset €\n'))).toEqual({ ok: true, value: 'Week;Kustannukset €\n' });
    expect(decodeCsvBytes(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('Week,Leads')]))).toEqual({ ok: true, value: 'Week,Leads' });
  });

  it('refuses UTF-16, Latin-1 and binary files with a plain message', () => {
    const utf16 = new Uint8Array([0xff, 0xfe, 0x57, 0x00, 0x65, 0x00]);
    expect(decodeCsvBytes(utf16)).toMatchObject({ ok: false, error: { code: 'import/utf16' } });
    // "Päivä;Kulut\n23.11.2026;5" saved as Latin-1: ä is the single byte 0xE4.
    const latin1 = new Uint8Array([0x50, 0xe4, 0x69, 0x76, 0xe4, 0x3b, 0x4b, 0x75, 0x6c, 0x75, 0x74, 0x0a, 0x31]);
    const result = decodeCsvBytes(latin1);
    expect(result).toMatchObject({ ok: false, error: { code: 'import/not-utf8' } });
    if (!result.ok) expect(result.error.message).toMatch(/CSV UTF-8/);
    // The start of an .xlsx (zip) file.
    const zip = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x08, 0x00, 0x00, 0x00, 0x21, 0x00]);
    expect(decodeCsvBytes(zip)).toMatchObject({ ok: false, error: { code: 'import/binary' } });
    expect(decodeCsvBytes(new Uint8Array())).toMatchObject({ ok: false, error: { code: 'import/empty' } });
  });

  it('refuses 200 MB by its size, before reading a byte', async () => {
    let read = false;
    const size = 200 * 1024 * 1024;
    const result = await parseCsvSource({
      name: 'huge.csv',
      size,
      read: () => {
        read = true;
        return Promise.resolve(new Uint8Array());
      },
    });
    expect(read).toBe(false);
    expect(result).toMatchObject({ ok: false, error: { code: 'import/too-large' } });
    if (!result.ok) expect(result.error.message).toContain('200 MB');
    expect(MAX_IMPORT_BYTES).toBeLessThan(size);
  });

  it('reports a source that cannot be read', async () => {
    const result = await parseCsvSource({ name: 'gone.csv', size: 10, read: () => Promise.reject(new Error('EACCES')) });
    expect(result).toMatchObject({ ok: false, error: { code: 'import/unreadable', message: 'Lockstep could not read gone.csv.' } });
  });
});

describe('parsing', () => {
  it('detects comma, semicolon and tab and numbers lines from 1 (header) including quoted line breaks', async () => {
    for (const d of [',', ';', '\t']) {
      const csv = await parsed(`Week${d}Leads\r\n2026-W47${d}4\r\n\r\n2026-W48${d}"5"\r\n`);
      expect(csv.delimiter).toBe(d);
      expect(csv.headers).toEqual(['Week', 'Leads']);
      expect(csv.rows).toEqual([
        { line: 2, cells: ['2026-W47', '4'] },
        { line: 4, cells: ['2026-W48', '5'] },
      ]);
    }
    const multi = await parsed('Week,Note,Leads\n2026-W47,"two\nlines",4\n2026-W48,x,5\n');
    expect(multi.rows.map((r) => r.line)).toEqual([2, 4]);
  });

  it('a file whose separator is not recognised gives one column and a clear message', async () => {
    const result = await parseCsvText('Week:Leads\n2026-W47:4\n2026-W48:5\n');
    expect(result).toMatchObject({ ok: false, error: { code: 'import/one-column' } });
    expect(await parseCsvText('Week,Leads\n')).toMatchObject({ ok: false, error: { code: 'import/no-rows' } });
    expect(await parseCsvText('\n\n')).toMatchObject({ ok: false, error: { code: 'import/no-rows' } });
  });

  it('reads an unclosed quote as a problem row instead of failing', async () => {
    const csv = await parsed('Week,Leads\n2026-W47,4\n2026-W48,"5\n');
    const validated = validateImport(csv, options(csv));
    if (!validated.ok) throw new Error(validated.error.message);
    expect(validated.value.bad.map((b) => b.line)).toEqual([3]);
    expect(validated.value.bad[0]?.problems[0]?.code).toBe('import/unreadable-row');
  });
});

describe('cells', () => {
  it('reads numbers written in en, nl and fi styles', () => {
    expect(parseNumberCell('1,234.50', '.')).toBe(1234.5);
    expect(parseNumberCell('1.234,50', ',')).toBe(1234.5);
    expect(parseNumberCell('1 234,50', ',')).toBe(1234.5);
    expect(parseNumberCell('1\u00a0234,5', ',')).toBe(1234.5);
    expect(parseNumberCell('€ 30.000', ',')).toBe(30000);
    expect(parseNumberCell('30 000 €', ',')).toBe(30000);
    expect(parseNumberCell('EUR 12', '.')).toBe(12);
    expect(parseNumberCell('(12)', '.')).toBe(-12);
    expect(parseNumberCell('12%', '.')).toBe(12);
    expect(parseNumberCell('', '.')).toBeNull();
    expect(parseNumberCell('twelve', '.')).toBeNull();
    expect(parseNumberCell('1.2.3', '.')).toBeNull();
    expect(parseNumberCell('12,5', '.')).toBeNull();
    expect(parseNumberCell('1e400', '.')).toBeNull();
  });

  it('guesses the decimal mark from the values, then from the delimiter', () => {
    expect(guessDecimalMark(['12,5', '3'], ',')).toBe(',');
    expect(guessDecimalMark(['12.50', '3'], ';')).toBe('.');
    expect(guessDecimalMark(['12', '3'], ';')).toBe(',');
    expect(guessDecimalMark(['12', '3'], ',')).toBe('.');
  });

  it('reads weeks and days in common spellings', () => {
    expect(parseWeekCell('2026-W48')).toBe('2026-W48');
    expect(parseWeekCell('2026W48')).toBe('2026-W48');
    expect(parseWeekCell('2026-w8')).toBe('2026-W08');
    expect(parseWeekCell('W48 2026')).toBe('2026-W48');
    expect(parseWeekCell('week 48 2026')).toBe('2026-W48');
    expect(parseWeekCell('vko 48/2026')).toBe('2026-W48');
    expect(parseWeekCell('48/2026')).toBe('2026-W48');
    expect(parseWeekCell('2026-11-23')).toBe('2026-W48');
    expect(parseWeekCell('23-11-2026')).toBe('2026-W48');
    expect(parseWeekCell('23.11.2026')).toBe('2026-W48');
    expect(parseWeekCell('2026-11-29T10:00:00Z')).toBe('2026-W48');
    expect(parseWeekCell('2025-W53')).toBeNull();
    expect(parseWeekCell('31.02.2026')).toBeNull();
    expect(parseWeekCell('next week')).toBeNull();
    expect(parseWeekCell('')).toBeNull();
  });
});

describe('column mapping', () => {
  it('suggests mappings from English, Dutch and Finnish headers', () => {
    expect(suggestMapping(['Week', 'Leads', 'Opportunities', 'Won', 'Revenue', 'Ad spend'])).toMatchObject({ week: 0, leads: 1, opportunities: 2, won: 3, revenue: 4, adSpend: 5, salesAccepted: null });
    expect(suggestMapping(['Datum', 'Kosten (EUR)', 'Aantal leads', 'Omzet', 'Verkoopkansen'])).toMatchObject({ week: 0, adSpend: 1, leads: 2, revenue: 3, opportunities: 4 });
    expect(suggestMapping(['Viikko', 'Liidit', 'Kustannukset', 'Myynnin hyväksymät liidit', 'Voitetut kaupat'])).toMatchObject({ week: 0, leads: 1, adSpend: 2, salesAccepted: 3, won: 4 });
    expect(suggestMapping(['Reporting starts', 'Amount spent (EUR)', 'Purchase conversion value'])).toMatchObject({ week: 0, adSpend: 1, attributedRevenue: 2 });
  });

  it('wrong columns are reported before any row is checked', async () => {
    const csv = await parsed('Name,Email\nAda,a@x\n');
    const mapping = suggestMapping(csv.headers);
    expect(checkMapping(mapping, 2)).toMatchObject({ ok: false, error: { code: 'import/no-week-column' } });
    expect(validateImport(csv, options(csv))).toMatchObject({ ok: false, error: { code: 'import/no-week-column' } });
    expect(checkMapping({ ...mapping, week: 0 }, 2)).toMatchObject({ ok: false, error: { code: 'import/no-measure-column' } });
    expect(checkMapping({ ...mapping, week: 0, leads: 0 }, 2)).toMatchObject({ ok: false, error: { code: 'import/column-twice' } });
    expect(checkMapping({ ...mapping, week: 0, leads: 5 }, 2)).toMatchObject({ ok: false, error: { code: 'import/bad-column' } });
  });
});

describe('validation and apply', () => {
  const FILE = [
    'Week;Leads;Kosten;Omzet',
    '2026-W45;40;1.200,50;10.000',
    '2026-W46;veertig;1.000;',
    'W47 2026;35;900;8.000',
    'volgende week;10;1;1',
    '2026-W48;12;;',
    '2026-W49;-3;5;5',
    '2026-W48;13;;',
    '2026-W50;;;',
  ].join('\n');

  it('lists bad rows with line numbers and reasons, keeps valid rows, writes nothing', async () => {
    const { doc } = plan();
    const csv = await parsed(FILE);
    expect(csv.delimiter).toBe(';');
    const opts = options(csv);
    expect(opts.decimal).toBe(',');
    const result = validateImport(csv, opts);
    if (!result.ok) throw new Error(result.error.message);
    const v = result.value;
    expect(v.rows).toEqual([
      { line: 2, week: '2026-W45', values: { leads: 40, adSpend: 1200.5, revenue: 10000 } },
      { line: 4, week: '2026-W47', values: { leads: 35, adSpend: 900, revenue: 8000 } },
    ]);
    expect(v.bad.map((b) => [b.line, b.problems.map((p) => p.code)])).toEqual([
      [3, ['import/not-a-number']],
      [5, ['import/bad-week']],
      [6, ['import/duplicate-week']],
      [7, ['kpi/negative']],
      [8, ['import/duplicate-week']],
      [9, ['import/no-values']],
    ]);
    expect(v.bad[0]?.problems[0]).toEqual({ code: 'import/not-a-number', message: '"veertig" is not a number.', column: 'Leads' });
    expect(v.bad[2]?.problems[0]?.message).toBe('2026-W48 appears more than once in this file (lines 6, 8).');
    expect(v.totalRows).toBe(8);
    expect(readScorecard(doc).actuals).toEqual([]);
  });

  it('flags values that differ from existing data; applies in one undo step; overwrites only what was chosen', async () => {
    const { doc, ctx } = plan();
    setActual(doc, ctx, 'leads', '2026-W45', 41);
    setActual(doc, ctx, 'revenue', '2026-W45', 10000);
    setActual(doc, ctx, 'leads', '2026-W47', 30);
    const csv = await parsed(FILE);
    const result = validateImport(csv, options(csv, { existing: readScorecard(doc).actuals }));
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.unchanged).toBe(1);
    expect(result.value.duplicates.map((d) => [d.key, d.existing, d.incoming, d.line])).toEqual([
      ['actual#leads#2026-W45', 41, 40, 2],
      ['actual#leads#2026-W47', 30, 35, 4],
    ]);
    const undo = createUndoManager(doc);
    ctx.tick(5000);
    const applied = applyImport(doc, ctx, result.value, ['actual#leads#2026-W47']);
    expect(applied).toEqual({ ok: true, value: { added: 3, overwritten: 1, kept: 1, unchanged: 1 } });
    const values = () => Object.fromEntries(readScorecard(doc).actuals.map((a) => [`${a.measure} ${a.week}`, a.value]));
    expect(values()).toEqual({
      'adSpend 2026-W45': 1200.5,
      'leads 2026-W45': 41,
      'revenue 2026-W45': 10000,
      'adSpend 2026-W47': 900,
      'leads 2026-W47': 35,
      'revenue 2026-W47': 8000,
    });
    undo.undo();
    expect(values()).toEqual({ 'leads 2026-W45': 41, 'revenue 2026-W45': 10000, 'leads 2026-W47': 30 });
    expect(applyImport(doc, ctx, { rows: [] })).toMatchObject({ ok: false, error: { code: 'import/nothing-valid' } });
  });

  it('sums daily rows per week in sum-by-week mode', async () => {
    const csv = await parsed('Date,Amount spent,Leads\n2026-11-23,10.5,1\n2026-11-24,20,2\n2026-11-30,5,0\n');
    const result = validateImport(csv, options(csv, { mode: 'sum-by-week' }));
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.rows).toEqual([
      { line: 2, week: '2026-W48', values: { adSpend: 30.5, leads: 3 } },
      { line: 4, week: '2026-W49', values: { adSpend: 5, leads: 0 } },
    ]);
    expect(result.value.bad).toEqual([]);
  });

  it('parses and validates a generated 50,000-row file', async () => {
    const seed = seedFromEnv();
    const rng = makeRng(seed);
    const lines = ['Date,Campaign,Amount spent,Leads,Revenue'];
    let spend = 0;
    let leads = 0;
    let broken = 0;
    for (let i = 0; i < 50_000; i += 1) {
      const day = new Date(Date.UTC(2025, 0, 1) + Math.floor(rng() * 700) * 86_400_000).toISOString().slice(0, 10);
      const cost = Math.round(rng() * 10000) / 100;
      const count = Math.floor(rng() * 5);
      if (i % 997 === 0) {
        lines.push(`${day},"Camp, ${i}",n/a,${count},1`);
        broken += 1;
        continue;
      }
      spend += cost;
      leads += count;
      lines.push(`${day},"Camp, ${i}",${cost},${count},${Math.floor(rng() * 1000)}`);
    }
    const bytes = utf8(`${lines.join('\n')}\n`);
    const csv = await parseCsvBytes(bytes);
    if (!csv.ok) throw new Error(`seed ${seed}: ${csv.error.message}`);
    expect(csv.value.rows, `seed ${seed}`).toHaveLength(50_000);
    expect(csv.value.rows.at(-1)?.line).toBe(50_001);
    const result = validateImport(csv.value, { ...options(csv.value), mode: 'sum-by-week', decimal: '.' });
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.badTotal, `seed ${seed}`).toBe(broken);
    const total = (m: 'adSpend' | 'leads') => result.value.rows.reduce((n, r) => n + (r.values[m] ?? 0), 0);
    expect(total('adSpend')).toBeCloseTo(spend, 2);
    expect(total('leads')).toBe(leads);
    const { doc, ctx } = plan();
    expect(applyImport(doc, ctx, result.value).ok).toBe(true);
    expect(readScorecard(doc).weeks.length).toBe(result.value.rows.length);
  }, 120_000);
});

describe('export', () => {
  it('exports actuals with computed KPIs and round-trips through import', async () => {
    const { doc, ctx } = plan();
    setActual(doc, ctx, 'leads', '2026-W47', 0);
    setActual(doc, ctx, 'opportunities', '2026-W47', 0);
    setActual(doc, ctx, 'adSpend', '2026-W47', 1200.5);
    setActual(doc, ctx, 'leads', '2026-W48', 20);
    setActual(doc, ctx, 'opportunities', '2026-W48', 5);
    const csv = actualsToCsv(readScorecard(doc), { delimiter: ';', decimal: ',', withDerived: true });
    expect(csv.startsWith('\ufeff')).toBe(true);
    const lines = csv.slice(1).trim().split('\r\n');
    expect(lines[0]).toBe('week;leads;salesAccepted;opportunities;won;revenue;attributedRevenue;adSpend;leadQuality;conversion;winRate;costPerLead;roiAds');
    // Zero denominators export as empty cells, never NaN or Infinity.
    expect(lines[1]).toBe('2026-W47;0;;0;;;;1200,5;;;;;');
    expect(lines[2]).toBe('2026-W48;20;;5;;;;;;0,25;;;');
    const back = await parseCsvBytes(utf8(csv));
    if (!back.ok) throw new Error(back.error.message);
    const mapping = { ...suggestMapping(back.value.headers), leadQuality: null };
    const v = validateImport(back.value, { mapping, decimal: ',', mode: 'weekly', existing: readScorecard(doc).actuals });
    if (!v.ok) throw new Error(v.error.message);
    expect(v.value.duplicates).toEqual([]);
    expect(v.value.unchanged).toBe(5);
  });
});

import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { readScorecardData, type Measure } from '../../domain';
import {
  applyImport,
  guessDecimalMark,
  IMPORT_FIELDS,
  parseCsvBytes,
  suggestMapping,
  validateImport,
  type ColumnMapping,
  type DecimalMark,
  type ImportField,
  type ImportMode,
  type ParsedCsv,
} from '../../import';
import { useServices } from '../../app/services';
import { usePlanSession, useRunCommand } from '../../app/usePlan';
import { useErrorText } from '../../app/errorText';
import { useAppStore } from '../../state/store';
import { Banner, Button, Dialog, Select } from '../../ui';
import { formatPlain, useLanguage } from './shared';

const NONE = '-';

/**
 * CSV import in two steps: pick a file, then map columns and review. The review lists bad rows
 * (line + reasons) and values that differ from what the plan has; nothing is written until the
 * person presses Import, and then in one transaction (one undo).
 */
export function ImportDialog({ open, onOpenChange }: { open: boolean; onOpenChange: (open: boolean) => void }) {
  const { t } = useTranslation();
  const { host } = useServices();
  const session = usePlanSession();
  const run = useRunCommand();
  const errorText = useErrorText();
  const showToast = useAppStore((s) => s.showToast);
  const language = useLanguage();
  const [file, setFile] = useState<{ name: string; csv: ParsedCsv } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [mapping, setMapping] = useState<ColumnMapping | null>(null);
  const [mode, setMode] = useState<ImportMode>('weekly');
  const [decimal, setDecimal] = useState<DecimalMark>('.');
  const [overwrite, setOverwrite] = useState<Set<string>>(new Set());

  const reset = (): void => {
    setFile(null);
    setError(null);
    setMapping(null);
    setOverwrite(new Set());
  };

  const pick = async (): Promise<void> => {
    setBusy(true);
    setError(null);
    const opened = await host.openFile([{ name: 'CSV', extensions: ['csv', 'txt', 'tsv'] }]);
    if (!opened.ok) {
      setBusy(false);
      setError(errorText(opened.error));
      return;
    }
    if (!opened.value) {
      setBusy(false);
      return;
    }
    const parsed = await parseCsvBytes(opened.value.bytes);
    setBusy(false);
    if (!parsed.ok) {
      setError(errorText(parsed.error));
      return;
    }
    const csv = parsed.value;
    setFile({ name: opened.value.name, csv });
    const suggested = suggestMapping(csv.headers);
    setMapping(suggested);
    const sample = csv.rows.slice(0, 500).flatMap((r) => r.cells.filter((_, i) => i !== suggested.week));
    setDecimal(guessDecimalMark(sample, csv.delimiter));
    // Several rows per week (daily ad exports) are summed; one row per week is a scorecard export.
    setMode(suggested.week !== null && /date|datum|paiva|päivä|day|dag/i.test(csv.headers[suggested.week] ?? '') ? 'sum-by-week' : 'weekly');
  };

  const validated = useMemo(() => {
    if (!file || !mapping) return null;
    return validateImport(file.csv, { mapping, decimal, mode, existing: readScorecardData(session.doc).actuals });
  }, [file, mapping, decimal, mode, session.doc]);

  const confirm = (): void => {
    if (!validated?.ok) return;
    const result = run((doc, ctx) => applyImport(doc, ctx, validated.value, overwrite));
    if (!result.ok) return;
    const r = result.value;
    showToast({
      tone: 'success',
      message: t('scorecard.import.done', { added: r.added, overwritten: r.overwritten, kept: r.kept }),
      action: { label: t('common.undo'), run: () => session.undo() },
    });
    reset();
    onOpenChange(false);
  };

  const columnOptions = [{ value: NONE, label: t('scorecard.import.noColumn') }, ...(file?.csv.headers ?? []).map((h, i) => ({ value: String(i), label: h || `#${i + 1}` }))];
  const v = validated?.ok ? validated.value : null;

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        if (!next) reset();
        onOpenChange(next);
      }}
      title={t('scorecard.import.title')}
      description={t('scorecard.import.intro')}
      closeLabel={t('common.close')}
      size="lg"
      footer={
        <>
          <Button onClick={() => onOpenChange(false)}>{t('common.cancel')}</Button>
          <Button variant="primary" disabled={!v || v.rows.length === 0} onClick={confirm} data-testid="import-confirm">
            {t('scorecard.import.confirm', { count: v?.rows.length ?? 0 })}
          </Button>
        </>
      }
    >
      <div className="al-import">
        <div className="al-row">
          <Button icon="cloud" onClick={() => void pick()} disabled={busy} data-testid="import-pick">
            {file ? t('scorecard.import.another') : t('scorecard.import.pick')}
          </Button>
          {file ? (
            <span className="al-muted" data-testid="import-file">
              {t('scorecard.import.fileInfo', { name: file.name, rows: file.csv.rows.length, delimiter: file.csv.delimiter === '\t' ? 'TAB' : file.csv.delimiter })}
            </span>
          ) : null}
        </div>
        {error ? (
          <div data-testid="import-error">
            <Banner tone="error">{error}</Banner>
          </div>
        ) : null}
        {file && mapping ? (
          <>
            <fieldset className="al-mapping">
              <legend className="al-h3">{t('scorecard.import.mapping')}</legend>
              {IMPORT_FIELDS.map((field: ImportField) => (
                <label key={field} className="al-mapping__row">
                  <span>{field === 'week' ? t('scorecard.import.weekColumn') : t(`measure.${field}`)}</span>
                  <Select
                    value={mapping[field] === null ? NONE : String(mapping[field])}
                    options={columnOptions}
                    onValue={(value) => setMapping({ ...mapping, [field]: value === NONE ? null : Number(value) })}
                    data-testid={`map-${field}`}
                  />
                </label>
              ))}
              <label className="al-mapping__row">
                <span>{t('scorecard.import.mode')}</span>
                <Select<ImportMode> value={mode} onValue={setMode} options={(['weekly', 'sum-by-week'] as const).map((m) => ({ value: m, label: t(`scorecard.import.modes.${m}`) }))} />
              </label>
              <label className="al-mapping__row">
                <span>{t('scorecard.import.decimal')}</span>
                <Select<DecimalMark> value={decimal} onValue={setDecimal} options={[{ value: '.', label: '1234.5' }, { value: ',', label: '1234,5' }]} />
              </label>
            </fieldset>
            {validated && !validated.ok ? <Banner tone="warning">{errorText(validated.error)}</Banner> : null}
            {v ? (
              <div className="al-review">
                <p data-testid="import-summary">{t('scorecard.import.summary', { valid: v.rows.length, bad: v.badTotal, total: v.totalRows, duplicates: v.duplicates.length })}</p>
                {v.bad.length > 0 ? (
                  <details open className="al-bad" data-testid="import-bad">
                    <summary>{t('scorecard.import.badRows', { count: v.badTotal })}</summary>
                    <ul>
                      {v.bad.slice(0, 200).map((b) => (
                        <li key={b.line} data-testid="import-bad-row">
                          <strong>{t('scorecard.import.line', { line: b.line })}</strong>{' '}
                          {b.problems.map((p) => (p.column ? `${p.column}: ${p.message}` : p.message)).join(' · ')}
                        </li>
                      ))}
                    </ul>
                  </details>
                ) : null}
                {v.duplicates.length > 0 ? (
                  <div className="al-dupes">
                    <p className="al-h3">{t('scorecard.import.duplicates')}</p>
                    <ul>
                      {v.duplicates.map((d) => (
                        <li key={d.key}>
                          <label className="al-check">
                            <input
                              type="checkbox"
                              checked={overwrite.has(d.key)}
                              onChange={(e) => {
                                const next = new Set(overwrite);
                                if (e.currentTarget.checked) next.add(d.key);
                                else next.delete(d.key);
                                setOverwrite(next);
                              }}
                            />
                            {t('scorecard.import.duplicate', {
                              measure: t(`measure.${d.measure as Measure}`),
                              week: d.week,
                              existing: formatPlain(d.existing, language),
                              incoming: formatPlain(d.incoming, language),
                              name: d.existingByName,
                            })}
                          </label>
                        </li>
                      ))}
                    </ul>
                  </div>
                ) : null}
              </div>
            ) : null}
          </>
        ) : null}
      </div>
    </Dialog>
  );
}

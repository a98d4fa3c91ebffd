import type * as Y from 'yjs';
import { KPI_DEFINITIONS, kpiDefinition, kpiSeries, periodSummary, readScorecard, type KpiId, type SeriesPoint } from '../domain';
import { LOCALE_OF, type Language } from '../i18n/languages';
import { escapeMarkdown } from './markdown';
import { escapeHtml, registerExportSection, type ExportSection, type Translate } from './model';

/** Weeks shown in each chart: the last quarter or so. */
const CHART_WEEKS = 13;

function formatKpiValue(kpi: KpiId, value: number | null, language: Language, currency: string): string {
  if (value === null || !Number.isFinite(value)) return '—';
  const locale = LOCALE_OF[language];
  switch (kpiDefinition(kpi).unit) {
    case 'count':
      return new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(value);
    case 'currency':
      return new Intl.NumberFormat(locale, { style: 'currency', currency, maximumFractionDigits: Math.abs(value) < 100 ? 2 : 0 }).format(value);
    case 'percent':
      return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(value);
    case 'rating':
      return new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(value);
    case 'ratio':
      return new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(value);
  }
}

function label(t: Translate, key: string, fallback: string): string {
  const value = t(key);
  return value === key ? fallback : value;
}

/** Target vs actual per week as a small inline SVG: bars are actuals, the dashed line the target. */
function chartSvg(points: readonly SeriesPoint[], title: string, firstWeek: string, lastWeek: string): string {
  const width = 520;
  const height = 120;
  const pad = { top: 8, right: 8, bottom: 18, left: 8 };
  const values = points.flatMap((p) => [p.actual, p.target]).filter((v): v is number => v !== null && Number.isFinite(v));
  const max = Math.max(...values.map((v) => Math.abs(v)), 1e-9);
  const innerW = width - pad.left - pad.right;
  const innerH = height - pad.top - pad.bottom;
  const slot = innerW / Math.max(points.length, 1);
  const y = (v: number): number => pad.top + innerH - (Math.max(0, v) / max) * innerH;
  const bars = points
    .map((p, i) =>
      p.actual === null
        ? ''
        : `<rect x="${(pad.left + i * slot + slot * 0.15).toFixed(1)}" y="${y(p.actual).toFixed(1)}" width="${(slot * 0.7).toFixed(1)}" height="${(pad.top + innerH - y(p.actual)).toFixed(1)}" fill="#3e5ccf"/>`,
    )
    .join('');
  const targetPath = points
    .map((p, i) => (p.target === null ? null : `${(pad.left + i * slot + slot / 2).toFixed(1)},${y(p.target).toFixed(1)}`))
    .filter((p): p is string => p !== null);
  const line = targetPath.length > 0 ? `<polyline points="${targetPath.join(' ')}" fill="none" stroke="#b54708" stroke-width="1.5" stroke-dasharray="4 3"/>` : '';
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${escapeHtml(title)}">` +
    `<line x1="${pad.left}" y1="${pad.top + innerH}" x2="${width - pad.right}" y2="${pad.top + innerH}" stroke="#c4cad1"/>` +
    bars +
    line +
    `<text x="${pad.left}" y="${height - 4}" font-size="9" fill="#5b6570">${escapeHtml(firstWeek)}</text>` +
    `<text x="${width - pad.right}" y="${height - 4}" font-size="9" fill="#5b6570" text-anchor="end">${escapeHtml(lastWeek)}</text>` +
    '</svg>'
  );
}

/**
 * The shared scorecard in exports: the latest quarter's targets and actuals as a table, and a
 * target-vs-actual chart per KPI that has weekly data. Null when the plan has no scorecard yet.
 */
export function scorecardSection(doc: Y.Doc, { t, language }: { t: Translate; language: Language }): ExportSection | null {
  const view = readScorecard(doc);
  const period = view.periods[view.periods.length - 1];
  if (period === undefined) return null;
  const currency = view.currency || 'EUR';
  const heading = label(t, 'printExport.scorecard', 'Shared scorecard');
  const kpiName = (id: KpiId): string => label(t, `kpi.${id}`, id);
  const head = [label(t, 'printExport.kpi', 'KPI'), label(t, 'printExport.target', 'Target'), label(t, 'printExport.actual', 'Actual')];
  const rows = periodSummary(view, period).map((s) => [kpiName(s.kpi), formatKpiValue(s.kpi, s.target, language, currency), formatKpiValue(s.kpi, s.actual, language, currency)]);

  const markdown = [
    `**${escapeMarkdown(period)}**`,
    '',
    `| ${head.map(escapeMarkdown).join(' | ')} |`,
    '| --- | ---: | ---: |',
    ...rows.map((r) => `| ${r.map(escapeMarkdown).join(' | ')} |`),
  ].join('\n');

  const weeks = view.weeks.slice(-CHART_WEEKS);
  const charts = KPI_DEFINITIONS.map(({ id }) => ({ id, points: kpiSeries(view, id, weeks) }))
    .filter(({ points }) => points.some((p) => p.actual !== null))
    .map(({ id, points }) => `<figure class="lp-chart"><figcaption>${escapeHtml(kpiName(id))}</figcaption>${chartSvg(points, kpiName(id), weeks[0] ?? '', weeks[weeks.length - 1] ?? '')}</figure>`)
    .join('');

  const html =
    `<h3>${escapeHtml(period)}</h3>` +
    `<table><thead><tr>${head.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr></thead><tbody>` +
    rows.map((r) => `<tr><th scope="row">${escapeHtml(r[0] ?? '')}</th><td>${escapeHtml(r[1] ?? '')}</td><td>${escapeHtml(r[2] ?? '')}</td></tr>`).join('') +
    '</tbody></table>' +
    charts;
  return { id: 'scorecard', heading, markdown, html };
}

registerExportSection('scorecard', scorecardSection);

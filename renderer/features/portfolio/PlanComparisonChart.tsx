import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useTranslation } from 'react-i18next';
import type { KpiId, OverviewRow } from '../../domain';
import { formatKpi, useLanguage } from '../scorecard/shared';

/** One KPI, actual next to target, per plan. A plan without data gets no bar (never a zero). */
export function PlanComparisonChart({ kpi, rows, period }: { kpi: KpiId; rows: readonly OverviewRow[]; period: string }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const format = (v: unknown): string => (typeof v === 'number' ? formatKpi(kpi, v, language) : '—');
  const data = rows.map((row) => {
    const summary = row.kpis.find((k) => k.kpi === kpi);
    return { plan: row.title || '—', actual: summary?.actual ?? null, target: summary?.target ?? null };
  });
  const empty = data.every((d) => d.actual === null && d.target === null);
  const label = t('portfolio.chartLabel', { kpi: t(`kpi.${kpi}`), period });
  return (
    <figure className="al-chart" data-testid="portfolio-chart" aria-label={label}>
      <figcaption className="al-chart__title">{label}</figcaption>
      {empty ? (
        <p className="al-chart__empty">{t('scorecard.noChartData')}</p>
      ) : (
        <ResponsiveContainer width="100%" height={220}>
          <BarChart data={data} margin={{ top: 8, right: 12, bottom: 0, left: 4 }}>
            <CartesianGrid stroke="#e4e7ec" vertical={false} />
            <XAxis dataKey="plan" tick={{ fontSize: 11 }} interval={0} />
            <YAxis tick={{ fontSize: 11 }} width={72} tickFormatter={format} />
            <Tooltip formatter={(value, name) => [format(value), name === 'actual' ? t('scorecard.actual') : t('scorecard.target')]} />
            <Legend formatter={(name) => (name === 'actual' ? t('scorecard.actual') : t('scorecard.target'))} iconSize={10} wrapperStyle={{ fontSize: 12 }} />
            <Bar dataKey="actual" fill="#3e5ccf" isAnimationActive={false} />
            <Bar dataKey="target" fill="#c3cad6" isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      )}
    </figure>
  );
}

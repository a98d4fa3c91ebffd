import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useTranslation } from 'react-i18next';
import type { KpiId, SeriesPoint } from '../../domain';
import { formatKpi, useLanguage } from './shared';

/** Target (dashed) vs actual per week for one KPI. A week without data is skipped (the line joins its neighbours), never drawn as zero. */
export function KpiChart({ kpi, series, currency }: { kpi: KpiId; series: readonly SeriesPoint[]; currency: string }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const format = (v: unknown): string => (typeof v === 'number' ? formatKpi(kpi, v, language, currency) : '—');
  const data = series.map((p) => ({ week: p.week.slice(5), actual: p.actual, target: p.target }));
  const title = t(`kpi.${kpi}`);
  const empty = series.every((p) => p.actual === null && p.target === null);
  return (
    <figure className="al-chart" data-testid={`chart-${kpi}`} aria-label={t('scorecard.chartLabel', { kpi: title })}>
      <figcaption className="al-chart__title">{title}</figcaption>
      {empty ? (
        <p className="al-chart__empty">{t('scorecard.noChartData')}</p>
      ) : (
        <ResponsiveContainer width="100%" height={180}>
          <LineChart data={data} margin={{ top: 8, right: 12, bottom: 0, left: 4 }}>
            <CartesianGrid stroke="#e4e7ec" vertical={false} />
            <XAxis dataKey="week" tick={{ fontSize: 11 }} interval="preserveStartEnd" />
            <YAxis tick={{ fontSize: 11 }} width={64} tickFormatter={format} />
            <Tooltip formatter={(value, name) => [format(value), name === 'actual' ? t('scorecard.actual') : t('scorecard.target')]} />
            <Legend formatter={(name) => (name === 'actual' ? t('scorecard.actual') : t('scorecard.target'))} iconSize={10} wrapperStyle={{ fontSize: 12 }} />
            <Line type="monotone" dataKey="target" stroke="#98a2b3" strokeDasharray="5 4" dot={false} isAnimationActive={false} connectNulls />
            <Line type="monotone" dataKey="actual" stroke="#3e5ccf" strokeWidth={2} dot={{ r: 3 }} isAnimationActive={false} connectNulls />
          </LineChart>
        </ResponsiveContainer>
      )}
    </figure>
  );
}

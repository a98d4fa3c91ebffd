import type * as Y from 'yjs';
import { readBrief, readMeta } from '../queries/readPlan';
import { computeKpi, KPI_DEFINITIONS, KPI_IDS, kpiDefinition, kpiStatus, MEASURES, sumMeasures, type KpiId, type KpiStatus, type MeasureValues } from './kpis';
import { isSigned, readScorecardData, type ScorecardData } from './model';
import { quarterOfWeek, weeksOfQuarter } from './weeks';

export interface ScorecardView extends ScorecardData {
  signed: boolean;
  /** Every week that has an actual or a rating, oldest first. */
  weeks: string[];
  /** Every quarter that has a target or a week with data, oldest first. */
  periods: string[];
}

export function readScorecard(doc: Y.Doc): ScorecardView {
  const data = readScorecardData(doc);
  const weeks = [...new Set([...data.actuals.map((a) => a.week), ...data.ratings.map((r) => r.week)])].sort();
  const periods = [...new Set([...data.targets.map((t) => t.period), ...weeks.map((w) => quarterOfWeek(w) ?? '')])].filter(Boolean).sort();
  return { ...data, signed: isSigned(data), weeks, periods };
}

/** Typed inputs of one week; measures nobody entered are null. */
export function weekValues(view: Pick<ScorecardData, 'actuals'>, week: string): MeasureValues {
  const values: MeasureValues = {};
  for (const m of MEASURES) values[m] = null;
  for (const a of view.actuals) if (a.week === week) values[a.measure] = a.value;
  return values;
}

const ratingsIn = (view: Pick<ScorecardData, 'ratings'>, weeks: ReadonlySet<string>): number[] =>
  view.ratings.filter((r) => weeks.has(r.week)).map((r) => r.score);

/** A KPI's value in one week. Derived KPIs are computed here; nothing derived is ever stored. */
export function kpiForWeek(view: Pick<ScorecardData, 'actuals' | 'ratings'>, kpi: KpiId, week: string): number | null {
  return computeKpi(kpi, weekValues(view, week), ratingsIn(view, new Set([week])));
}

/** A KPI over a quarter: sums for counts and money, the formula over summed inputs for ratios. */
export function kpiForPeriod(view: Pick<ScorecardData, 'actuals' | 'ratings'>, kpi: KpiId, period: string): number | null {
  const weeks = new Set(weeksOfQuarter(period));
  const inside = view.actuals.filter((a) => weeks.has(a.week));
  const summed = sumMeasures(inside.map((a) => ({ [a.measure]: a.value })));
  return computeKpi(kpi, summed, ratingsIn(view, weeks));
}

export function targetFor(view: Pick<ScorecardData, 'targets'>, kpi: KpiId, period: string): number | null {
  return view.targets.find((t) => t.kpi === kpi && t.period === period)?.value ?? null;
}

/**
 * The target that applies to one week: a quarterly total spread evenly over the quarter's weeks
 * for summed KPIs (leads, revenue, spend), the target itself for rates and ratings.
 */
export function weeklyTarget(view: Pick<ScorecardData, 'targets'>, kpi: KpiId, week: string): number | null {
  const period = quarterOfWeek(week);
  const target = period === null ? null : targetFor(view, kpi, period);
  if (target === null || period === null) return null;
  if (kpiDefinition(kpi).rollup !== 'sum') return target;
  const count = weeksOfQuarter(period).length;
  return count === 0 ? null : target / count;
}

export interface SeriesPoint {
  week: string;
  actual: number | null;
  target: number | null;
}

/** Target vs actual per week, for the chart. `weeks` defaults to every week with data. */
export function kpiSeries(view: ScorecardView, kpi: KpiId, weeks: readonly string[] = view.weeks): SeriesPoint[] {
  return weeks.map((week) => ({ week, actual: kpiForWeek(view, kpi, week), target: weeklyTarget(view, kpi, week) }));
}

export interface KpiSummary {
  kpi: KpiId;
  actual: number | null;
  target: number | null;
  status: KpiStatus;
}

export function periodSummary(view: Pick<ScorecardData, 'actuals' | 'ratings' | 'targets'>, period: string): KpiSummary[] {
  return KPI_DEFINITIONS.map(({ id }) => {
    const actual = kpiForPeriod(view, id, period);
    const target = targetFor(view, id, period);
    return { kpi: id, actual, target, status: kpiStatus(id, actual, target) };
  });
}

export interface PlanDocRef {
  planId: string;
  doc: Y.Doc;
  /** Falls back to the plan's own title. */
  title?: string;
}

export interface OverviewRow {
  planId: string;
  title: string;
  signed: boolean;
  kpis: KpiSummary[];
}

export interface ScorecardOverview {
  period: string;
  rows: OverviewRow[];
  /** All plans together: inputs summed, ratios recomputed, ratings pooled, targets summed/absent. */
  total: KpiSummary[];
}

/**
 * The cross-plan overview for one quarter. Totals recompute ratios from summed inputs; a total
 * target exists for summed KPIs only when every plan has one (else it would mislead).
 */
export function scorecardOverview(plans: readonly PlanDocRef[], period: string): ScorecardOverview {
  const views = plans.map((p) => ({ ref: p, view: readScorecardData(p.doc) }));
  const rows = views.map(({ ref, view }) => ({
    planId: ref.planId || readMeta(ref.doc).planId,
    title: ref.title ?? readBrief(ref.doc).title,
    signed: isSigned(view),
    kpis: periodSummary(view, period),
  }));
  const pooled: Pick<ScorecardData, 'actuals' | 'ratings' | 'targets'> = {
    actuals: views.flatMap(({ view }) => view.actuals),
    ratings: views.flatMap(({ view }) => view.ratings),
    targets: [],
  };
  const total = KPI_IDS.map((kpi) => {
    const actual = kpiForPeriod(pooled, kpi, period);
    let target: number | null = null;
    if (kpiDefinition(kpi).rollup === 'sum') {
      const targets = views.map(({ view }) => targetFor(view, kpi, period));
      target = targets.length > 0 && targets.every((t) => t !== null) ? targets.reduce<number>((a, b) => a + (b ?? 0), 0) : null;
    }
    return { kpi, actual, target, status: kpiStatus(kpi, actual, target) };
  });
  return { period, rows, total };
}

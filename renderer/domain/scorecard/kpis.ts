/**
 * The shared scorecard's KPI definitions. They are the same for every plan and every role: the
 * point (brief idea 2) is that marketing and sales are measured on one set of numbers.
 *
 * People type MEASURES (base inputs) per week; KPIs are either a measure itself or COMPUTED from
 * measures. Derived KPIs are never typed, so they can never disagree with their inputs.
 *
 * Base inputs:
 * - leads               leads marketing handed to sales
 * - salesAccepted       leads sales accepted as sales-ready (SAL)
 * - opportunities       accepted leads that became an opportunity
 * - won                 opportunities won
 * - revenue             revenue booked (all sources)
 * - attributedRevenue   the part of revenue attributed to advertising (needed for ROI on ads)
 * - adSpend             money spent on advertising
 * Lead quality is not a weekly number but the mean of sales' 1–5 ratings of lead batches
 * (per campaign and segment); see ratings in model.ts.
 */
export const MEASURES = ['leads', 'salesAccepted', 'opportunities', 'won', 'revenue', 'attributedRevenue', 'adSpend'] as const;
export type Measure = (typeof MEASURES)[number];

export const KPI_IDS = [
  'leads',
  'salesAccepted',
  'leadQuality',
  'conversion',
  'winRate',
  'revenue',
  'adSpend',
  'costPerLead',
  'roiAds',
] as const;
export type KpiId = (typeof KPI_IDS)[number];

/** `rating` is the 1–5 lead-quality score; the other units are the four the scorecard formats. */
export type KpiUnit = 'count' | 'percent' | 'currency' | 'ratio' | 'rating';
export type KpiDirection = 'higher' | 'lower';

/**
 * How weekly values roll up into a period (a quarter): `sum` adds the weeks (leads, money);
 * `computed` recomputes the formula over the summed inputs (a ratio of sums, never a mean of
 * weekly ratios); `mean` averages every rating in the period.
 */
export type KpiRollup = 'sum' | 'computed' | 'mean';

export interface KpiDefinition {
  id: KpiId;
  unit: KpiUnit;
  direction: KpiDirection;
  owner: 'shared';
  rollup: KpiRollup;
  /** Human formula (documentation, shown in the UI next to derived KPIs); null for typed KPIs. */
  formula: string | null;
  /** Measures the KPI reads. A typed KPI reads exactly its own measure. */
  inputs: readonly Measure[];
}

export const KPI_DEFINITIONS: readonly KpiDefinition[] = [
  { id: 'leads', unit: 'count', direction: 'higher', owner: 'shared', rollup: 'sum', formula: null, inputs: ['leads'] },
  { id: 'salesAccepted', unit: 'count', direction: 'higher', owner: 'shared', rollup: 'sum', formula: null, inputs: ['salesAccepted'] },
  { id: 'leadQuality', unit: 'rating', direction: 'higher', owner: 'shared', rollup: 'mean', formula: 'mean(lead batch ratings 1–5)', inputs: [] },
  { id: 'conversion', unit: 'percent', direction: 'higher', owner: 'shared', rollup: 'computed', formula: 'opportunities / leads', inputs: ['opportunities', 'leads'] },
  { id: 'winRate', unit: 'percent', direction: 'higher', owner: 'shared', rollup: 'computed', formula: 'won / opportunities', inputs: ['won', 'opportunities'] },
  { id: 'revenue', unit: 'currency', direction: 'higher', owner: 'shared', rollup: 'sum', formula: null, inputs: ['revenue'] },
  { id: 'adSpend', unit: 'currency', direction: 'lower', owner: 'shared', rollup: 'sum', formula: null, inputs: ['adSpend'] },
  { id: 'costPerLead', unit: 'currency', direction: 'lower', owner: 'shared', rollup: 'computed', formula: 'ad spend / leads', inputs: ['adSpend', 'leads'] },
  { id: 'roiAds', unit: 'percent', direction: 'higher', owner: 'shared', rollup: 'computed', formula: '(attributed revenue − ad spend) / ad spend', inputs: ['attributedRevenue', 'adSpend'] },
];

export function kpiDefinition(id: KpiId): KpiDefinition {
  const found = KPI_DEFINITIONS.find((d) => d.id === id);
  // KPI_DEFINITIONS lists every KpiId; the fallback only satisfies the index type.
  return found ?? (KPI_DEFINITIONS[0] as KpiDefinition);
}

export const isDerived = (id: KpiId): boolean => kpiDefinition(id).formula !== null;
export const isMeasure = (value: unknown): value is Measure => (MEASURES as readonly unknown[]).includes(value);
export const isKpiId = (value: unknown): value is KpiId => (KPI_IDS as readonly unknown[]).includes(value);

/** Inputs of one week or one period; a missing measure is `null`, not 0 ("not entered" ≠ "none"). */
export type MeasureValues = Partial<Record<Measure, number | null>>;

/**
 * a / b, or null when it cannot be computed: a missing input, a zero denominator, or a result
 * that is not finite. The UI shows null as "—"; NaN and Infinity never leave this module.
 */
export function safeDivide(a: number | null | undefined, b: number | null | undefined): number | null {
  if (a == null || b == null || !Number.isFinite(a) || !Number.isFinite(b) || b === 0) return null;
  const q = a / b;
  return Number.isFinite(q) ? q : null;
}

const get = (values: MeasureValues, m: Measure): number | null => {
  const v = values[m];
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
};

export function conversionRate(values: MeasureValues): number | null {
  return safeDivide(get(values, 'opportunities'), get(values, 'leads'));
}

export function winRate(values: MeasureValues): number | null {
  return safeDivide(get(values, 'won'), get(values, 'opportunities'));
}

export function costPerLead(values: MeasureValues): number | null {
  return safeDivide(get(values, 'adSpend'), get(values, 'leads'));
}

export function roiOnAds(values: MeasureValues): number | null {
  const revenue = get(values, 'attributedRevenue');
  const spend = get(values, 'adSpend');
  return revenue === null || spend === null ? null : safeDivide(revenue - spend, spend);
}

/** Mean of 1–5 ratings; null when there are none. */
export function meanRating(scores: readonly number[]): number | null {
  const valid = scores.filter((s) => Number.isFinite(s) && s >= 1 && s <= 5);
  return valid.length === 0 ? null : safeDivide(valid.reduce((a, b) => a + b, 0), valid.length);
}

/** The value of a KPI for one set of inputs (a week, a quarter, several plans summed). */
export function computeKpi(id: KpiId, values: MeasureValues, ratings: readonly number[] = []): number | null {
  switch (id) {
    case 'leads':
    case 'salesAccepted':
    case 'revenue':
    case 'adSpend':
      return get(values, id);
    case 'leadQuality':
      return meanRating(ratings);
    case 'conversion':
      return conversionRate(values);
    case 'winRate':
      return winRate(values);
    case 'costPerLead':
      return costPerLead(values);
    case 'roiAds':
      return roiOnAds(values);
  }
}

/** Adds inputs measure by measure; a measure stays null only if it is null everywhere. */
export function sumMeasures(list: readonly MeasureValues[]): MeasureValues {
  const out: MeasureValues = {};
  for (const m of MEASURES) {
    let total: number | null = null;
    for (const values of list) {
      const v = get(values, m);
      if (v !== null) total = (total ?? 0) + v;
    }
    out[m] = total;
  }
  return out;
}

export type KpiStatus = 'ahead' | 'on-track' | 'behind' | 'no-data' | 'no-target';

/**
 * Compares an actual with its target in the KPI's direction. Within 5 % of the target counts as
 * on track, so a rounding difference does not paint a row red.
 */
export function kpiStatus(id: KpiId, actual: number | null, target: number | null): KpiStatus {
  if (target === null) return actual === null ? 'no-data' : 'no-target';
  if (actual === null) return 'no-data';
  const better = kpiDefinition(id).direction === 'higher' ? actual - target : target - actual;
  const tolerance = Math.abs(target) * 0.05;
  if (better > tolerance) return 'ahead';
  if (better >= -tolerance) return 'on-track';
  return 'behind';
}

import { describe, expect, it } from 'vitest';
import {
  computeKpi,
  conversionRate,
  costPerLead,
  KPI_DEFINITIONS,
  KPI_IDS,
  kpiStatus,
  meanRating,
  roiOnAds,
  safeDivide,
  sumMeasures,
  winRate,
} from '../../../../../renderer/domain';

describe('KPI formulas', () => {
  it('safeDivide never returns NaN or Infinity', () => {
    expect(safeDivide(1, 4)).toBe(0.25);
    expect(safeDivide(0, 4)).toBe(0);
    expect(safeDivide(5, 0)).toBeNull();
    expect(safeDivide(0, 0)).toBeNull();
    expect(safeDivide(null, 3)).toBeNull();
    expect(safeDivide(3, undefined)).toBeNull();
    expect(safeDivide(Number.NaN, 3)).toBeNull();
    expect(safeDivide(Number.POSITIVE_INFINITY, 3)).toBeNull();
    expect(safeDivide(1e308, 1e-308)).toBeNull();
  });

  it('conversion = opportunities / leads', () => {
    expect(conversionRate({ opportunities: 12, leads: 48 })).toBe(0.25);
    expect(conversionRate({ opportunities: 12, leads: 0 })).toBeNull();
    expect(conversionRate({ opportunities: 0, leads: 10 })).toBe(0);
    expect(conversionRate({ leads: 10 })).toBeNull();
  });

  it('win rate = won / opportunities', () => {
    expect(winRate({ won: 3, opportunities: 12 })).toBe(0.25);
    expect(winRate({ won: 3, opportunities: 0 })).toBeNull();
    expect(winRate({ won: null, opportunities: 5 })).toBeNull();
  });

  it('cost per lead = ad spend / leads', () => {
    expect(costPerLead({ adSpend: 1500, leads: 30 })).toBe(50);
    expect(costPerLead({ adSpend: 1500, leads: 0 })).toBeNull();
    expect(costPerLead({ adSpend: 0, leads: 10 })).toBe(0);
  });

  it('ROI on ads = (attributed revenue − ad spend) / ad spend', () => {
    expect(roiOnAds({ attributedRevenue: 6000, adSpend: 2000 })).toBe(2);
    expect(roiOnAds({ attributedRevenue: 1000, adSpend: 2000 })).toBe(-0.5);
    expect(roiOnAds({ attributedRevenue: 1000, adSpend: 0 })).toBeNull();
    expect(roiOnAds({ attributedRevenue: 0, adSpend: 0 })).toBeNull();
    expect(roiOnAds({ adSpend: 100 })).toBeNull();
    // Total revenue is not attributed revenue: ROI never silently uses it.
    expect(roiOnAds({ revenue: 9000, adSpend: 100 })).toBeNull();
  });

  it('lead quality is the mean of 1–5 ratings and ignores impossible scores', () => {
    expect(meanRating([4, 5, 3])).toBe(4);
    expect(meanRating([])).toBeNull();
    expect(meanRating([0, 9, Number.NaN])).toBeNull();
    expect(computeKpi('leadQuality', {}, [2, 4])).toBe(3);
  });

  it('every KPI computes from the same inputs; typed KPIs are their measure; all-zero gives no NaN', () => {
    const zero = { leads: 0, salesAccepted: 0, opportunities: 0, won: 0, revenue: 0, attributedRevenue: 0, adSpend: 0 };
    for (const id of KPI_IDS) {
      const value = computeKpi(id, zero, []);
      expect(value === null || Number.isFinite(value)).toBe(true);
    }
    expect(computeKpi('leads', { leads: 7 })).toBe(7);
    expect(computeKpi('salesAccepted', { salesAccepted: 5 })).toBe(5);
    expect(computeKpi('revenue', { revenue: 30000 })).toBe(30000);
    expect(computeKpi('adSpend', { adSpend: 400 })).toBe(400);
    expect(computeKpi('conversion', zero)).toBeNull();
    expect(computeKpi('winRate', zero)).toBeNull();
    expect(computeKpi('costPerLead', zero)).toBeNull();
    expect(computeKpi('roiAds', zero)).toBeNull();
  });

  it('definitions: nine shared KPIs, derived ones carry a formula and their inputs', () => {
    expect(KPI_DEFINITIONS.map((d) => d.id)).toEqual([...KPI_IDS]);
    expect(KPI_DEFINITIONS.every((d) => d.owner === 'shared')).toBe(true);
    const derived = KPI_DEFINITIONS.filter((d) => d.formula !== null).map((d) => d.id);
    expect(derived).toEqual(['leadQuality', 'conversion', 'winRate', 'costPerLead', 'roiAds']);
    expect(KPI_DEFINITIONS.find((d) => d.id === 'costPerLead')?.direction).toBe('lower');
  });

  it('sums inputs measure by measure, keeping "not entered" apart from zero', () => {
    expect(sumMeasures([{ leads: 2, adSpend: null }, { leads: 3 }])).toMatchObject({ leads: 5, adSpend: null, won: null });
    expect(sumMeasures([{ won: 0 }])).toMatchObject({ won: 0 });
  });

  it('status follows the KPI direction with a 5 % band', () => {
    expect(kpiStatus('leads', 120, 100)).toBe('ahead');
    expect(kpiStatus('leads', 97, 100)).toBe('on-track');
    expect(kpiStatus('leads', 80, 100)).toBe('behind');
    expect(kpiStatus('costPerLead', 40, 50)).toBe('ahead');
    expect(kpiStatus('costPerLead', 60, 50)).toBe('behind');
    expect(kpiStatus('leads', null, 100)).toBe('no-data');
    expect(kpiStatus('leads', 10, null)).toBe('no-target');
    expect(kpiStatus('roiAds', 0, 0)).toBe('on-track');
  });
});

import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addLeadRating,
  applyActuals,
  confirmConflict,
  createPlan,
  createUndoManager,
  kpiForPeriod,
  kpiSeries,
  periodSummary,
  readConflicts,
  readScorecard,
  ROOTS,
  scorecardOverview,
  setActual,
  setTarget,
  signTargets,
  withdrawSignature,
} from '../../../../../renderer/domain';
import { label, testContext } from '../../../../support/context';
import { twoPeers } from '../../../../support/twoPeers';

function plan(title = 'Plan', name = 'Ada') {
  const doc = new Y.Doc();
  const ctx = testContext(name);
  createPlan(doc, ctx, { planId: title.toLowerCase(), kind: 'campaign', title, label });
  return { doc, ctx };
}

const pair = (): ReturnType<typeof twoPeers> => twoPeers(plan());

describe('scorecard actuals and targets', () => {
  it('stores typed inputs and computes derived KPIs per week and per quarter', () => {
    const { doc, ctx } = plan();
    setActual(doc, ctx, 'leads', '2026-W47', 40);
    setActual(doc, ctx, 'opportunities', '2026-W47', 10);
    setActual(doc, ctx, 'leads', '2026-W48', 60);
    setActual(doc, ctx, 'opportunities', '2026-W48', 20);
    setActual(doc, ctx, 'adSpend', '2026-W48', 0);
    setTarget(doc, ctx, 'leads', '2026-Q4', 1400);
    setTarget(doc, ctx, 'conversion', '2026-Q4', 0.25);
    const view = readScorecard(doc);
    expect(view.weeks).toEqual(['2026-W47', '2026-W48']);
    expect(kpiSeries(view, 'conversion')).toEqual([
      { week: '2026-W47', actual: 0.25, target: 0.25 },
      { week: '2026-W48', actual: 1 / 3, target: 0.25 },
    ]);
    // Q4 2026 has 14 ISO weeks: a quarterly lead target spreads evenly over them.
    expect(kpiSeries(view, 'leads')[0]).toEqual({ week: '2026-W47', actual: 40, target: 100 });
    // A ratio of sums, never a mean of weekly ratios: 30 / 100.
    expect(kpiForPeriod(view, 'conversion', '2026-Q4')).toBeCloseTo(0.3);
    // Ad spend 0 → cost per lead 0 (not a division by zero); ROI with spend 0 → null.
    expect(kpiSeries(view, 'costPerLead')[1]?.actual).toBe(0);
    expect(kpiSeries(view, 'roiAds')[1]?.actual).toBeNull();
    const summary = periodSummary(view, '2026-Q4');
    expect(summary.find((s) => s.kpi === 'leads')).toMatchObject({ actual: 100, target: 1400, status: 'behind' });
    expect(summary.find((s) => s.kpi === 'winRate')).toMatchObject({ actual: null, status: 'no-data' });
  });

  it('refuses impossible numbers and bad weeks with plain messages', () => {
    const { doc, ctx } = plan();
    expect(setActual(doc, ctx, 'leads', '2026-W48', -1)).toMatchObject({ ok: false, error: { code: 'kpi/negative' } });
    expect(setActual(doc, ctx, 'leads', '2026-W48', 2.5)).toMatchObject({ ok: false, error: { code: 'kpi/not-whole' } });
    expect(setActual(doc, ctx, 'revenue', '2026-W48', Number.NaN)).toMatchObject({ ok: false, error: { code: 'kpi/not-a-number' } });
    expect(setActual(doc, ctx, 'revenue', '2026-W48', 1e15)).toMatchObject({ ok: false, error: { code: 'kpi/too-large' } });
    expect(setActual(doc, ctx, 'revenue', '2025-W53', 1)).toMatchObject({ ok: false, error: { code: 'kpi/bad-week' } });
    expect(setTarget(doc, ctx, 'leads', '2026-11', 1)).toMatchObject({ ok: false, error: { code: 'kpi/bad-period' } });
    expect(setTarget(doc, ctx, 'leadQuality', '2026-Q4', 7)).toMatchObject({ ok: false, error: { code: 'kpi/rating-range' } });
    expect(setTarget(doc, ctx, 'roiAds', '2026-Q4', -0.2).ok).toBe(true);
    expect(readScorecard(doc).actuals).toEqual([]);
  });

  it('clearing an actual removes it; a lead rating feeds lead quality', () => {
    const { doc, ctx } = plan();
    setActual(doc, ctx, 'leads', '2026-W48', 5);
    setActual(doc, ctx, 'leads', '2026-W48', null);
    expect(readScorecard(doc).actuals).toEqual([]);
    addLeadRating(doc, ctx, { week: '2026-W48', campaign: 'Fair', segment: 'SMB', score: 4 });
    addLeadRating(doc, ctx, { week: '2026-W48', campaign: 'Web', segment: 'SMB', score: 2 });
    expect(addLeadRating(doc, ctx, { week: '2026-W48', campaign: 'Web', segment: 'SMB', score: 6 }).ok).toBe(false);
    const view = readScorecard(doc);
    expect(kpiSeries(view, 'leadQuality')).toEqual([{ week: '2026-W48', actual: 3, target: null }]);
    expect(view.ratings.map((r) => r.campaign)).toEqual(['Fair', 'Web']);
  });
});

describe('signed targets', () => {
  it('both teams sign; a change then needs a reason, is logged and un-signs', () => {
    const { doc, ctx } = plan();
    const sales = testContext('Sam');
    expect(signTargets(doc, ctx, 'marketing')).toMatchObject({ ok: false, error: { code: 'kpi/no-targets' } });
    setTarget(doc, ctx, 'leads', '2026-Q4', 1000);
    expect(setTarget(doc, ctx, 'leads', '2026-Q4', 1100).ok).toBe(true); // not signed yet: no reason needed
    signTargets(doc, ctx, 'marketing');
    let view = readScorecard(doc);
    expect(view.signed).toBe(false);
    signTargets(doc, sales, 'sales');
    view = readScorecard(doc);
    expect(view.signed).toBe(true);
    expect(view.signatures.map((s) => [s.byName, s.team, s.current])).toEqual([
      ['Ada', 'marketing', true],
      ['Sam', 'sales', true],
    ]);

    expect(setTarget(doc, ctx, 'leads', '2026-Q4', 900)).toMatchObject({ ok: false, error: { code: 'kpi/reason-required' } });
    expect(setTarget(doc, ctx, 'leads', '2026-Q4', 900, '   ')).toMatchObject({ ok: false, error: { code: 'kpi/reason-required' } });
    expect(readScorecard(doc).targets[0]?.value).toBe(1100);
    ctx.tick(1000);
    expect(setTarget(doc, ctx, 'leads', '2026-Q4', 900, 'Fair cancelled').ok).toBe(true);
    view = readScorecard(doc);
    expect(view.targets[0]?.value).toBe(900);
    expect(view.signed).toBe(false);
    expect(view.signatures.every((s) => !s.current)).toBe(true);
    expect(view.changes).toMatchObject([{ kpi: 'leads', period: '2026-Q4', from: 1100, to: 900, reason: 'Fair cancelled', wasSigned: true, byName: 'Ada' }]);
    // Nobody's signature is current any more, so the next change needs no reason until they re-sign.
    expect(setTarget(doc, ctx, 'leads', '2026-Q4', 950).ok).toBe(true);
    signTargets(doc, ctx, 'marketing');
    signTargets(doc, sales, 'sales');
    expect(readScorecard(doc).signed).toBe(true);
    expect(withdrawSignature(doc, sales).ok).toBe(true);
    expect(readScorecard(doc).signed).toBe(false);
    expect(withdrawSignature(doc, sales).ok).toBe(false);
  });

  it('a signature given concurrently with a target change is outdated after the merge', () => {
    const { a, b, sync } = pair();
    setTarget(a.doc, a.ctx, 'revenue', '2026-Q4', 50_000);
    sync();
    signTargets(b.doc, b.ctx, 'sales');
    setTarget(a.doc, a.ctx, 'revenue', '2026-Q4', 60_000);
    sync();
    const view = readScorecard(a.doc);
    expect(view.signatures).toMatchObject([{ byName: 'Bo', current: false }]);
    expect(readScorecard(b.doc).fingerprint).toBe(view.fingerprint);
  });
});

describe('concurrent actual entries', () => {
  it('two people entering different weeks offline both keep their numbers', () => {
    const { a, b, sync } = pair();
    setActual(a.doc, a.ctx, 'leads', '2026-W47', 31);
    setActual(b.doc, b.ctx, 'leads', '2026-W48', 44);
    setActual(b.doc, b.ctx, 'adSpend', '2026-W47', 900);
    sync();
    for (const doc of [a.doc, b.doc]) {
      expect(readScorecard(doc).actuals.map((x) => [x.measure, x.week, x.value])).toEqual([
        ['adSpend', '2026-W47', 900],
        ['leads', '2026-W47', 31],
        ['leads', '2026-W48', 44],
      ]);
      expect(readConflicts(doc)).toEqual([]);
    }
  });

  it('the same week entered twice is flagged until someone confirms a value', () => {
    const { a, b, sync } = pair();
    setActual(a.doc, a.ctx, 'leads', '2026-W48', 40);
    b.ctx.tick(10);
    setActual(b.doc, b.ctx, 'leads', '2026-W48', 42);
    sync();
    const kept = readScorecard(a.doc).actuals[0]?.value;
    expect(readScorecard(b.doc).actuals[0]?.value).toBe(kept);
    const conflicts = readConflicts(a.doc);
    expect(conflicts.map((c) => c.path)).toEqual(['kpis.actual.leads.2026-W48']);
    expect(conflicts[0]?.candidates.map((c) => c.value).sort()).toEqual([40, 42]);
    // Confirming the value Yjs already kept must still close the conflict.
    expect(confirmConflict(b.doc, b.ctx, 'kpis.actual.leads.2026-W48', kept).ok).toBe(true);
    sync();
    expect(readConflicts(a.doc)).toEqual([]);
    expect(readScorecard(a.doc).actuals[0]?.value).toBe(kept);
  });

  it('concurrent target edits are a conflict too; confirming works on signed targets', () => {
    const { a, b, sync } = pair();
    setTarget(a.doc, a.ctx, 'leads', '2026-Q4', 100);
    sync();
    signTargets(a.doc, a.ctx, 'marketing');
    sync();
    setTarget(a.doc, a.ctx, 'leads', '2026-Q4', 120, 'more budget');
    setTarget(b.doc, b.ctx, 'leads', '2026-Q4', 80, 'less budget');
    sync();
    expect(readConflicts(a.doc).map((c) => c.path)).toEqual(['kpis.target.leads.2026-Q4']);
    expect(confirmConflict(a.doc, a.ctx, 'kpis.target.leads.2026-Q4', 80).ok).toBe(true);
    sync();
    expect(readConflicts(b.doc)).toEqual([]);
    expect(readScorecard(b.doc).targets[0]?.value).toBe(80);
  });
});

describe('batch apply', () => {
  it('writes a batch in one undo step and keeps existing values unless overwrite was chosen', () => {
    const { doc, ctx } = plan();
    setActual(doc, ctx, 'leads', '2026-W47', 10);
    setActual(doc, ctx, 'leads', '2026-W46', 5);
    const undo = createUndoManager(doc);
    ctx.tick(1000);
    const result = applyActuals(doc, ctx, {
      rows: [
        { line: 2, week: '2026-W46', values: { leads: 6 } },
        { line: 3, week: '2026-W47', values: { leads: 11, adSpend: 300 } },
        { line: 4, week: '2026-W48', values: { leads: 12 } },
        { line: 5, week: '2026-W45', values: { leads: 5 } },
      ],
      overwrite: new Set(['actual#leads#2026-W47']),
    });
    expect(result).toEqual({ ok: true, value: { added: 3, overwritten: 1, kept: 1, unchanged: 0 } });
    const values = () => Object.fromEntries(readScorecard(doc).actuals.map((x) => [`${x.measure} ${x.week}`, x.value]));
    expect(values()).toEqual({ 'leads 2026-W45': 5, 'leads 2026-W46': 5, 'leads 2026-W47': 11, 'adSpend 2026-W47': 300, 'leads 2026-W48': 12 });
    expect(readScorecard(doc).actuals.find((x) => x.week === '2026-W48')?.source).toBe('import');
    undo.undo();
    expect(values()).toEqual({ 'leads 2026-W46': 5, 'leads 2026-W47': 10 });
  });

  it('refuses a batch with one bad value without writing anything', () => {
    const { doc, ctx } = plan();
    const result = applyActuals(doc, ctx, { rows: [{ line: 2, week: '2026-W46', values: { leads: 6 } }, { line: 3, week: '2026-W47', values: { leads: -1 } }], overwrite: new Set() });
    expect(result).toMatchObject({ ok: false, error: { message: 'Line 3: This number cannot be negative.' } });
    expect(readScorecard(doc).actuals).toEqual([]);
  });
});

describe('cross-plan overview and garbage', () => {
  it('sums inputs across plans and recomputes ratios', () => {
    const p1 = plan('Alpha');
    const p2 = plan('Beta');
    setActual(p1.doc, p1.ctx, 'leads', '2026-W48', 100);
    setActual(p1.doc, p1.ctx, 'opportunities', '2026-W48', 10);
    setActual(p2.doc, p2.ctx, 'leads', '2026-W48', 0);
    setActual(p2.doc, p2.ctx, 'opportunities', '2026-W48', 0);
    setTarget(p1.doc, p1.ctx, 'leads', '2026-Q4', 1000);
    setTarget(p2.doc, p2.ctx, 'leads', '2026-Q4', 500);
    const overview = scorecardOverview([{ planId: 'alpha', doc: p1.doc }, { planId: 'beta', doc: p2.doc }], '2026-Q4');
    expect(overview.rows.map((r) => r.title)).toEqual(['Alpha', 'Beta']);
    expect(overview.rows[1]?.kpis.find((k) => k.kpi === 'conversion')?.actual).toBeNull();
    expect(overview.total.find((k) => k.kpi === 'conversion')?.actual).toBeCloseTo(0.1);
    expect(overview.total.find((k) => k.kpi === 'leads')).toMatchObject({ actual: 100, target: 1500 });
    expect(overview.total.find((k) => k.kpi === 'conversion')?.target).toBeNull();
  });

  it('reads past anything a broken peer wrote into the kpis root', () => {
    const { doc, ctx } = plan();
    setActual(doc, ctx, 'leads', '2026-W48', 3);
    const raw = doc.getMap<unknown>(ROOTS.kpis);
    raw.set('actual#leads#2026-W99', { value: 5 });
    raw.set('actual#bogus#2026-W48', { value: 5 });
    raw.set('actual#revenue#2026-W48', { value: 'lots' });
    raw.set('actual#revenue#2026-W47', { value: Number.POSITIVE_INFINITY });
    raw.set('target#leads#2026-Q4', 'x');
    raw.set('rating#r1', { week: '2026-W48', score: 11 });
    raw.set('sign#x', null);
    raw.set('change#c', { kpi: 'nope' });
    raw.set('weird', new Y.Map());
    raw.set('currency', 'euro');
    const view = readScorecard(doc);
    expect(view.actuals.map((a) => a.value)).toEqual([3]);
    expect(view.skipped).toBe(9);
    expect(view.currency).toBe('EUR');
    expect(kpiSeries(view, 'roiAds')).toEqual([{ week: '2026-W48', actual: null, target: null }]);
  });
});

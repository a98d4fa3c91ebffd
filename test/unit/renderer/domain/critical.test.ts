import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { changeStage, confirmConflict, createPlan, readPlan, setTargetDate, addMilestone, updateMilestone } from '../../../../renderer/domain';
import { label, testContext } from '../../../support/context';

function pair() {
  const a = { doc: new Y.Doc(), ctx: testContext('Ada') };
  const b = { doc: new Y.Doc(), ctx: testContext('Bo') };
  createPlan(a.doc, a.ctx, { planId: 'p', kind: 'launch', title: 'Plan', label });
  Y.applyUpdate(b.doc, Y.encodeStateAsUpdate(a.doc));
  const sync = () => {
    Y.applyUpdate(a.doc, Y.encodeStateAsUpdate(b.doc));
    Y.applyUpdate(b.doc, Y.encodeStateAsUpdate(a.doc));
  };
  return { a, b, sync };
}

describe('business-critical fields', () => {
  it('sequential edits are not a conflict', () => {
    const { a, b, sync } = pair();
    setTargetDate(a.doc, a.ctx, '2027-01-10');
    sync();
    setTargetDate(b.doc, b.ctx, '2027-01-20');
    sync();
    expect(readPlan(a.doc).conflicts).toEqual([]);
    expect(readPlan(a.doc).brief.targetDate).toBe('2027-01-20');
  });

  it('concurrent edits keep one value and show both until someone confirms', () => {
    const { a, b, sync } = pair();
    setTargetDate(a.doc, a.ctx, '2027-01-10');
    b.ctx.tick(5_000);
    setTargetDate(b.doc, b.ctx, '2027-02-01');
    sync();
    const viewA = readPlan(a.doc);
    const viewB = readPlan(b.doc);
    expect(viewA.brief.targetDate).toBe(viewB.brief.targetDate);
    expect(viewA.conflicts).toHaveLength(1);
    const conflict = viewA.conflicts[0];
    expect(conflict?.path).toBe('brief.targetDate');
    expect(conflict?.candidates.map((c) => [c.value, c.byName])).toEqual([
      ['2027-02-01', 'Bo'],
      ['2027-01-10', 'Ada'],
    ]);
    expect(confirmConflict(b.doc, b.ctx, 'brief.targetDate', '2027-01-10').ok).toBe(true);
    sync();
    expect(readPlan(a.doc).conflicts).toEqual([]);
    expect(readPlan(a.doc).brief.targetDate).toBe('2027-01-10');
    expect(confirmConflict(a.doc, a.ctx, 'brief.targetDate', '2027-01-10')).toMatchObject({ ok: false, error: { code: 'conflict/missing' } });
  });

  it('flags concurrent stage changes and milestone dates', () => {
    const { a, b, sync } = pair();
    const m = addMilestone(a.doc, a.ctx, { title: 'Fair', date: '2027-03-01', discipline: 'marketing', kind: 'campaign' });
    sync();
    if (!m.ok) throw new Error('no milestone');
    changeStage(a.doc, a.ctx, { stage: 'sales-review' });
    changeStage(b.doc, b.ctx, { stage: 'stopped' });
    updateMilestone(a.doc, a.ctx, m.value, { date: '2027-03-02' });
    updateMilestone(b.doc, b.ctx, m.value, { date: '2027-03-09' });
    sync();
    expect(readPlan(a.doc).conflicts.map((c) => c.path)).toEqual(['brief.stage', `milestones.${m.value}.date`]);
    expect(confirmConflict(a.doc, a.ctx, 'brief.stage', 'rollout')).toMatchObject({ ok: false, error: { code: 'stage/gate' } });
    expect(confirmConflict(a.doc, a.ctx, 'brief.stage', 'stopped').ok).toBe(true);
    expect(confirmConflict(a.doc, a.ctx, 'nonsense.path', 1)).toMatchObject({ ok: false });
    sync();
    expect(readPlan(b.doc).conflicts.map((c) => c.path)).toEqual([`milestones.${m.value}.date`]);
  });
});

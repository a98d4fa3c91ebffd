import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addMilestone,
  buildTimeline,
  changeStage,
  createPilot,
  createPlan,
  createUndoManager,
  readConflicts,
  readMilestones,
  readPilots,
  rescheduleTimelineItem,
  shiftTimelineItem,
} from '../../../../../renderer/domain';
import { label, testContext } from '../../../../support/context';

const ok = <T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T => {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};

function plans() {
  const ctx = testContext('Ada');
  const a = new Y.Doc();
  createPlan(a, ctx, { planId: 'a', kind: 'launch', title: 'Device', label });
  const b = new Y.Doc();
  createPlan(b, ctx, { planId: 'b', kind: 'campaign', title: 'Spring', label });
  const fair = ok(addMilestone(a, ctx, { title: 'Fair', date: '2027-03-01', discipline: 'marketing', kind: 'milestone' }));
  const flight = ok(addMilestone(b, ctx, { title: 'Ads', date: '2027-02-01', endDate: '2027-02-28', discipline: 'marketing', kind: 'campaign' }));
  addMilestone(b, ctx, { title: 'Handoff', date: '2027-03-10', discipline: 'sales', kind: 'milestone' });
  const pilot = ok(createPilot(a, ctx, { name: 'Pilot NL', start: '2027-02-15', end: '2027-04-15' }));
  changeStage(b, ctx, { stage: 'sales-review' });
  return { ctx, a, b, fair, flight, pilot };
}

describe('timeline', () => {
  it('gathers milestones, campaign flights and pilot periods of all plans, sorted by start', () => {
    const { a, b } = plans();
    const view = buildTimeline([{ planId: 'a', doc: a }, { planId: 'b', doc: b }]);
    expect(view.items.map((i) => [i.planTitle, i.kind, i.title, i.start, i.end, i.discipline])).toEqual([
      ['Spring', 'campaign', 'Ads', '2027-02-01', '2027-02-28', 'marketing'],
      ['Device', 'pilot', 'Pilot NL', '2027-02-15', '2027-04-15', 'sales'],
      ['Device', 'milestone', 'Fair', '2027-03-01', '2027-03-01', 'marketing'],
      ['Spring', 'milestone', 'Handoff', '2027-03-10', '2027-03-10', 'sales'],
    ]);
    // Template milestones have no date yet.
    expect(view.undated).toBe(7);
    expect(view.range).toEqual({ from: '2027-02-01', to: '2027-04-15' });
  });

  it('filters by plan, discipline, stage, kind and period', () => {
    const { a, b } = plans();
    const all = [{ planId: 'a', doc: a }, { planId: 'b', doc: b }];
    expect(buildTimeline(all, { planIds: ['b'] }).items.map((i) => i.title)).toEqual(['Ads', 'Handoff']);
    expect(buildTimeline(all, { disciplines: ['sales'] }).items.map((i) => i.title)).toEqual(['Pilot NL', 'Handoff']);
    expect(buildTimeline(all, { stages: ['sales-review'] }).items.map((i) => i.title)).toEqual(['Ads', 'Handoff']);
    expect(buildTimeline(all, { kinds: ['campaign', 'pilot'] }).items.map((i) => i.title)).toEqual(['Ads', 'Pilot NL']);
    expect(buildTimeline(all, { from: '2027-03-02', to: '2027-03-31' }).items.map((i) => i.title)).toEqual(['Pilot NL', 'Handoff']);
    expect(buildTimeline(all, { planIds: ['zzz'] })).toMatchObject({ items: [], range: null });
  });

  it('rescheduling moves start and end together, is one undo step, and is a critical edit', () => {
    const { ctx, a, b, flight, fair, pilot } = plans();
    const undoB = createUndoManager(b);
    ok(rescheduleTimelineItem(b, ctx, { kind: 'campaign', id: flight, start: '2027-02-01' }, '2027-02-08'));
    expect(readMilestones(b).items.find((m) => m.id === flight)).toMatchObject({ date: '2027-02-08', endDate: '2027-03-07' });
    undoB.undo();
    expect(readMilestones(b).items.find((m) => m.id === flight)).toMatchObject({ date: '2027-02-01', endDate: '2027-02-28' });

    const undoA = createUndoManager(a);
    ok(shiftTimelineItem(a, ctx, { kind: 'pilot', id: pilot }, -14));
    expect(readPilots(a).items[0]).toMatchObject({ start: '2027-02-01', end: '2027-04-01' });
    undoA.undo();
    expect(readPilots(a).items[0]).toMatchObject({ start: '2027-02-15', end: '2027-04-15' });
    ok(shiftTimelineItem(a, ctx, { kind: 'milestone', id: fair }, 3));
    expect(readMilestones(a).items.find((m) => m.id === fair)?.date).toBe('2027-03-04');
    expect(shiftTimelineItem(a, ctx, { kind: 'milestone', id: 'gone' }, 3)).toMatchObject({ ok: false, error: { code: 'milestone/missing' } });
    expect(shiftTimelineItem(a, ctx, { kind: 'milestone', id: fair }, 1.5)).toMatchObject({ ok: false, error: { code: 'timeline/bad-shift' } });
    expect(rescheduleTimelineItem(a, ctx, { kind: 'milestone', id: fair, start: '2027-03-04' }, 'soon')).toMatchObject({ ok: false, error: { code: 'date/invalid' } });
  });

  it('two people dragging the same milestone offline get a conflict to confirm', () => {
    const { ctx, a, fair } = plans();
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(a));
    const bo = testContext('Bo');
    shiftTimelineItem(a, ctx, { kind: 'milestone', id: fair }, 7);
    shiftTimelineItem(other, bo, { kind: 'milestone', id: fair }, -7);
    Y.applyUpdate(a, Y.encodeStateAsUpdate(other));
    expect(readConflicts(a).map((c) => c.path)).toEqual([`milestones.${fair}.date`]);
  });
});

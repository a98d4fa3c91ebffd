import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addMilestone, createPlan, readPlan, updateMilestone } from '../../../../../renderer/domain';
import { label, testContext } from '../../../../support/context';

describe('milestones store only what differs from the defaults', () => {
  it('a new milestone has no endDate or done entry, reads as open-ended and not done, and both can be set later', () => {
    const doc = new Y.Doc();
    const ctx = testContext();
    createPlan(doc, ctx, { planId: 'p', kind: 'launch', title: 'Plan', label });
    const added = addMilestone(doc, ctx, { title: 'Webinar', date: '2027-03-01', discipline: 'marketing', kind: 'milestone' });
    if (!added.ok) throw new Error(added.error.message);
    const entity = doc.getMap('milestones').get(added.value) as Y.Map<unknown>;
    expect(entity.has('endDate')).toBe(false);
    expect(entity.has('done')).toBe(false);
    const read = () => readPlan(doc).milestones.find((m) => m.id === added.value);
    expect(read()).toMatchObject({ title: 'Webinar', date: '2027-03-01', endDate: null, done: false });

    expect(updateMilestone(doc, ctx, added.value, { endDate: '2027-03-05', done: true }).ok).toBe(true);
    expect(read()).toMatchObject({ endDate: '2027-03-05', done: true });
  });

  it('keeps an end date given at creation', () => {
    const doc = new Y.Doc();
    const ctx = testContext();
    createPlan(doc, ctx, { planId: 'p', kind: 'launch', title: 'Plan', label });
    const added = addMilestone(doc, ctx, { title: 'Campaign flight', date: '2027-03-01', endDate: '2027-03-31', discipline: 'marketing', kind: 'campaign' });
    if (!added.ok) throw new Error(added.error.message);
    expect(readPlan(doc).milestones.find((m) => m.id === added.value)).toMatchObject({ endDate: '2027-03-31', done: false });
  });
});

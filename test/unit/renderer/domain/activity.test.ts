import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { ACTIVITY_KEEP, createPlan, readActivity } from '../../../../renderer/domain';
import { recordActivity } from '../../../../renderer/domain/activity';
import { label, testContext } from '../../../support/context';

function addMany(doc: Y.Doc, ctx: ReturnType<typeof testContext>, from: number, count: number): void {
  for (let i = from; i < from + count; i++) doc.transact(() => recordActivity(doc, ctx, 'activity.milestone.added', `Item ${i}`));
}

describe('activity feed size', () => {
  it('keeps the newest entries only, so a plan built item by item does not carry its whole making', () => {
    const doc = new Y.Doc();
    const ctx = testContext();
    createPlan(doc, ctx, { planId: 'p', kind: 'launch', title: 'Plan', label });
    addMany(doc, ctx, 0, ACTIVITY_KEEP * 2);
    const feed = doc.getArray('activity');
    expect(feed.length).toBeGreaterThanOrEqual(ACTIVITY_KEEP);
    expect(feed.length).toBeLessThan(ACTIVITY_KEEP + 300);
    const newest = readActivity(doc, 1)[0];
    expect(newest?.target).toBe(`Item ${ACTIVITY_KEEP * 2 - 1}`);
    // Everything readers ask for is still there.
    expect(readActivity(doc, ACTIVITY_KEEP)).toHaveLength(ACTIVITY_KEEP);
  });

  it('two peers trimming while apart converge and keep both sides’ newest entries', () => {
    const a = new Y.Doc();
    const ctxA = testContext('Ada');
    createPlan(a, ctxA, { planId: 'p', kind: 'launch', title: 'Plan', label });
    addMany(a, ctxA, 0, ACTIVITY_KEEP);
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    const ctxB = testContext('Bo');
    addMany(a, ctxA, 10_000, 400);
    addMany(b, ctxB, 20_000, 400);
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    expect(a.getArray('activity').toJSON()).toEqual(b.getArray('activity').toJSON());
    const targets = new Set(readActivity(a, ACTIVITY_KEEP).map((e) => e.target));
    expect(targets.has('Item 10399')).toBe(true);
    expect(targets.has('Item 20399')).toBe(true);
  });
});

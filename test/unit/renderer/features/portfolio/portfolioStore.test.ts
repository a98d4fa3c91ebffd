import { afterEach, describe, expect, it } from 'vitest';
import { addMilestone, buildTimeline, shiftTimelineItem, type CommandContext } from '../../../../../renderer/domain';
import { getPlan, type LockstepDB } from '../../../../../renderer/storage';
import { createPlanFromTemplate } from '../../../../../renderer/workspace/createPlan';
import { openPlanSession } from '../../../../../renderer/workspace/planSession';
import { createPortfolio, loadPlanDocReadOnly, type Portfolio } from '../../../../../renderer/features/portfolio/portfolioStore';
import { label } from '../../../../support/context';
import { useLockstepDB } from '../../../../support/lockstepDb';

const actor = { id: 'user-1', name: 'Sanne' };
let counter = 0;
const ctx = (): CommandContext => ({ actor, now: () => 1_700_000_000_000 + counter, newId: () => `id-${(counter += 1)}` });

const openDb = useLockstepDB('portfolio');
let db: LockstepDB;
const portfolios: Portfolio[] = [];

async function freshDb(): Promise<void> {
  db = await openDb();
}

/** A plan on disk with one dated milestone, written through a real session. */
async function planWithMilestone(title: string, milestone: string, date: string): Promise<{ id: string; title: string }> {
  const created = await createPlanFromTemplate({ db, actor, kind: 'campaign', title, label, ctx: ctx() });
  if (!created.ok) throw new Error(created.error.message);
  const opened = await openPlanSession({ db, planId: created.value.id, actor, ctx: ctx(), rowDelayMs: 1 });
  if (!opened.ok) throw new Error(opened.error.message);
  const added = addMilestone(opened.value.doc, opened.value.ctx, { title: milestone, date, discipline: 'marketing', kind: 'milestone' });
  if (!added.ok) throw new Error(added.error.message);
  await opened.value.dispose();
  return { id: created.value.id, title };
}

function portfolio(): Portfolio {
  const p = createPortfolio({ db, actor, ctx: ctx(), rowDelayMs: 1 });
  portfolios.push(p);
  return p;
}

const startOf = (p: Portfolio, title: string): string | undefined => buildTimeline(p.get().plans).items.find((i) => i.title === title)?.start;

afterEach(async () => {
  await Promise.all(portfolios.splice(0).map((p) => p.dispose()));
});

describe('portfolio', () => {
  it('reads every plan from disk and shows their dated items on one timeline', async () => {
    await freshDb();
    const a = await planWithMilestone('Meter Pro launch', 'Trade fair', '2026-12-01');
    const b = await planWithMilestone('Spring campaign', 'Webinar', '2026-12-10');
    const p = portfolio();
    expect(p.get().loaded).toBe(false);
    await p.load([a, b]);
    expect(p.get().loaded).toBe(true);
    expect(p.get().plans.map((x) => x.title)).toEqual(['Meter Pro launch', 'Spring campaign']);
    const items = buildTimeline(p.get().plans).items.filter((i) => i.title === 'Trade fair' || i.title === 'Webinar');
    expect(items.map((i) => [i.planTitle, i.title, i.start])).toEqual([
      ['Meter Pro launch', 'Trade fair', '2026-12-01'],
      ['Spring campaign', 'Webinar', '2026-12-10'],
    ]);
    expect(buildTimeline(p.get().plans, { planIds: [b.id] }).items.every((i) => i.planId === b.id)).toBe(true);
  });

  it('re-reads only the plans whose library row changed since the last load', async () => {
    await freshDb();
    const a = await planWithMilestone('Meter Pro launch', 'Trade fair', '2026-12-01');
    const b = await planWithMilestone('Spring campaign', 'Webinar', '2026-12-10');
    const p = portfolio();
    await p.load([{ ...a, updatedAt: 1 }, { ...b, updatedAt: 1 }]);
    const docOf = (id: string) => p.get().plans.find((x) => x.planId === id)?.doc;
    const [docA, docB] = [docOf(a.id), docOf(b.id)];
    expect(docA).toBeDefined();
    await p.load([{ ...a, updatedAt: 1 }, { ...b, updatedAt: 2 }]);
    expect(docOf(a.id)).toBe(docA);
    expect(docOf(b.id)).not.toBe(docB);
    expect(startOf(p, 'Webinar')).toBe('2026-12-10');
    // Without a row time the portfolio cannot tell, so it reads the plan again.
    await p.load([a, { ...b, updatedAt: 2 }]);
    expect(docOf(a.id)).not.toBe(docA);
    expect(startOf(p, 'Trade fair')).toBe('2026-12-01');
  });

  it('a move goes through the target plan’s session: saved to disk, undone and redone per step', async () => {
    await freshDb();
    const a = await planWithMilestone('Meter Pro launch', 'Trade fair', '2026-12-01');
    const b = await planWithMilestone('Spring campaign', 'Webinar', '2026-12-10');
    const p = portfolio();
    await p.load([a, b]);
    const webinar = buildTimeline(p.get().plans).items.find((i) => i.title === 'Webinar');
    if (!webinar) throw new Error('no webinar');
    const moved = await p.edit(b.id, (doc, c) => shiftTimelineItem(doc, c, webinar, 3));
    expect(moved.ok).toBe(true);
    expect(startOf(p, 'Webinar')).toBe('2026-12-13');
    expect(p.get().canUndo).toBe(true);
    await p.flush();
    expect(p.get().saving).toBe(false);
    // On disk, read by anyone else, before the portfolio closes.
    const onDisk = await loadPlanDocReadOnly(db, b.id);
    expect(buildTimeline([{ planId: b.id, doc: onDisk }]).items.find((i) => i.title === 'Webinar')?.start).toBe('2026-12-13');
    onDisk.destroy();
    // The library row follows (the plan was edited).
    const row = await getPlan(db, b.id);
    expect(row.ok && row.value && !row.value.corrupt ? row.value.updatedAt : 0).toBeGreaterThan(0);

    expect(p.undo()).toBe(true);
    expect(startOf(p, 'Webinar')).toBe('2026-12-10');
    expect(p.get().canUndo).toBe(false);
    expect(p.undo()).toBe(false);
    expect(p.redo()).toBe(true);
    expect(startOf(p, 'Webinar')).toBe('2026-12-13');
    // The other plan is untouched.
    expect(startOf(p, 'Trade fair')).toBe('2026-12-01');
    await p.dispose();
    portfolios.length = 0;
    const reopened = await loadPlanDocReadOnly(db, b.id);
    expect(buildTimeline([{ planId: b.id, doc: reopened }]).items.find((i) => i.title === 'Webinar')?.start).toBe('2026-12-13');
    reopened.destroy();
  });

  it('undoes moves in two plans in reverse order, each in its own plan', async () => {
    await freshDb();
    const a = await planWithMilestone('Meter Pro launch', 'Trade fair', '2026-12-01');
    const b = await planWithMilestone('Spring campaign', 'Webinar', '2026-12-10');
    const p = portfolio();
    await p.load([a, b]);
    const item = (title: string) => {
      const found = buildTimeline(p.get().plans).items.find((i) => i.title === title);
      if (!found) throw new Error(`no ${title}`);
      return found;
    };
    const fair = item('Trade fair');
    expect((await p.edit(a.id, (doc, c) => shiftTimelineItem(doc, c, fair, 7))).ok).toBe(true);
    const web = item('Webinar');
    expect((await p.edit(b.id, (doc, c) => shiftTimelineItem(doc, c, web, -2))).ok).toBe(true);
    expect([startOf(p, 'Trade fair'), startOf(p, 'Webinar')]).toEqual(['2026-12-08', '2026-12-08']);
    expect(p.undo()).toBe(true);
    expect([startOf(p, 'Trade fair'), startOf(p, 'Webinar')]).toEqual(['2026-12-08', '2026-12-10']);
    expect(p.undo()).toBe(true);
    expect([startOf(p, 'Trade fair'), startOf(p, 'Webinar')]).toEqual(['2026-12-01', '2026-12-10']);
  });

  it('refuses a move of an item that no longer exists, leaving nothing to undo', async () => {
    await freshDb();
    const a = await planWithMilestone('Meter Pro launch', 'Trade fair', '2026-12-01');
    const p = portfolio();
    await p.load([a]);
    const result = await p.edit(a.id, (doc, c) => shiftTimelineItem(doc, c, { kind: 'milestone', id: 'gone' }, 1));
    expect(result.ok).toBe(false);
    expect(p.get().canUndo).toBe(false);
  });

  it('reports a plan that is not in the library instead of throwing', async () => {
    await freshDb();
    const p = portfolio();
    await p.load([]);
    const result = await p.edit('missing', (doc, c) => shiftTimelineItem(doc, c, { kind: 'milestone', id: 'x' }, 1));
    expect(result.ok ? null : result.error.code).toBe('plan/not-found');
    expect(p.get().plans).toEqual([]);
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { createOffer, readInsights, type CommandContext } from '../../../../../renderer/domain';
import { captureIntoStoredPlan, readStoredPlanOffers } from '../../../../../renderer/features/insights/captureIntoPlan';
import { getPlan, type LockstepDB } from '../../../../../renderer/storage';
import { createPlanFromTemplate } from '../../../../../renderer/workspace/createPlan';
import { loadPlanDocReadOnly } from '../../../../../renderer/features/portfolio/portfolioStore';
import { openPlanSession } from '../../../../../renderer/workspace/planSession';
import { label } from '../../../../support/context';
import { useLockstepDB } from '../../../../support/lockstepDb';

const actor = { id: 'user-1', name: 'Sanne' };
let counter = 0;
const ctx = (): CommandContext => ({ actor, now: () => 1_800_000_000_000 + counter, newId: () => `id-${(counter += 1)}` });

const openDb = useLockstepDB('capture');
let db: LockstepDB;
const docs: Y.Doc[] = [];

async function freshDb(): Promise<void> {
  db = await openDb();
}

async function storedPlan(title: string): Promise<string> {
  const created = await createPlanFromTemplate({ db, actor, kind: 'campaign', title, label, ctx: ctx() });
  if (!created.ok) throw new Error(created.error.message);
  return created.value.id;
}

async function readBack(planId: string) {
  const doc = await loadPlanDocReadOnly(db, planId);
  docs.push(doc);
  return readInsights(doc).items;
}

afterEach(() => {
  for (const d of docs.splice(0)) d.destroy();
});

describe('capturing into a plan that is not open', () => {
  it('writes through the domain command into that plan’s stored document, and nowhere else', async () => {
    await freshDb();
    const target = await storedPlan('Spring campaign');
    const other = await storedPlan('Meter Pro launch');
    const before = await getPlan(db, target);
    counter += 10;
    const result = await captureIntoStoredPlan({
      db,
      planId: target,
      actor,
      ctx: ctx(),
      rowDelayMs: 1,
      input: { type: 'objection', text: 'Too expensive for small sites', source: 'visit', competitor: 'Acme' },
    });
    expect(result.ok).toBe(true);
    const items = await readBack(target);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ id: result.ok ? result.value : '', text: 'Too expensive for small sites', competitor: 'Acme', authorName: 'Sanne' });
    expect(await readBack(other)).toEqual([]);
    // The library row follows the document, as for any edit (it is stamped with the wall clock).
    const updatedAt = (r: Awaited<ReturnType<typeof getPlan>>): number | null => (r.ok && r.value && !r.value.corrupt ? r.value.updatedAt : null);
    expect(updatedAt(before)).not.toBeNull();
    expect(updatedAt(await getPlan(db, target))).not.toBe(updatedAt(before));
  });

  it('shows the insight at once in a copy of the plan held open elsewhere (the portfolio), outside its undo', async () => {
    await freshDb();
    const target = await storedPlan('Spring campaign');
    const held = await openPlanSession({ db, planId: target, actor, ctx: ctx(), rowDelayMs: 1 });
    if (!held.ok) throw new Error(held.error.message);
    try {
      const result = await captureIntoStoredPlan({ db, planId: target, actor, ctx: ctx(), rowDelayMs: 1, input: { type: 'customer-quote', text: 'Installers love the app', source: 'call' } });
      expect(result.ok).toBe(true);
      expect(readInsights(held.value.doc).items.map((i) => i.text)).toContain('Installers love the app');
      expect(held.value.undoState().canUndo).toBe(false);
    } finally {
      await held.value.dispose();
    }
    expect((await readBack(target)).filter((i) => i.text === 'Installers love the app')).toHaveLength(1);
  });

  it('refuses bad input with the domain’s own error and stores nothing', async () => {
    await freshDb();
    const target = await storedPlan('Spring campaign');
    const result = await captureIntoStoredPlan({ db, planId: target, actor, ctx: ctx(), input: { type: 'objection', text: '   ', source: 'call' } });
    expect(result).toMatchObject({ ok: false, error: { code: 'insight/empty' } });
    expect(await readBack(target)).toEqual([]);
  });

  it('a plan that is gone, or a disk that fails, comes back as a plain-words error', async () => {
    await freshDb();
    const missing = await captureIntoStoredPlan({ db, planId: 'nope', actor, input: { type: 'objection', text: 'x', source: 'call' } });
    expect(missing).toMatchObject({ ok: false, error: { code: 'plan/not-found' } });

    const target = await storedPlan('Spring campaign');
    // The real session, but its save to IndexedDB fails.
    const failing = await captureIntoStoredPlan({
      db,
      planId: target,
      actor,
      input: { type: 'objection', text: 'Lead time too long', source: 'call' },
      open: async (options) => {
        const opened = await openPlanSession(options);
        if (!opened.ok) return opened;
        return { ok: true, value: { ...opened.value, flush: () => Promise.reject(new Error('QuotaExceededError: the disk is full')) } };
      },
    });
    expect(failing).toMatchObject({ ok: false, error: { code: 'insight/save-failed' } });
    expect(failing.ok ? '' : failing.error.message).toContain('disk is full');

    const throwing = await captureIntoStoredPlan({
      db,
      planId: target,
      actor,
      input: { type: 'objection', text: 'x', source: 'call' },
      open: () => Promise.reject(new Error('database closed')),
    });
    expect(throwing).toMatchObject({ ok: false, error: { code: 'insight/plan-unavailable' } });
  });

  it('lists the stored plan’s offers for linking, without writing', async () => {
    await freshDb();
    const target = await storedPlan('Spring campaign');
    const opened = await openPlanSession({ db, planId: target, actor, ctx: ctx(), rowDelayMs: 1 });
    if (!opened.ok) throw new Error(opened.error.message);
    const added = createOffer(opened.value.doc, opened.value.ctx, { name: 'Meter Pro bundle' });
    expect(added.ok).toBe(true);
    await opened.value.dispose();
    const rowsBefore = await db.docUpdates.count();
    expect((await readStoredPlanOffers(db, target)).map((o) => o.name)).toEqual(['Meter Pro bundle']);
    expect(await db.docUpdates.count()).toBe(rowsBefore);
    expect(await readStoredPlanOffers(db, 'nope')).toEqual([]);
  });
});

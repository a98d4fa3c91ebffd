import { afterEach, describe, expect, it } from 'vitest';
import { requestReview, type CommandContext } from '../../../../../renderer/domain';
import { getPlan, type LockstepDB, type PlanEntry } from '../../../../../renderer/storage';
import { useLockstepDB } from '../../../../support/lockstepDb';
import { createPlanFromTemplate } from '../../../../../renderer/workspace/createPlan';
import { openPlanSession, type PlanSession } from '../../../../../renderer/workspace/planSession';
import { homeStore, refreshHome } from '../../../../../renderer/features/home/homeStore';

const mia = { id: 'user-mia', name: 'Mia' };
const sam = { id: 'user-sam', name: 'Sam' };
let counter = 0;
const ctx = (): CommandContext => ({ actor: mia, now: () => 1_700_000_000_000 + counter, newId: () => `id-${(counter += 1)}` });

const openDb = useLockstepDB('home');
let db: LockstepDB;
const sessions: PlanSession[] = [];

async function freshDb(): Promise<void> {
  db = await openDb();
}

async function entryOf(planId: string): Promise<PlanEntry> {
  const entry = await getPlan(db, planId);
  if (!entry.ok || entry.value === null || entry.value.corrupt) throw new Error('plan row missing');
  return entry.value;
}

afterEach(async () => {
  await Promise.all(sessions.splice(0).map((s) => s.dispose()));
});

describe('home inbox', () => {
  it('reads a plan open in the workspace from its live doc, including edits not yet on disk', async () => {
    await freshDb();
    const created = await createPlanFromTemplate({ db, actor: mia, kind: 'launch', title: 'Meter Pro', label: (k) => k, ctx: ctx() });
    if (!created.ok) throw new Error(created.error.message);
    const planId = created.value.id;
    // A long batch: the review request below stays in memory, so only the live doc has it.
    const opened = await openPlanSession({ db, planId, actor: mia, ctx: ctx(), persist: { batchMs: 60_000 } });
    if (!opened.ok) throw new Error(opened.error.message);
    sessions.push(opened.value);
    const requested = requestReview(opened.value.doc, opened.value.ctx, { target: { kind: 'brief' }, reviewers: [sam], dueDate: null });
    expect(requested.ok).toBe(true);
    expect(opened.value.saveStatus().state).toBe('saving');

    await refreshHome(db, [await entryOf(planId)], sam);
    expect(homeStore.get().view?.sales.waitingForReview.map((i) => [i.planId, i.planTitle])).toEqual([[planId, 'Meter Pro']]);

    // Closed again: the inbox reads the plan from disk, where dispose saved the request.
    await opened.value.dispose();
    sessions.length = 0;
    await refreshHome(db, [await entryOf(planId)], sam);
    expect(homeStore.get().view?.counts.waitingForReview).toBe(1);
  });
});

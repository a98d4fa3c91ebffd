/**
 * Injected into the app's own origin to write a large plan straight into its IndexedDB through
 * Lockstep's storage and domain layers (the same code the app uses), so the benchmark can then
 * open it from disk like a user would.
 */
import * as Y from 'yjs';
import { addMilestone, createPlan, readPlan, type CommandContext } from '../../../renderer/domain';
import { captureInsight } from '../../../renderer/domain/insights/commands';
import { createOffer } from '../../../renderer/domain/offers/commands';
import { openLockstepDB, persistDoc, putPlanMeta } from '../../../renderer/storage';

const ctx: CommandContext = {
  actor: { id: 'bench', name: 'Bench' },
  now: () => Date.now(),
  newId: () => globalThis.crypto.randomUUID(),
};

const api = {
  async seedLargePlan(each: number): Promise<{ planId: string; title: string; bytes: number; counts: number[] }> {
    const opened = await openLockstepDB();
    if (!opened.ok) throw new Error(opened.error.message);
    const db = opened.value;
    const planId = globalThis.crypto.randomUUID();
    const title = `Large plan ${each}`;
    const doc = new Y.Doc();
    const persistence = persistDoc(db, planId, doc);
    await persistence.whenLoaded;
    createPlan(doc, ctx, { planId, kind: 'launch', title, label: (k) => k });
    for (let i = 0; i < each; i += 1) {
      createOffer(doc, ctx, { name: `Offer ${i}`, description: `Bundle ${i} for the benchmark` });
      captureInsight(doc, ctx, { type: 'objection', text: `Objection heard at visit ${i}`, source: 'visit' });
      addMilestone(doc, ctx, { title: `Milestone ${i}`, date: '2027-01-01', discipline: 'sales', kind: 'milestone' });
    }
    const put = await putPlanMeta(db, { id: planId, title, kind: 'launch' });
    if (!put.ok) throw new Error(put.error.message);
    await persistence.flush();
    await persistence.compact();
    await persistence.destroy();
    const view = readPlan(doc);
    return { planId, title, bytes: Y.encodeStateAsUpdate(doc).length, counts: [view.milestones.length] };
  },
};

export type PlanSeedApi = typeof api;
(globalThis as unknown as { lockstepPlanSeed: PlanSeedApi }).lockstepPlanSeed = api;

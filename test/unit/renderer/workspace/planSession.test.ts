import { afterEach, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { addSegment, changeStage, setBriefLine, setBriefText, type CommandContext } from '../../../../renderer/domain';
import { getPlan, type LockstepDB } from '../../../../renderer/storage';
import { putRow, rowCount } from '../../../storage/helpers';
import { createPlanFromTemplate } from '../../../../renderer/workspace/createPlan';
import { openPlanSession, type PlanSession } from '../../../../renderer/workspace/planSession';
import { isPlanOpening, openDocOf } from '../../../../renderer/workspace/openPlans';
import { label } from '../../../support/context';
import { useLockstepDB } from '../../../support/lockstepDb';

const actor = { id: 'user-1', name: 'Sanne' };
let counter = 0;
const ctx = (): CommandContext => ({ actor, now: () => 1_700_000_000_000 + counter, newId: () => `id-${(counter += 1)}` });

const openDb = useLockstepDB('plan-session');
let db: LockstepDB;
const sessions: PlanSession[] = [];

async function freshDb(): Promise<LockstepDB> {
  db = await openDb();
  return db;
}

async function newPlan(title = 'Sensor Kit 2'): Promise<string> {
  const created = await createPlanFromTemplate({ db, actor, kind: 'launch', title, label, ctx: ctx() });
  if (!created.ok) throw new Error(created.error.message);
  return created.value.id;
}

async function open(planId: string, extra: Partial<Parameters<typeof openPlanSession>[0]> = {}): Promise<PlanSession> {
  const opened = await openPlanSession({ db, planId, actor, ctx: ctx(), rowDelayMs: 5, ...extra });
  if (!opened.ok) throw new Error(opened.error.message);
  sessions.push(opened.value);
  return opened.value;
}

afterEach(async () => {
  await Promise.all(sessions.splice(0).map((s) => s.dispose()));
});

describe('plan sessions', () => {
  it('open a plan created from a template, entirely from disk', async () => {
    await freshDb();
    const planId = await newPlan();
    const session = await open(planId);
    const view = session.view();
    expect(view.brief.title).toBe('Sensor Kit 2');
    expect(view.phases.map((p) => p.name)).toEqual(['[phase.awareness]', '[phase.consideration]', '[phase.decision]', '[phase.onboarding]', '[phase.retention]']);
    expect(view.milestones.length).toBeGreaterThan(0);
    expect(session.loadReport.skipped).toEqual([]);
  });

  it('keeps every edit after dispose and reopen, and reports "saved" only after flushing', async () => {
    await freshDb();
    const planId = await newPlan();
    const session = await open(planId);
    const seen: string[] = [];
    session.onSaveStatus((s) => seen.push(s.state));
    setBriefText(session.doc, session.ctx, 'pain', 'Engineers re-type every measurement.');
    addSegment(session.doc, session.ctx, 'Grid operators');
    expect(session.saveStatus().state).toBe('saving');
    await session.flush();
    expect(session.saveStatus().state).toBe('saved');
    expect(seen).toContain('saving');
    await session.dispose();
    sessions.length = 0;

    const again = await open(planId);
    expect(again.view().brief.pain).toBe('Engineers re-type every measurement.');
    expect(again.view().segments.map((s) => s.name)).toEqual(['Grid operators']);
  });

  it('keeps the library row in step with the document', async () => {
    await freshDb();
    const planId = await newPlan('Old title');
    const session = await open(planId);
    setBriefLine(session.doc, session.ctx, 'title', 'New title');
    changeStage(session.doc, session.ctx, { stage: 'sales-review' });
    await session.flush();
    const row = await getPlan(db, planId);
    expect(row.ok && row.value && !row.value.corrupt ? [row.value.title, row.value.stage] : null).toEqual(['New title', 'sales-review']);
  });

  it('undoes only its own edits, one step at a time', async () => {
    await freshDb();
    const session = await open(await newPlan());
    expect(session.undoState()).toEqual({ canUndo: false, canRedo: false });
    addSegment(session.doc, session.ctx, 'A');
    session.stopCapturing();
    addSegment(session.doc, session.ctx, 'B');
    expect(session.undoState().canUndo).toBe(true);
    expect(session.undo()).toBe(true);
    expect(session.view().segments.map((s) => s.name)).toEqual(['A']);
    expect(session.redo()).toBe(true);
    expect(session.view().segments.map((s) => s.name)).toEqual(['A', 'B']);
  });

  it('skips an unreadable stored change, says so, and shows the rest', async () => {
    await freshDb();
    const planId = await newPlan();
    const first = await open(planId);
    setBriefText(first.doc, first.ctx, 'objective', '40 leads');
    await first.dispose();
    sessions.length = 0;
    await putRow(db, planId, 999_999, new Uint8Array([255, 1, 2, 3, 4]));

    const session = await open(planId);
    expect(session.loadReport.skipped).toHaveLength(1);
    expect(session.setAside).toBe(1);
    expect(session.view().brief.objective).toBe('40 leads');
    await session.dispose();
    sessions.length = 0;

    // A later opening still tells the person: the row stays set aside on disk.
    const later = await open(planId);
    expect(later.loadReport.skipped).toHaveLength(0);
    expect(later.setAside).toBe(1);
  });

  it('attaches sync only after the plan is loaded, and detaches it on dispose', async () => {
    await freshDb();
    const planId = await newPlan('Synced');
    const events: string[] = [];
    let attachedTitle = '';
    await open(planId, {
      attachSync: (doc: Y.Doc) => {
        attachedTitle = String(doc.getMap('brief').get('title'));
        events.push('attach');
        return { dispose: () => void events.push('dispose') };
      },
    });
    expect(attachedTitle).toBe('Synced');
    await sessions.pop()?.dispose();
    expect(events).toEqual(['attach', 'dispose']);
  });

  it('counts as opening until loaded, then offers its live doc to other readers until disposed', async () => {
    await freshDb();
    const planId = await newPlan();
    const opening = openPlanSession({ db, planId, actor, ctx: ctx(), rowDelayMs: 5 });
    expect(isPlanOpening()).toBe(true);
    const opened = await opening;
    if (!opened.ok) throw new Error(opened.error.message);
    expect(isPlanOpening()).toBe(false);
    expect(openDocOf(planId)).toBe(opened.value.doc);
    await opened.value.dispose();
    expect(openDocOf(planId)).toBeUndefined();
    const missing = await openPlanSession({ db, planId: 'missing', actor });
    expect(missing.ok).toBe(false);
    expect(isPlanOpening()).toBe(false);
  });

  it('hands out one read model per change, current after a burst of transactions', async () => {
    await freshDb();
    const session = await open(await newPlan());
    const first = session.view();
    expect(session.view()).toBe(first); // stable while nothing changes (useSyncExternalStore needs that)
    let told = 0;
    const stop = session.subscribe(() => (told += 1));
    for (const objective of ['10 leads', '20 leads', '30 leads']) setBriefText(session.doc, session.ctx, 'objective', objective);
    session.doc.transact(() => undefined); // a transaction that changed nothing
    expect(told).toBe(3);
    const latest = session.view();
    expect(latest).not.toBe(first);
    expect(latest.brief.objective).toBe('30 leads');
    expect(session.view()).toBe(latest);
    stop();
  });

  it('refuses plans that are not in the library', async () => {
    await freshDb();
    const opened = await openPlanSession({ db, planId: 'missing', actor });
    expect(opened.ok ? null : opened.error.code).toBe('plan/not-found');
  });

  it('leaves the stored changes of a plan no longer in the library as they are', async () => {
    await freshDb();
    const planId = await newPlan();
    const first = await open(planId);
    await first.flush();
    for (let i = 0; i < 3; i += 1) {
      addSegment(first.doc, first.ctx, `Segment ${i}`);
      await first.flush();
    }
    await first.dispose();
    sessions.splice(0);
    const rowsOf = () => rowCount(db, planId);
    expect(await rowsOf()).toBeGreaterThan(1);

    // Stored changes left behind by a plan whose library row is gone stay as they are.
    await db.plans.delete(planId);
    const refused = await openPlanSession({ db, planId, actor });
    expect(refused.ok ? null : refused.error.code).toBe('plan/not-found');
    expect(await rowsOf()).toBeGreaterThan(1);
  });

  it('compacts on open once the plan is confirmed in the library', async () => {
    await freshDb();
    const planId = await newPlan();
    const first = await open(planId);
    for (let i = 0; i < 3; i += 1) {
      addSegment(first.doc, first.ctx, `Segment ${i}`);
      await first.flush();
    }
    await first.dispose();
    sessions.splice(0);
    const session = await open(planId);
    await session.flush();
    expect(await rowCount(db, planId)).toBe(1);
    expect(session.view().segments.map((s) => s.name)).toEqual(expect.arrayContaining(['Segment 0', 'Segment 1', 'Segment 2']));
  });
});

import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addMilestone,
  addPhase,
  addSegment,
  changeStage,
  createPlan,
  createUndoManager,
  readPlan,
  removePhase,
  removeSegment,
  renameSegment,
  setBriefLine,
  setBriefText,
  setJourneyCell,
  setSegmentText,
  setTargetDate,
  TEMPLATES,
  updateMilestone,
} from '../../../../renderer/domain';
import { label, testContext } from '../../../support/context';

function newPlan(kind: 'launch' | 'campaign' | 'offer-change' = 'launch') {
  const doc = new Y.Doc();
  const ctx = testContext();
  createPlan(doc, ctx, { planId: 'plan-1', kind, title: 'Device launch', label });
  return { doc, ctx };
}

describe('createPlan', () => {
  it('seeds brief, five phases and the template milestones', () => {
    for (const kind of ['launch', 'campaign', 'offer-change'] as const) {
      const { doc } = newPlan(kind);
      const view = readPlan(doc);
      expect(view.meta.planId).toBe('plan-1');
      expect(view.brief).toMatchObject({ title: 'Device launch', kind, stage: 'draft', owner: 'Ada' });
      expect(view.phases.map((p) => p.name)).toEqual(['[phase.awareness]', '[phase.consideration]', '[phase.decision]', '[phase.onboarding]', '[phase.retention]']);
      expect(view.milestones.map((m) => m.title)).toEqual(TEMPLATES[kind].milestones.map((m) => `[template.milestone.${m.key}]`));
      expect(view.issues).toEqual([]);
    }
  });

  it('falls back to an untitled label for a blank title', () => {
    const doc = new Y.Doc();
    createPlan(doc, testContext(), { planId: 'p', kind: 'campaign', title: '   ', label });
    expect(readPlan(doc).brief.title).toBe('[plan.untitled]');
  });
});

describe('brief commands', () => {
  it('writes long texts as mergeable text and validates lines', () => {
    const { doc, ctx } = newPlan();
    expect(setBriefText(doc, ctx, 'pain', 'Field teams lose leads').ok).toBe(true);
    expect(setBriefText(doc, ctx, 'pain', 'Field teams lose hot leads').ok).toBe(true);
    expect(readPlan(doc).brief.pain).toBe('Field teams lose hot leads');
    expect(setBriefLine(doc, ctx, 'title', '  ')).toMatchObject({ ok: false, error: { code: 'brief/title-empty' } });
    expect(setBriefLine(doc, ctx, 'title', 'x'.repeat(201))).toMatchObject({ ok: false, error: { code: 'brief/too-long' } });
    expect(setBriefText(doc, ctx, 'objective', 'y'.repeat(20_001)).ok).toBe(false);
    expect(setBriefLine(doc, ctx, 'owner', 'Mia\nde Vries').ok).toBe(true);
    expect(readPlan(doc).brief.owner).toBe('Mia de Vries');
  });

  it('merges concurrent typing in the same long field character by character', () => {
    const a = newPlan();
    const b = { doc: new Y.Doc(), ctx: testContext('Bo') };
    setBriefText(a.doc, a.ctx, 'pain', 'lost leads');
    Y.applyUpdate(b.doc, Y.encodeStateAsUpdate(a.doc));
    setBriefText(a.doc, a.ctx, 'pain', 'many lost leads');
    setBriefText(b.doc, b.ctx, 'pain', 'lost leads daily');
    Y.applyUpdate(a.doc, Y.encodeStateAsUpdate(b.doc));
    Y.applyUpdate(b.doc, Y.encodeStateAsUpdate(a.doc));
    expect(readPlan(a.doc).brief.pain).toBe('many lost leads daily');
    expect(readPlan(b.doc).brief.pain).toBe('many lost leads daily');
  });

  it('rejects impossible dates', () => {
    const { doc, ctx } = newPlan();
    expect(setTargetDate(doc, ctx, '2026-02-31').ok).toBe(false);
    expect(setTargetDate(doc, ctx, 'tomorrow').ok).toBe(false);
    expect(setTargetDate(doc, ctx, '2026-11-23').ok).toBe(true);
    expect(readPlan(doc).brief.targetDate).toBe('2026-11-23');
  });
});

describe('stage gate', () => {
  it('blocks rollout without a go pilot, allows an override with a reason that stays visible', () => {
    const { doc, ctx } = newPlan();
    expect(changeStage(doc, ctx, { stage: 'sales-review' }).ok).toBe(true);
    expect(changeStage(doc, ctx, { stage: 'rollout' })).toMatchObject({ ok: false, error: { code: 'stage/gate' } });
    expect(changeStage(doc, ctx, { stage: 'rollout', overrideReason: '   ' }).ok).toBe(false);
    expect(readPlan(doc).brief.stage).toBe('sales-review');
    expect(changeStage(doc, ctx, { stage: 'rollout', overrideReason: 'Board decided to skip the pilot' }).ok).toBe(true);
    const brief = readPlan(doc).brief;
    expect(brief.stage).toBe('rollout');
    expect(brief.rolloutOverride).toMatchObject({ reason: 'Board decided to skip the pilot', byName: 'Ada' });
    expect(brief.gateViolation).toBe(false);
  });

  it('passes with a pilot decided go', () => {
    const { doc, ctx } = newPlan();
    const pilot = new Y.Map<unknown>();
    pilot.set('decision', 'go');
    doc.getMap('pilots').set('p1', pilot);
    expect(changeStage(doc, ctx, { stage: 'rollout' }).ok).toBe(true);
    expect(readPlan(doc).brief.rolloutOverride).toBeNull();
  });

  it('flags a rollout a peer wrote past the gate', () => {
    const { doc } = newPlan();
    doc.getMap('brief').set('stage', 'rollout');
    const view = readPlan(doc);
    expect(view.brief.gateViolation).toBe(true);
    expect(view.issues).toContainEqual({ code: 'read.gate-violation' });
  });
});

describe('segments, journey and milestones', () => {
  it('adds, edits, orders and removes segments', () => {
    const { doc, ctx } = newPlan();
    const smb = addSegment(doc, ctx, 'SMB manufacturers');
    const ent = addSegment(doc, ctx, 'Enterprise');
    expect(addSegment(doc, ctx, ' ').ok).toBe(false);
    if (!smb.ok || !ent.ok) throw new Error('segments not added');
    setSegmentText(doc, ctx, smb.value, 'pains', 'Manual calibration');
    renameSegment(doc, ctx, ent.value, 'Large enterprise');
    let view = readPlan(doc);
    expect(view.segments.map((s) => s.name)).toEqual(['SMB manufacturers', 'Large enterprise']);
    expect(view.segments[0]?.pains).toBe('Manual calibration');
    removeSegment(doc, ctx, smb.value);
    view = readPlan(doc);
    expect(view.segments.map((s) => s.id)).toEqual([ent.value]);
    expect(removeSegment(doc, ctx, smb.value)).toMatchObject({ ok: false, error: { code: 'segment/missing' } });
    expect(setSegmentText(doc, ctx, smb.value, 'pains', 'x')).toMatchObject({ ok: false, error: { code: 'segment/missing' } });
  });

  it('fills the journey grid and removes a phase with its cells', () => {
    const { doc, ctx } = newPlan();
    const phase = readPlan(doc).phases[2];
    if (!phase) throw new Error('no phase');
    expect(setJourneyCell(doc, ctx, phase.id, 'sales', 'handoff', 'Lead scored ≥ 60 and budget confirmed').ok).toBe(true);
    expect(setJourneyCell(doc, ctx, phase.id, 'sales', 'owner', 'Sales lead').ok).toBe(true);
    expect(readPlan(doc).journey[phase.id]?.sales).toEqual({ owner: 'Sales lead', activities: '', handoff: 'Lead scored ≥ 60 and budget confirmed' });
    const added = addPhase(doc, ctx, 'Advocacy');
    expect(added.ok).toBe(true);
    expect(readPlan(doc).phases.at(-1)?.name).toBe('Advocacy');
    removePhase(doc, ctx, phase.id);
    expect(readPlan(doc).journey[phase.id]).toBeUndefined();
    expect(doc.getMap('journey').has(`${phase.id}|sales`)).toBe(false);
    expect(setJourneyCell(doc, ctx, phase.id, 'sales', 'owner', 'x').ok).toBe(false);
  });

  it('validates milestone dates and sorts by date', () => {
    const { doc, ctx } = newPlan();
    const late = addMilestone(doc, ctx, { title: 'Fair', date: '2027-03-01', discipline: 'marketing', kind: 'campaign', endDate: '2027-03-05' });
    const early = addMilestone(doc, ctx, { title: 'Kick-off', date: '2026-12-01', discipline: 'sales', kind: 'milestone' });
    expect(late.ok && early.ok).toBe(true);
    expect(addMilestone(doc, ctx, { title: 'Bad', date: '2027-03-05', endDate: '2027-03-01', discipline: 'sales', kind: 'campaign' }).ok).toBe(false);
    const dated = readPlan(doc).milestones.filter((m) => m.date !== null).map((m) => m.title);
    expect(dated).toEqual(['Kick-off', 'Fair']);
    if (!early.ok) throw new Error('unreachable');
    expect(updateMilestone(doc, ctx, early.value, { date: '2027-04-01' }).ok).toBe(true);
    expect(readPlan(doc).milestones.filter((m) => m.date !== null).map((m) => m.title)).toEqual(['Fair', 'Kick-off']);
  });
});

describe('undo', () => {
  it('undoes only local edits, never a colleague’s', () => {
    const a = newPlan();
    const b = { doc: new Y.Doc(), ctx: testContext('Bo') };
    Y.applyUpdate(b.doc, Y.encodeStateAsUpdate(a.doc));
    const undo = createUndoManager(a.doc);
    setBriefLine(a.doc, a.ctx, 'owner', 'Ada Local');
    undo.stopCapturing();
    addSegment(b.doc, b.ctx, 'Remote segment');
    Y.applyUpdate(a.doc, Y.encodeStateAsUpdate(b.doc), 'remote');
    undo.undo();
    const view = readPlan(a.doc);
    expect(view.brief.owner).toBe('Ada');
    expect(view.segments.map((s) => s.name)).toEqual(['Remote segment']);
    undo.redo();
    expect(readPlan(a.doc).brief.owner).toBe('Ada Local');
  });
});

describe('first edits from two peers at once', () => {
  it('keep both peers’ text in brief, segment and journey fields', () => {
    const a = newPlan();
    const seg = addSegment(a.doc, a.ctx, 'SMB');
    if (!seg.ok) throw new Error('no segment');
    const b = { doc: new Y.Doc(), ctx: testContext('Bo') };
    Y.applyUpdate(b.doc, Y.encodeStateAsUpdate(a.doc));
    const phaseId = readPlan(a.doc).phases[0]?.id ?? '';
    setBriefText(a.doc, a.ctx, 'objective', 'AAA');
    setBriefText(b.doc, b.ctx, 'objective', 'BBB');
    setSegmentText(a.doc, a.ctx, seg.value, 'pains', 'aaa');
    setSegmentText(b.doc, b.ctx, seg.value, 'pains', 'bbb');
    setJourneyCell(a.doc, a.ctx, phaseId, 'support', 'activities', 'A-act');
    setJourneyCell(b.doc, b.ctx, phaseId, 'support', 'activities', 'B-act');
    Y.applyUpdate(a.doc, Y.encodeStateAsUpdate(b.doc));
    Y.applyUpdate(b.doc, Y.encodeStateAsUpdate(a.doc));
    const view = readPlan(a.doc);
    expect(view.brief.objective).toMatch(/^(AAABBB|BBBAAA)$/);
    expect(view.segments[0]?.pains).toMatch(/^(aaabbb|bbbaaa)$/);
    expect(view.journey[phaseId]?.support.activities).toMatch(/^(A-actB-act|B-actA-act)$/);
    expect(readPlan(b.doc)).toEqual(view);
  });
});

describe('activity feed', () => {
  it('records who changed what, coalescing a burst of typing into one entry', () => {
    const { doc, ctx } = newPlan();
    for (const text of ['P', 'Pa', 'Pai', 'Pain']) setBriefText(doc, ctx, 'pain', text);
    ctx.tick(61_000);
    setBriefText(doc, ctx, 'pain', 'Pain!');
    addSegment(doc, ctx, 'SMB');
    const actions = readPlan(doc).activity.map((a) => a.action);
    expect(actions).toEqual(['activity.segment.added', 'activity.brief.pain', 'activity.brief.pain', 'activity.plan-created']);
    expect(readPlan(doc).activity[0]).toMatchObject({ byName: 'Ada', target: 'SMB' });
  });
});

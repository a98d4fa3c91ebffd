import { describe, expect, it } from 'vitest';
import {
  addCohortMember,
  addCriterion,
  changeStage,
  confirmConflict,
  createOffer,
  createPilot,
  decidePilot,
  pilotPhase,
  readConflicts,
  readPilots,
  readPlan,
  recordResult,
  removePilot,
  setPilotLearnings,
  setPilotLink,
  updateCriterion,
  updatePilot,
  weekOf,
} from '../../../../../renderer/domain';
import { must, newPlan, team } from '../offers/helpers';

const pilotOf = (doc: Parameters<typeof readPilots>[0], id: string) => {
  const pilot = readPilots(doc).items.find((p) => p.id === id);
  if (!pilot) throw new Error('pilot not readable');
  return pilot;
};

describe('pilots', () => {
  it('holds linked offers, cohort, period, criteria, weekly results and learnings', () => {
    const { doc, ctx } = newPlan();
    const offerId = must(createOffer(doc, ctx, { name: 'Meter bundle' }));
    const id = must(createPilot(doc, ctx, { name: 'Benelux labs pilot', offerIds: [offerId], start: '2027-01-04', end: '2027-02-26' }));
    must(setPilotLink(doc, ctx, id, 'segments', 'seg-labs', true));
    must(setPilotLink(doc, ctx, id, 'regions', '  Benelux ', true));
    must(addCohortMember(doc, ctx, id, { kind: 'rep', name: 'Sam', profileId: 'sam-id' }));
    must(addCohortMember(doc, ctx, id, { kind: 'account', name: 'Hospital X' }));
    const conv = must(addCriterion(doc, ctx, id, { metric: 'Lead-to-opportunity conversion', comparison: 'gte', target: 25, unit: '%' }));
    const cycle = must(addCriterion(doc, ctx, id, { metric: 'Sales cycle', comparison: 'lte', target: 30, unit: 'days' }));
    must(recordResult(doc, ctx, id, conv, '2027-01-06', 18));
    must(recordResult(doc, ctx, id, conv, '2027-01-13', 27));
    must(recordResult(doc, ctx, id, cycle, '2027-01-13', 41));
    must(setPilotLearnings(doc, ctx, id, 'Labs need a financing option.'));
    const pilot = pilotOf(doc, id);
    expect(pilot).toMatchObject({ name: 'Benelux labs pilot', offerIds: [offerId], segmentIds: ['seg-labs'], regions: ['Benelux'], start: '2027-01-04', end: '2027-02-26', learnings: 'Labs need a financing option.', decision: null, current: null });
    expect(pilot.cohort.map((m) => [m.kind, m.name, m.profileId])).toEqual([
      ['rep', 'Sam', 'sam-id'],
      ['account', 'Hospital X', ''],
    ]);
    expect(pilot.weeks).toEqual(['2027-01-04', '2027-01-11']);
    expect(pilot.criteria.map((c) => [c.metric, c.latest?.value, c.state])).toEqual([
      ['Lead-to-opportunity conversion', 27, 'met'],
      ['Sales cycle', 41, 'not-met'],
    ]);
    expect(pilot.met).toBe(1);
    must(updateCriterion(doc, ctx, id, cycle, { target: 45 }));
    expect(pilotOf(doc, id).met).toBe(2);
    must(recordResult(doc, ctx, id, cycle, '2027-01-13', null));
    expect(pilotOf(doc, id).criteria[1]?.state).toBe('no-data');
  });

  it('validates pilot input', () => {
    const { doc, ctx } = newPlan();
    expect(createPilot(doc, ctx, { name: ' ' })).toMatchObject({ ok: false, error: { code: 'pilot/name-empty' } });
    expect(createPilot(doc, ctx, { name: 'P', start: '2027-02-01', end: '2027-01-01' })).toMatchObject({ ok: false, error: { code: 'pilot/end-before-start' } });
    const id = must(createPilot(doc, ctx, { name: 'P', start: '2027-02-01' }));
    expect(updatePilot(doc, ctx, id, { end: '2027-01-01' })).toMatchObject({ ok: false, error: { code: 'pilot/end-before-start' } });
    expect(addCriterion(doc, ctx, id, { metric: 'Win rate', comparison: 'gte', target: Number.NaN })).toMatchObject({ ok: false, error: { code: 'pilot/not-a-number' } });
    expect(addCriterion(doc, ctx, id, { metric: 'Win rate', comparison: 'gte', target: 1e13 })).toMatchObject({ ok: false, error: { code: 'pilot/too-large' } });
    expect(addCriterion(doc, ctx, id, { metric: 'Win rate', comparison: 'between' as never, target: 1 })).toMatchObject({ ok: false, error: { code: 'pilot/bad-comparison' } });
    const c = must(addCriterion(doc, ctx, id, { metric: 'Win rate', comparison: 'gte', target: 30 }));
    expect(recordResult(doc, ctx, id, c, '2027-13-01', 1)).toMatchObject({ ok: false, error: { code: 'date/invalid' } });
    expect(recordResult(doc, ctx, id, 'nope', '2027-01-01', 1)).toMatchObject({ ok: false, error: { code: 'pilot/criterion-missing' } });
    expect(decidePilot(doc, ctx, id, 'go', '   ')).toMatchObject({ ok: false, error: { code: 'pilot/rationale-missing' } });
    expect(decidePilot(doc, ctx, id, 'launch' as never, 'x')).toMatchObject({ ok: false, error: { code: 'pilot/bad-decision' } });
    expect(pilotOf(doc, id).decision).toBeNull();
    must(removePilot(doc, ctx, id));
    expect(decidePilot(doc, ctx, id, 'go', 'x')).toMatchObject({ ok: false, error: { code: 'pilot/missing' } });
  });

  it('knows its phase and weeks', () => {
    expect(weekOf('2027-01-06')).toBe('2027-01-04');
    expect(weekOf('2027-01-04')).toBe('2027-01-04');
    expect(weekOf('2027-01-10')).toBe('2027-01-04');
    const p = { decision: null, start: '2027-01-04', end: '2027-02-26' };
    expect(pilotPhase(p, '2027-01-01')).toBe('planned');
    expect(pilotPhase(p, '2027-01-04')).toBe('running');
    expect(pilotPhase(p, '2027-03-01')).toBe('ended');
    expect(pilotPhase({ ...p, decision: 'stop' }, '2027-01-05')).toBe('decided');
  });

  it('records every decision with who, when and why', () => {
    const { doc, ctx } = newPlan();
    const id = must(createPilot(doc, ctx, { name: 'P' }));
    must(decidePilot(doc, ctx, id, 'adjust', 'Conversion too low; add financing'));
    ctx.tick(1000);
    must(decidePilot(doc, ctx, id, 'go', 'Second round met every criterion'));
    const pilot = pilotOf(doc, id);
    expect(pilot.current).toMatchObject({ decision: 'go', rationale: 'Second round met every criterion', byName: 'Mia', at: ctx.now() });
    expect(pilot.decisions.map((d) => d.decision)).toEqual(['adjust', 'go']);
  });
});

describe('the rollout gate with real pilots', () => {
  it('blocks Rollout until a pilot is decided go, and closes again when the decision changes', () => {
    const { doc, ctx } = newPlan();
    must(changeStage(doc, ctx, { stage: 'pilot' }));
    const id = must(createPilot(doc, ctx, { name: 'P' }));
    expect(changeStage(doc, ctx, { stage: 'rollout' })).toMatchObject({ ok: false, error: { code: 'stage/gate' } });
    must(decidePilot(doc, ctx, id, 'adjust', 'Not yet'));
    expect(changeStage(doc, ctx, { stage: 'rollout' })).toMatchObject({ ok: false, error: { code: 'stage/gate' } });
    must(decidePilot(doc, ctx, id, 'stop', 'Does not sell'));
    expect(changeStage(doc, ctx, { stage: 'evaluation' })).toMatchObject({ ok: false, error: { code: 'stage/gate' } });
    must(decidePilot(doc, ctx, id, 'go', 'Met all criteria'));
    must(changeStage(doc, ctx, { stage: 'rollout' }));
    expect(readPlan(doc).brief).toMatchObject({ stage: 'rollout', rolloutOverride: null, gateViolation: false });
    // A later "stop" makes the rollout a visible gate violation instead of silently passing.
    must(decidePilot(doc, ctx, id, 'stop', 'Supply problem'));
    expect(readPlan(doc).brief.gateViolation).toBe(true);
    // Removing the only "go" pilot does the same.
    must(decidePilot(doc, ctx, id, 'go', 'Supply fixed'));
    must(removePilot(doc, ctx, id));
    expect(readPlan(doc).issues).toContainEqual({ code: 'read.gate-violation' });
  });

  it('allows an override with a written reason that stays visible, even with an undecided pilot', () => {
    const { doc, ctx } = newPlan();
    must(createPilot(doc, ctx, { name: 'P' }));
    expect(changeStage(doc, ctx, { stage: 'rollout', overrideReason: '  ' })).toMatchObject({ ok: false, error: { code: 'stage/gate' } });
    must(changeStage(doc, ctx, { stage: 'rollout', overrideReason: 'Contract with the distributor starts Monday' }));
    expect(readPlan(doc).brief.rolloutOverride).toMatchObject({ reason: 'Contract with the distributor starts Monday', byName: 'Mia' });
  });

  it('takes a go decided offline into account once it syncs', () => {
    const { mia, sam, sync } = team();
    const id = must(createPilot(mia.doc, mia.ctx, { name: 'P' }));
    sync();
    must(decidePilot(sam.doc, sam.ctx, id, 'go', 'Reps closed 4 of 5 deals'));
    expect(changeStage(mia.doc, mia.ctx, { stage: 'rollout' }).ok).toBe(false);
    sync();
    expect(changeStage(mia.doc, mia.ctx, { stage: 'rollout' }).ok).toBe(true);
  });

  it('shows concurrent decisions by two people as a conflict and resolves it with the kept rationale', () => {
    const { mia, sam, sync } = team();
    const id = must(createPilot(mia.doc, mia.ctx, { name: 'P' }));
    sync();
    must(decidePilot(mia.doc, mia.ctx, id, 'go', 'Numbers look good'));
    must(decidePilot(sam.doc, sam.ctx, id, 'stop', 'Customers refuse the software price'));
    sync();
    const pilotA = pilotOf(mia.doc, id);
    const pilotB = pilotOf(sam.doc, id);
    expect(pilotA.decision).toBe(pilotB.decision);
    // Who/why always belong to the decision that was kept, never a mix of both.
    expect(pilotA.current?.decision).toBe(pilotA.decision);
    expect(pilotA.current?.rationale).toBe(pilotA.decision === 'go' ? 'Numbers look good' : 'Customers refuse the software price');
    expect(pilotA.decisions.map((d) => d.decision).sort()).toEqual(['go', 'stop']);
    expect(pilotA.decisionConflict?.candidates.map((c) => [c.value, c.byName])).toEqual([
      ['stop', 'Sam'],
      ['go', 'Mia'],
    ]);
    must(confirmConflict(mia.doc, mia.ctx, `pilots.${id}.decision`, 'stop'));
    sync();
    expect(readConflicts(sam.doc)).toEqual([]);
    expect(pilotOf(sam.doc, id).current).toMatchObject({ decision: 'stop', rationale: 'Customers refuse the software price', byName: 'Mia' });
    expect(changeStage(sam.doc, sam.ctx, { stage: 'rollout' }).ok).toBe(false);
  });

  it('flags two people entering the same week concurrently', () => {
    const { mia, sam, sync } = team();
    const id = must(createPilot(mia.doc, mia.ctx, { name: 'P' }));
    const c = must(addCriterion(mia.doc, mia.ctx, id, { metric: 'Leads', comparison: 'gte', target: 10 }));
    sync();
    must(recordResult(mia.doc, mia.ctx, id, c, '2027-01-05', 12));
    must(recordResult(sam.doc, sam.ctx, id, c, '2027-01-07', 9));
    sync();
    const path = `pilots.${id}.results.${c}|2027-01-04`;
    expect(readConflicts(mia.doc).map((x) => [x.path, x.candidates.map((e) => e.value).sort()])).toEqual([[path, [12, 9]]]);
    must(confirmConflict(sam.doc, sam.ctx, path, 12));
    sync();
    expect(readConflicts(mia.doc)).toEqual([]);
    expect(pilotOf(mia.doc, id).criteria[0]?.latest?.value).toBe(12);
  });
});

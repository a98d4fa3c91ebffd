import * as Y from 'yjs';
import { err, ok, type Result } from '../../../shared/result';
import type { CommandContext } from '../context';
import { recordActivity } from '../activity';
import { insertEntity, nextOrder, patchEntity } from '../collection';
import { recordCriticalEdit } from '../critical';
import { asEntity } from '../docShape';
import { LIMITS } from '../schema';
import { writeText } from '../text';
import { transactLocal } from '../transact';
import { isIsoDate } from '../validate';
import {
  COHORT_KINDS,
  COMPARISONS,
  MAX_METRIC,
  PILOT_DECISIONS,
  PILOT_SETS,
  pilotsMap,
  resultKey,
  type CohortKind,
  type Comparison,
  type PilotDecision,
  type PilotSet,
} from './schema';

export const pilotPath = {
  decision: (pilotId: string) => `pilots.${pilotId}.decision`,
  start: (pilotId: string) => `pilots.${pilotId}.start`,
  end: (pilotId: string) => `pilots.${pilotId}.end`,
  result: (pilotId: string, criterionId: string, week: string) => `pilots.${pilotId}.results.${resultKey(criterionId, week)}`,
};

const line = (value: string): string => value.replace(/[\r\n]+/g, ' ').trim();

function withPilot(doc: Y.Doc, pilotId: string, fn: (pilot: Y.Map<unknown>) => Result<void>): Result<void> {
  const pilot = asEntity(pilotsMap(doc).get(pilotId));
  if (!pilot) return err('pilot/missing', 'This pilot was removed, perhaps by a colleague.');
  return transactLocal(doc, () => fn(pilot));
}

function sub(pilot: Y.Map<unknown>, key: string): Y.Map<unknown> | null {
  const value = pilot.get(key);
  return value instanceof Y.Map ? (value as Y.Map<unknown>) : null;
}

const damaged = (): Result<never> => err('pilot/damaged', 'This part of the pilot cannot be edited any more; create a new pilot.');

function checkPeriod(start: string | null | undefined, end: string | null | undefined): Result<void> {
  if (start != null && !isIsoDate(start)) return err('date/invalid', 'That is not a valid start date.');
  if (end != null && !isIsoDate(end)) return err('date/invalid', 'That is not a valid end date.');
  if (start != null && end != null && end < start) return err('pilot/end-before-start', 'The pilot ends before it starts.');
  return ok(undefined);
}

export interface NewPilot {
  name: string;
  offerIds?: string[];
  start?: string | null;
  end?: string | null;
}

/** Creates the pilot with every nested map and text up front (one creator, unique id). */
export function createPilot(doc: Y.Doc, ctx: CommandContext, input: NewPilot): Result<string> {
  const name = line(input.name);
  if (name === '') return err('pilot/name-empty', 'Give the pilot a name.');
  if (name.length > LIMITS.shortText) return err('pilot/too-long', 'Keep the name short.');
  const period = checkPeriod(input.start, input.end);
  if (!period.ok) return period;
  const id = ctx.newId();
  transactLocal(doc, () => {
    const pilots = pilotsMap(doc);
    const offers = new Y.Map<unknown>();
    for (const offerId of input.offerIds ?? []) if (offerId !== '' && offerId.length <= 100) offers.set(offerId, true);
    insertEntity(pilots, id, {
      name,
      start: input.start ?? null,
      end: input.end ?? null,
      learnings: new Y.Text(),
      decision: null,
      decisionRationale: '',
      decidedBy: '',
      decidedByName: '',
      decidedAt: 0,
      createdAt: ctx.now(),
      createdByName: ctx.actor.name,
      order: nextOrder(pilots),
      offers,
      segments: new Y.Map(),
      regions: new Y.Map(),
      cohort: new Y.Map(),
      criteria: new Y.Map(),
      results: new Y.Map(),
      decisions: new Y.Map(),
    });
    if (input.start) recordCriticalEdit(doc, ctx, pilotPath.start(id), input.start);
    if (input.end) recordCriticalEdit(doc, ctx, pilotPath.end(id), input.end);
    recordActivity(doc, ctx, 'activity.pilot.created', name);
  });
  return ok(id);
}

export function updatePilot(doc: Y.Doc, ctx: CommandContext, pilotId: string, patch: { name?: string; start?: string | null; end?: string | null }): Result<void> {
  if (patch.name !== undefined && (line(patch.name) === '' || line(patch.name).length > LIMITS.shortText)) return err('pilot/name-empty', 'Give the pilot a short name.');
  return withPilot(doc, pilotId, (pilot) => {
    const start = patch.start !== undefined ? patch.start : (pilot.get('start') as string | null | undefined) ?? null;
    const end = patch.end !== undefined ? patch.end : (pilot.get('end') as string | null | undefined) ?? null;
    const period = checkPeriod(patch.start !== undefined ? start : null, patch.end !== undefined ? end : null);
    if (!period.ok) return period;
    if (typeof start === 'string' && typeof end === 'string' && isIsoDate(start) && isIsoDate(end) && end < start) return err('pilot/end-before-start', 'The pilot ends before it starts.');
    const before = { start: pilot.get('start'), end: pilot.get('end') };
    const changed = patchEntity(pilot, { name: patch.name === undefined ? undefined : line(patch.name), start: patch.start, end: patch.end });
    if (patch.start !== undefined && before.start !== patch.start) recordCriticalEdit(doc, ctx, pilotPath.start(pilotId), patch.start);
    if (patch.end !== undefined && before.end !== patch.end) recordCriticalEdit(doc, ctx, pilotPath.end(pilotId), patch.end);
    if (changed) recordActivity(doc, ctx, 'activity.pilot.updated', String(pilot.get('name') ?? ''));
    return ok(undefined);
  });
}

/** Linked offers, segments and regions are sets keyed by id (or region name): adds merge. */
export function setPilotLink(doc: Y.Doc, ctx: CommandContext, pilotId: string, set: PilotSet, key: string, included: boolean): Result<void> {
  if (!PILOT_SETS.includes(set)) return err('pilot/bad-set', 'Unknown list.');
  const clean = set === 'regions' ? line(key) : key;
  if (clean === '' || clean.length > LIMITS.shortText) return err('pilot/bad-key', set === 'regions' ? 'Name the region.' : 'Unknown item.');
  return withPilot(doc, pilotId, (pilot) => {
    const target = sub(pilot, set);
    if (!target) return damaged();
    if (included && target.get(clean) !== true) target.set(clean, true);
    else if (!included && target.has(clean)) target.delete(clean);
    else return ok(undefined);
    recordActivity(doc, ctx, `activity.pilot.${set}-${included ? 'added' : 'removed'}`, clean);
    return ok(undefined);
  });
}

export interface CohortInput {
  kind: CohortKind;
  name: string;
  /** For reps who use Lockstep: their profile id, so the pilot shows up on their home. */
  profileId?: string;
}

export function addCohortMember(doc: Y.Doc, ctx: CommandContext, pilotId: string, input: CohortInput): Result<string> {
  if (!COHORT_KINDS.includes(input.kind)) return err('pilot/bad-kind', 'Choose a rep or an account.');
  const name = line(input.name);
  if (name === '' || name.length > LIMITS.shortText) return err('pilot/name-empty', 'Give a short name.');
  const id = ctx.newId();
  const done = withPilot(doc, pilotId, (pilot) => {
    const cohort = sub(pilot, 'cohort') as Y.Map<Y.Map<unknown>> | null;
    if (!cohort) return damaged();
    insertEntity(cohort, id, { kind: input.kind, name, profileId: input.profileId ?? '', order: nextOrder(cohort) });
    recordActivity(doc, ctx, 'activity.pilot.cohort-added', name);
    return ok(undefined);
  });
  return done.ok ? ok(id) : done;
}

export function removeCohortMember(doc: Y.Doc, ctx: CommandContext, pilotId: string, memberId: string): Result<void> {
  return withPilot(doc, pilotId, (pilot) => {
    const cohort = sub(pilot, 'cohort');
    if (!cohort?.has(memberId)) return err('pilot/member-missing', 'Already removed.');
    cohort.delete(memberId);
    recordActivity(doc, ctx, 'activity.pilot.cohort-removed', String(pilot.get('name') ?? ''));
    return ok(undefined);
  });
}

export interface CriterionInput {
  metric: string;
  comparison: Comparison;
  target: number;
  unit?: string;
}

function checkNumber(value: number, what: string): Result<void> {
  if (typeof value !== 'number' || !Number.isFinite(value)) return err('pilot/not-a-number', `The ${what} must be a number.`);
  if (Math.abs(value) > MAX_METRIC) return err('pilot/too-large', `The ${what} is too large to be real.`);
  return ok(undefined);
}

function checkCriterion(input: Partial<CriterionInput>): Result<Partial<CriterionInput>> {
  const out = { ...input };
  if (input.metric !== undefined) {
    out.metric = line(input.metric);
    if (out.metric === '' || out.metric.length > LIMITS.shortText) return err('pilot/metric-empty', 'Name what is measured.');
  }
  if (input.comparison !== undefined && !COMPARISONS.includes(input.comparison)) return err('pilot/bad-comparison', 'Choose "at least" or "at most".');
  if (input.target !== undefined) {
    const valid = checkNumber(input.target, 'target');
    if (!valid.ok) return valid;
  }
  if (input.unit !== undefined) out.unit = line(input.unit).slice(0, 40);
  return ok(out);
}

export function addCriterion(doc: Y.Doc, ctx: CommandContext, pilotId: string, input: CriterionInput): Result<string> {
  const checked = checkCriterion(input);
  if (!checked.ok) return checked;
  const id = ctx.newId();
  const done = withPilot(doc, pilotId, (pilot) => {
    const criteria = sub(pilot, 'criteria') as Y.Map<Y.Map<unknown>> | null;
    if (!criteria) return damaged();
    insertEntity(criteria, id, { unit: '', ...checked.value, order: nextOrder(criteria) });
    recordActivity(doc, ctx, 'activity.pilot.criterion-added', checked.value.metric ?? '');
    return ok(undefined);
  });
  return done.ok ? ok(id) : done;
}

export function updateCriterion(doc: Y.Doc, ctx: CommandContext, pilotId: string, criterionId: string, patch: Partial<CriterionInput>): Result<void> {
  const checked = checkCriterion(patch);
  if (!checked.ok) return checked;
  return withPilot(doc, pilotId, (pilot) => {
    const criterion = asEntity(sub(pilot, 'criteria')?.get(criterionId));
    if (!criterion) return err('pilot/criterion-missing', 'This criterion was removed, perhaps by a colleague.');
    if (patchEntity(criterion, checked.value)) recordActivity(doc, ctx, 'activity.pilot.criterion-updated', String(criterion.get('metric') ?? ''));
    return ok(undefined);
  });
}

export function removeCriterion(doc: Y.Doc, ctx: CommandContext, pilotId: string, criterionId: string): Result<void> {
  return withPilot(doc, pilotId, (pilot) => {
    const criteria = sub(pilot, 'criteria');
    if (!criteria?.has(criterionId)) return err('pilot/criterion-missing', 'Already removed.');
    criteria.delete(criterionId);
    recordActivity(doc, ctx, 'activity.pilot.criterion-removed', String(pilot.get('name') ?? ''));
    return ok(undefined);
  });
}

/** The Monday of the week a date falls in (results are per week). */
export function weekOf(isoDate: string): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  const shift = (date.getUTCDay() + 6) % 7;
  return new Date(date.getTime() - shift * 86_400_000).toISOString().slice(0, 10);
}

/**
 * Records the measured value of one criterion for one week (null clears it). Two people entering
 * the same week concurrently keep both values in the edit log and see a conflict to confirm.
 */
export function recordResult(doc: Y.Doc, ctx: CommandContext, pilotId: string, criterionId: string, date: string, value: number | null): Result<void> {
  if (!isIsoDate(date)) return err('date/invalid', 'That is not a valid week.');
  if (value !== null) {
    const valid = checkNumber(value, 'result');
    if (!valid.ok) return valid;
  }
  const week = weekOf(date);
  return withPilot(doc, pilotId, (pilot) => {
    const results = sub(pilot, 'results');
    if (!asEntity(sub(pilot, 'criteria')?.get(criterionId))) return err('pilot/criterion-missing', 'This criterion was removed, perhaps by a colleague.');
    if (!results) return damaged();
    const key = resultKey(criterionId, week);
    if (value === null) results.delete(key);
    else results.set(key, { value, byName: ctx.actor.name, by: ctx.actor.id, at: ctx.now() });
    recordCriticalEdit(doc, ctx, pilotPath.result(pilotId, criterionId, week), value);
    recordActivity(doc, ctx, 'activity.pilot.result', week);
    return ok(undefined);
  });
}

export function setPilotLearnings(doc: Y.Doc, ctx: CommandContext, pilotId: string, value: string): Result<void> {
  if (value.length > LIMITS.longText) return err('pilot/too-long', 'This text is too long.');
  return withPilot(doc, pilotId, (pilot) => {
    if (writeText(pilot, 'learnings', value)) recordActivity(doc, ctx, 'activity.pilot.learnings', String(pilot.get('name') ?? ''));
    return ok(undefined);
  });
}

/**
 * Decides the pilot: go (roll out), adjust (change and pilot again) or stop. A decision needs
 * a written rationale. The current decision sits on the pilot (the rollout gate reads it); every
 * decision is also kept in the pilot's decision log with who and when.
 */
export function decidePilot(doc: Y.Doc, ctx: CommandContext, pilotId: string, decision: PilotDecision, rationale: string): Result<void> {
  if (!PILOT_DECISIONS.includes(decision)) return err('pilot/bad-decision', 'Choose go, adjust or stop.');
  const why = rationale.trim();
  if (why === '') return err('pilot/rationale-missing', 'Write down why: the decision needs a rationale.');
  if (why.length > 2000) return err('pilot/too-long', 'Keep the rationale under 2000 characters.');
  return withPilot(doc, pilotId, (pilot) => {
    const log = sub(pilot, 'decisions');
    if (!log) return damaged();
    const at = ctx.now();
    patchEntity(pilot, { decision, decisionRationale: why, decidedBy: ctx.actor.id, decidedByName: ctx.actor.name, decidedAt: at });
    let seq = 0;
    log.forEach((entry) => {
      const seen = typeof entry === 'object' && entry !== null ? (entry as { seq?: unknown }).seq : undefined;
      if (typeof seen === 'number' && Number.isFinite(seen) && seen > seq) seq = seen;
    });
    log.set(ctx.newId(), { decision, rationale: why, by: ctx.actor.id, byName: ctx.actor.name, at, seq: seq + 1 });
    recordCriticalEdit(doc, ctx, pilotPath.decision(pilotId), decision);
    recordActivity(doc, ctx, `activity.pilot.decided.${decision}`, String(pilot.get('name') ?? ''));
    return ok(undefined);
  });
}

export function removePilot(doc: Y.Doc, ctx: CommandContext, pilotId: string): Result<void> {
  const pilots = pilotsMap(doc);
  const pilot = asEntity(pilots.get(pilotId));
  if (!pilot) return err('pilot/missing', 'This pilot was already removed.');
  transactLocal(doc, () => {
    pilots.delete(pilotId);
    recordActivity(doc, ctx, 'activity.pilot.removed', String(pilot.get('name') ?? ''));
  });
  return ok(undefined);
}

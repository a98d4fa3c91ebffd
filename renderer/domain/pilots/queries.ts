import type * as Y from 'yjs';
import { readConflicts, type CriticalConflict } from '../critical';
import { asEntity } from '../docShape';
import { pilotPath } from './commands';
import { pilotsMap, readPilotData, type Criterion, type DecisionRecord, type PilotData, type WeeklyResult } from './schema';

export type CriterionState = 'met' | 'not-met' | 'no-data';

export interface CriterionView extends Criterion {
  /** The latest week's result, which is what counts against the target. */
  latest: WeeklyResult | null;
  state: CriterionState;
  results: WeeklyResult[];
}

export type PilotPhase = 'planned' | 'running' | 'ended' | 'decided';

export interface PilotView extends Omit<PilotData, 'criteria'> {
  criteria: CriterionView[];
  /** The record behind the current decision (who, when, why), or null while undecided. */
  current: DecisionRecord | null;
  /** Concurrent decisions on this pilot waiting for a person to confirm one. */
  decisionConflict: CriticalConflict | null;
  met: number;
  /** Weeks (Mondays) that have at least one result, oldest first. */
  weeks: string[];
}

export function evaluateCriterion(criterion: Criterion, latest: WeeklyResult | null): CriterionState {
  if (!latest || latest.value === null || criterion.target === null) return 'no-data';
  const pass = criterion.comparison === 'gte' ? latest.value >= criterion.target : latest.value <= criterion.target;
  return pass ? 'met' : 'not-met';
}

export function toPilotView(data: PilotData, conflicts: readonly CriticalConflict[]): PilotView {
  const criteria = data.criteria.map((c): CriterionView => {
    const results = data.results.filter((r) => r.criterionId === c.id && r.value !== null);
    const latest = results[results.length - 1] ?? null;
    return { ...c, results, latest, state: evaluateCriterion(c, latest) };
  });
  // The decision and its rationale are separate keys; take who/why from the log entry that
  // matches the decision the document kept, so a merge never pairs one person's decision with
  // another's rationale.
  const current = data.decision ? ([...data.decisions].reverse().find((d) => d.decision === data.decision) ?? null) : null;
  const fallback: DecisionRecord | null =
    data.decision && !current ? { id: '', seq: 0, decision: data.decision, rationale: data.decisionRationale, by: data.decidedBy, byName: data.decidedByName, at: data.decidedAt } : null;
  return {
    ...data,
    criteria,
    current: current ?? fallback,
    decisionConflict: conflicts.find((c) => c.path === pilotPath.decision(data.id)) ?? null,
    met: criteria.filter((c) => c.state === 'met').length,
    weeks: [...new Set(data.results.map((r) => r.week))].sort(),
  };
}

export function readPilots(doc: Y.Doc): { items: PilotView[]; skipped: number } {
  const conflicts = readConflicts(doc);
  const items: PilotView[] = [];
  let skipped = 0;
  pilotsMap(doc).forEach((value, id) => {
    const entity = asEntity(value);
    const data = entity ? readPilotData(id, entity) : null;
    if (data) items.push(toPilotView(data, conflicts));
    else skipped += 1;
  });
  items.sort((a, b) => a.order - b.order || a.id.localeCompare(b.id));
  return { items, skipped: skipped + items.reduce((n, p) => n + p.skipped, 0) };
}

/** Where the pilot stands on `today` (ISO date). */
export function pilotPhase(pilot: Pick<PilotData, 'decision' | 'start' | 'end'>, today: string): PilotPhase {
  if (pilot.decision) return 'decided';
  if (pilot.start && today < pilot.start) return 'planned';
  if (pilot.end && today > pilot.end) return 'ended';
  return 'running';
}

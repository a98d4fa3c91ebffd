import type * as Y from 'yjs';
import { readActivity } from '../activity';
import { readCollection } from '../collection';
import { readConflicts, type CriticalConflict } from '../critical';
import {
  asEntity,
  briefMap,
  entityFields,
  journeyMap,
  metaMap,
  milestonesMap,
  phasesMap,
  segmentsMap,
} from '../docShape';
import {
  BriefSchema,
  DISCIPLINES,
  DOC_SCHEMA_VERSION,
  JourneyCellSchema,
  MilestoneSchema,
  PhaseSchema,
  SegmentSchema,
  type ActivityEntry,
  type Brief,
  type Discipline,
  type JourneyCell,
  type Milestone,
  type Phase,
  type Segment,
} from '../schema';
import { GATED_STAGES } from '../commands/stage';
import { hasGoPilot, readRolloutOverride, type RolloutOverride } from './gate';

/** A plain-words problem found while reading; `code` is an i18n key. */
export interface ReadIssue {
  code: string;
  count?: number;
}

export interface PlanMeta {
  planId: string;
  schemaVersion: number;
  createdAt: number;
  createdBy: string;
  /** The document was written by a newer Lockstep: we show what we can and say so. */
  newerSchema: boolean;
}

export function readMeta(doc: Y.Doc): PlanMeta {
  const meta = metaMap(doc);
  const version = meta.get('schemaVersion');
  const schemaVersion = typeof version === 'number' && Number.isInteger(version) && version > 0 ? version : DOC_SCHEMA_VERSION;
  const planId = meta.get('planId');
  const createdAt = meta.get('createdAt');
  const createdBy = meta.get('createdBy');
  return {
    planId: typeof planId === 'string' ? planId.slice(0, 100) : '',
    schemaVersion,
    createdAt: typeof createdAt === 'number' && Number.isFinite(createdAt) ? createdAt : 0,
    createdBy: typeof createdBy === 'string' ? createdBy.slice(0, 200) : '',
    newerSchema: schemaVersion > DOC_SCHEMA_VERSION,
  };
}

export interface BriefView extends Brief {
  rolloutOverride: RolloutOverride | null;
  /** Rollout or later without a "go" pilot and without an override: a peer skipped the gate. */
  gateViolation: boolean;
}

export function readBrief(doc: Y.Doc): BriefView {
  // BriefSchema normalises every field, so parse cannot fail; the fallback keeps that promise explicit.
  const parsed = BriefSchema.safeParse(entityFields(briefMap(doc)));
  const brief: Brief = parsed.success
    ? parsed.data
    : { title: '', kind: 'launch', pain: '', objective: '', valueProposition: '', owner: '', targetDate: null, stage: 'draft' };
  const rolloutOverride = readRolloutOverride(doc);
  const gateViolation = GATED_STAGES.includes(brief.stage) && !rolloutOverride && !hasGoPilot(doc);
  return { ...brief, rolloutOverride, gateViolation };
}

export function readSegments(doc: Y.Doc): { items: Segment[]; skipped: number } {
  return readCollection(segmentsMap(doc), SegmentSchema);
}

export function readPhases(doc: Y.Doc): { items: Phase[]; skipped: number } {
  return readCollection(phasesMap(doc), PhaseSchema);
}

export type JourneyGrid = Record<string, Record<Discipline, JourneyCell>>;

const EMPTY_CELL: JourneyCell = { owner: '', activities: '', handoff: '' };

/** phaseId → discipline → cell; every phase has all four disciplines (empty where unset). */
export function readJourney(doc: Y.Doc, phases: readonly Phase[]): JourneyGrid {
  const cells = journeyMap(doc);
  const grid: JourneyGrid = {};
  for (const phase of phases) {
    const row = {} as Record<Discipline, JourneyCell>;
    for (const discipline of DISCIPLINES) {
      const entity = asEntity(cells.get(`${phase.id}|${discipline}`));
      const parsed = entity ? JourneyCellSchema.safeParse(entityFields(entity)) : null;
      row[discipline] = parsed?.success ? parsed.data : EMPTY_CELL;
    }
    grid[phase.id] = row;
  }
  return grid;
}

export function readMilestones(doc: Y.Doc): { items: Milestone[]; skipped: number } {
  const read = readCollection(milestonesMap(doc), MilestoneSchema);
  // Undated items last, then by date, then by manual order.
  read.items.sort((a, b) => (a.date ?? '9999').localeCompare(b.date ?? '9999') || a.order - b.order);
  return read;
}

export interface PlanView {
  meta: PlanMeta;
  brief: BriefView;
  segments: Segment[];
  phases: Phase[];
  journey: JourneyGrid;
  milestones: Milestone[];
  conflicts: CriticalConflict[];
  activity: ActivityEntry[];
  issues: ReadIssue[];
}

/** The whole plan as plain data for components. Never throws on what peers wrote. */
export function readPlan(doc: Y.Doc): PlanView {
  const meta = readMeta(doc);
  const segments = readSegments(doc);
  const phases = readPhases(doc);
  const milestones = readMilestones(doc);
  const issues: ReadIssue[] = [];
  const skipped = segments.skipped + phases.skipped + milestones.skipped;
  if (skipped > 0) issues.push({ code: 'read.skipped-entries', count: skipped });
  if (meta.newerSchema) issues.push({ code: 'read.newer-schema' });
  const brief = readBrief(doc);
  if (brief.gateViolation) issues.push({ code: 'read.gate-violation' });
  return {
    meta,
    brief,
    segments: segments.items,
    phases: phases.items,
    journey: readJourney(doc, phases.items),
    milestones: milestones.items,
    conflicts: readConflicts(doc),
    activity: readActivity(doc, 100),
    issues,
  };
}

/** Read-model equality used by convergence tests and the projector (plain JSON data). */
export function planFingerprint(view: PlanView): string {
  const { activity: _activity, ...rest } = view;
  return JSON.stringify(rest);
}


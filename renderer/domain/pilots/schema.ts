import * as Y from 'yjs';
import { z } from 'zod';
import { asEntity, entityFields, ROOTS, type Collection } from '../docShape';
import { LIMITS, enumOr, optionalDate, order, text, timestamp } from '../schema';

export const PILOT_DECISIONS = ['go', 'adjust', 'stop'] as const;
export type PilotDecision = (typeof PILOT_DECISIONS)[number];
export const COMPARISONS = ['gte', 'lte'] as const;
export type Comparison = (typeof COMPARISONS)[number];
export const COHORT_KINDS = ['rep', 'account'] as const;
export type CohortKind = (typeof COHORT_KINDS)[number];
export const PILOT_SETS = ['offers', 'segments', 'regions'] as const;
export type PilotSet = (typeof PILOT_SETS)[number];
/** Measured values and targets: any real KPI fits well inside this. */
export const MAX_METRIC = 1e12;

export const pilotsMap = (doc: Y.Doc): Collection => doc.getMap(ROOTS.pilots);

const finiteOrNull = z.preprocess((v) => (typeof v === 'number' && Number.isFinite(v) && Math.abs(v) <= MAX_METRIC ? v : null), z.number().nullable());

const PilotSchema = z.object({
  name: text(LIMITS.shortText),
  start: optionalDate,
  end: optionalDate,
  learnings: text(),
  decision: z.preprocess((v) => ((PILOT_DECISIONS as readonly unknown[]).includes(v) ? v : null), z.enum(PILOT_DECISIONS).nullable()),
  decisionRationale: text(2000),
  decidedBy: text(LIMITS.shortText),
  decidedByName: text(LIMITS.shortText),
  decidedAt: timestamp,
  createdAt: timestamp,
  createdByName: text(LIMITS.shortText),
  order,
});

const CriterionSchema = z.object({
  metric: text(LIMITS.shortText),
  comparison: enumOr(COMPARISONS, 'gte'),
  target: finiteOrNull,
  unit: text(40),
  order,
});
export interface Criterion extends z.infer<typeof CriterionSchema> {
  id: string;
}

const PersonSchema = z.object({
  kind: enumOr(COHORT_KINDS, 'account'),
  name: text(LIMITS.shortText),
  profileId: text(LIMITS.shortText),
  order,
});
export interface CohortMember extends z.infer<typeof PersonSchema> {
  id: string;
}

const ResultSchema = z.object({ value: finiteOrNull, byName: text(LIMITS.shortText), at: timestamp });
export interface WeeklyResult extends z.infer<typeof ResultSchema> {
  criterionId: string;
  /** ISO date of the week's Monday. */
  week: string;
}

const DecisionSchema = z.object({
  decision: z.enum(PILOT_DECISIONS),
  /** One more than every decision the writer had seen: orders decisions without trusting clocks. */
  seq: z.preprocess((v) => (typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : 0), z.number()),
  rationale: text(2000),
  by: text(LIMITS.shortText),
  byName: text(LIMITS.shortText),
  at: timestamp,
});
export interface DecisionRecord extends z.infer<typeof DecisionSchema> {
  id: string;
}

export interface PilotData extends z.infer<typeof PilotSchema> {
  id: string;
  offerIds: string[];
  segmentIds: string[];
  regions: string[];
  cohort: CohortMember[];
  criteria: Criterion[];
  results: WeeklyResult[];
  /** Every decision ever taken on this pilot, oldest first (the current one is `decision`). */
  decisions: DecisionRecord[];
  skipped: number;
}

function sub(entity: Y.Map<unknown>, key: string): Y.Map<unknown> | null {
  const value = entity.get(key);
  return value instanceof Y.Map ? (value as Y.Map<unknown>) : null;
}

function readKeys(entity: Y.Map<unknown>, key: string): string[] {
  const out: string[] = [];
  sub(entity, key)?.forEach((value, k) => {
    if (value === true && k.length <= LIMITS.shortText) out.push(k);
  });
  return out.sort((a, b) => a.localeCompare(b));
}

function readEntities<S extends z.ZodType<{ order: number }>>(entity: Y.Map<unknown>, key: string, schema: S): { items: (z.infer<S> & { id: string })[]; skipped: number } {
  const items: (z.infer<S> & { id: string })[] = [];
  let skipped = 0;
  sub(entity, key)?.forEach((value, id) => {
    const child = asEntity(value);
    const parsed = child ? schema.safeParse(entityFields(child)) : null;
    if (parsed?.success) items.push({ ...parsed.data, id });
    else skipped += 1;
  });
  items.sort((a, b) => a.order - b.order || a.id.localeCompare(b.id));
  return { items, skipped };
}

export const resultKey = (criterionId: string, week: string): string => `${criterionId}|${week}`;

function readResults(entity: Y.Map<unknown>): { items: WeeklyResult[]; skipped: number } {
  const items: WeeklyResult[] = [];
  let skipped = 0;
  sub(entity, 'results')?.forEach((value, key) => {
    const [criterionId, week] = key.split('|');
    const parsed = ResultSchema.safeParse(value);
    if (criterionId && week && /^\d{4}-\d{2}-\d{2}$/.test(week) && parsed.success && typeof value === 'object' && value !== null) {
      items.push({ ...parsed.data, criterionId, week });
    } else skipped += 1;
  });
  items.sort((a, b) => a.week.localeCompare(b.week) || a.criterionId.localeCompare(b.criterionId));
  return { items, skipped };
}

function readDecisions(entity: Y.Map<unknown>): DecisionRecord[] {
  const out: DecisionRecord[] = [];
  sub(entity, 'decisions')?.forEach((value, id) => {
    const parsed = DecisionSchema.safeParse(value);
    if (parsed.success && typeof value === 'object' && value !== null) out.push({ ...parsed.data, id });
  });
  return out.sort((a, b) => a.seq - b.seq || a.at - b.at || a.id.localeCompare(b.id));
}

export function readPilotData(id: string, entity: Y.Map<unknown>): PilotData | null {
  const parsed = PilotSchema.safeParse(entityFields(entity));
  if (!parsed.success) return null;
  const criteria = readEntities(entity, 'criteria', CriterionSchema);
  const cohort = readEntities(entity, 'cohort', PersonSchema);
  const results = readResults(entity);
  return {
    ...parsed.data,
    id,
    offerIds: readKeys(entity, 'offers'),
    segmentIds: readKeys(entity, 'segments'),
    regions: readKeys(entity, 'regions'),
    cohort: cohort.items,
    criteria: criteria.items,
    results: results.items,
    decisions: readDecisions(entity),
    skipped: criteria.skipped + cohort.skipped + results.skipped,
  };
}

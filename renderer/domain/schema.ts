import { z } from 'zod';
import { wellFormed } from './unicode';

/** Bumped when the document layout changes incompatibly; readers accept ≤ this. */
export const DOC_SCHEMA_VERSION = 1;

export const PLAN_KINDS = ['launch', 'campaign', 'offer-change'] as const;
export type PlanKind = (typeof PLAN_KINDS)[number];

export const STAGES = ['draft', 'sales-review', 'pilot', 'rollout', 'evaluation', 'stopped'] as const;
export type Stage = (typeof STAGES)[number];

export const DISCIPLINES = ['marketing', 'sales', 'support', 'implementation'] as const;
export type Discipline = (typeof DISCIPLINES)[number];

export const PRIORITIES = ['high', 'medium', 'low'] as const;
export type Priority = (typeof PRIORITIES)[number];

export const DEFAULT_PHASES = ['awareness', 'consideration', 'decision', 'onboarding', 'retention'] as const;

/** Limits keep a hostile or broken peer from making read models unbounded. */
export const LIMITS = {
  shortText: 200,
  longText: 20_000,
} as const;

const isoDate = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Text a peer wrote: anything non-string becomes '', overly long text is cut, never thrown.
 * Lone surrogates read as U+FFFD, which is what every other peer holds (unicode.ts).
 */
export const text = (max: number = LIMITS.longText) =>
  z.preprocess((v) => (typeof v === 'string' ? wellFormed(wellFormed(v).slice(0, max)) : typeof v === 'number' ? String(v) : ''), z.string());

export const optionalDate = z.preprocess(
  (v) => (typeof v === 'string' && isoDate.test(v) && !Number.isNaN(Date.parse(v)) ? v : null),
  z.string().nullable(),
);

export const timestamp = z.preprocess((v) => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : 0), z.number());

export const order = z.preprocess((v) => (typeof v === 'number' && Number.isFinite(v) ? v : 0), z.number());

export const enumOr = <T extends readonly [string, ...string[]]>(values: T, fallback: T[number]) =>
  z.preprocess((v) => ((values as readonly unknown[]).includes(v) ? v : fallback), z.enum(values));

export const BriefSchema = z.object({
  title: text(LIMITS.shortText),
  kind: enumOr(PLAN_KINDS, 'launch'),
  pain: text(),
  objective: text(),
  valueProposition: text(),
  owner: text(LIMITS.shortText),
  targetDate: optionalDate,
  stage: enumOr(STAGES, 'draft'),
});
export type Brief = z.infer<typeof BriefSchema>;
export type BriefField = keyof Brief;

export const SegmentSchema = z.object({
  name: text(LIMITS.shortText),
  firmographics: text(),
  pains: text(),
  buyingMotives: text(),
  decisionMakers: text(),
  priority: enumOr(PRIORITIES, 'medium'),
  order,
  createdAt: timestamp,
});
export type SegmentFields = z.infer<typeof SegmentSchema>;
export interface Segment extends SegmentFields {
  id: string;
}

export const PhaseSchema = z.object({ name: text(LIMITS.shortText), order });
export interface Phase extends z.infer<typeof PhaseSchema> {
  id: string;
}

export const JourneyCellSchema = z.object({
  owner: text(LIMITS.shortText),
  activities: text(),
  handoff: text(),
});
export type JourneyCell = z.infer<typeof JourneyCellSchema>;

export const MILESTONE_KINDS = ['milestone', 'campaign'] as const;
export const MilestoneSchema = z.object({
  title: text(LIMITS.shortText),
  date: optionalDate,
  endDate: optionalDate,
  discipline: enumOr(DISCIPLINES, 'marketing'),
  kind: enumOr(MILESTONE_KINDS, 'milestone'),
  done: z.preprocess((v) => v === true, z.boolean()),
  order,
});
export type MilestoneFields = z.infer<typeof MilestoneSchema>;
export interface Milestone extends MilestoneFields {
  id: string;
}

export const ActivitySchema = z.object({
  at: timestamp,
  by: text(LIMITS.shortText),
  byName: text(LIMITS.shortText),
  action: text(LIMITS.shortText),
  target: text(LIMITS.shortText),
});
export type ActivityEntry = z.infer<typeof ActivitySchema>;

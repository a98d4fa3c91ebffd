import * as Y from 'yjs';

/**
 * The names of the plan document's root types. A root type is created on first access with the
 * type asked for; asking with another type for an existing name throws in Yjs, so every root is
 * declared here once.
 */
export const ROOTS = {
  meta: 'meta',
  brief: 'brief',
  narrative: 'narrative',
  segments: 'segments',
  phases: 'phases',
  journey: 'journey',
  milestones: 'milestones',
  critical: 'critical',
  activity: 'activity',
  // Reserved for the review workflow, scorecard and weekly sync (each its own module).
  offers: 'offers',
  reviews: 'reviews',
  pilots: 'pilots',
  comments: 'comments',
  kpis: 'kpis',
  insights: 'insights',
  syncs: 'syncs',
} as const;

export type Entity = Y.Map<unknown>;
export type Collection = Y.Map<Entity>;

export const metaMap = (doc: Y.Doc): Y.Map<unknown> => doc.getMap(ROOTS.meta);
export const briefMap = (doc: Y.Doc): Y.Map<unknown> => doc.getMap(ROOTS.brief);
export const narrativeFragment = (doc: Y.Doc): Y.XmlFragment => doc.getXmlFragment(ROOTS.narrative);
export const segmentsMap = (doc: Y.Doc): Collection => doc.getMap(ROOTS.segments);
export const phasesMap = (doc: Y.Doc): Collection => doc.getMap(ROOTS.phases);
/** Journey cells keyed `${phaseId}|${discipline}`. */
export const journeyMap = (doc: Y.Doc): Collection => doc.getMap(ROOTS.journey);
export const milestonesMap = (doc: Y.Doc): Collection => doc.getMap(ROOTS.milestones);
export const criticalMap = (doc: Y.Doc): Y.Map<unknown> => doc.getMap(ROOTS.critical);
export const activityArray = (doc: Y.Doc): Y.Array<unknown> => doc.getArray(ROOTS.activity);

/** Peers may write anything under a key; only a Y.Map counts as an entity. */
export function asEntity(value: unknown): Entity | null {
  return value instanceof Y.Map ? (value as Entity) : null;
}

/** A plain snapshot of an entity's fields: Y.Text becomes its string, other nested types are skipped. */
export function entityFields(entity: Y.Map<unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  entity.forEach((value, key) => {
    if (value instanceof Y.Text) out[key] = value.toString();
    else if (!(value instanceof Y.AbstractType)) out[key] = value;
  });
  return out;
}

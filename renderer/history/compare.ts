import * as Y from 'yjs';
import {
  DISCIPLINES,
  ROOTS,
  readBrief,
  readJourney,
  readMilestones,
  readPhases,
  readSegments,
  type Discipline,
} from '../domain';
import { asEntity } from '../domain/docShape';
import { blocksToPlainText, narrativeBlocks } from '../export/narrative';

export type ChangeKind = 'added' | 'changed' | 'removed';

/** Sections with their own read model; any other collection root is compared generically. */
export const KNOWN_SECTIONS = ['brief', 'narrative', 'segments', 'phases', 'journey', 'milestones'] as const;

/**
 * One difference between an earlier state (a snapshot) and a later one (now), as data the UI
 * turns into plain words (`describeChange`). Values are display strings, already shortened.
 */
export interface PlanChange {
  /** `brief`, `narrative`, `segments`, `phases`, `journey`, `milestones`, or another root name. */
  section: string;
  kind: ChangeKind;
  /** Stable id of the item (segment id, cell key, …); '' for brief fields and the narrative. */
  itemId: string;
  /** What people call the item: segment name, milestone title, phase name. */
  item: string;
  /** Journey cells: the discipline (the item is the phase name). */
  discipline?: Discipline;
  /** Changed field (absent for added/removed items). */
  field?: string;
  before?: string;
  after?: string;
}

export interface SectionChanges {
  section: string;
  changes: PlanChange[];
}

export interface PlanComparison {
  sections: SectionChanges[];
  total: number;
}

const MAX_VALUE = 160;

export function shorten(value: string): string {
  const flat = value.replace(/\s+/g, ' ').trim();
  return flat.length > MAX_VALUE ? `${flat.slice(0, MAX_VALUE - 1)}…` : flat;
}

function display(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return shorten(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  try {
    return shorten(JSON.stringify(value));
  } catch {
    return '';
  }
}

/** Field-by-field difference of two plain records, keys in the order given. */
function fieldChanges(
  base: Omit<PlanChange, 'kind' | 'field' | 'before' | 'after'>,
  before: Record<string, unknown>,
  after: Record<string, unknown>,
  fields: readonly string[],
): PlanChange[] {
  const out: PlanChange[] = [];
  for (const field of fields) {
    const a = display(before[field]);
    const b = display(after[field]);
    if (JSON.stringify(before[field] ?? null) !== JSON.stringify(after[field] ?? null)) {
      out.push({ ...base, kind: 'changed', field, before: a, after: b });
    }
  }
  return out;
}

interface Identified {
  id: string;
}

function collectionChanges<T extends Identified>(
  section: string,
  before: readonly T[],
  after: readonly T[],
  label: (item: T) => string,
  fields: readonly (keyof T & string)[],
): PlanChange[] {
  const out: PlanChange[] = [];
  const was = new Map(before.map((i) => [i.id, i]));
  const now = new Map(after.map((i) => [i.id, i]));
  for (const item of after) {
    const old = was.get(item.id);
    if (!old) out.push({ section, kind: 'added', itemId: item.id, item: shorten(label(item)) });
    else out.push(...fieldChanges({ section, itemId: item.id, item: shorten(label(item)) }, old as unknown as Record<string, unknown>, item as unknown as Record<string, unknown>, fields));
  }
  for (const item of before) {
    if (!now.has(item.id)) out.push({ section, kind: 'removed', itemId: item.id, item: shorten(label(item)) });
  }
  return out;
}

const BRIEF_FIELDS = ['title', 'kind', 'stage', 'owner', 'targetDate', 'pain', 'objective', 'valueProposition'] as const;

function briefChanges(before: Y.Doc, after: Y.Doc): PlanChange[] {
  const a = readBrief(before);
  const b = readBrief(after);
  const base = { section: 'brief', itemId: '', item: '' };
  const changes = fieldChanges(base, { ...a }, { ...b }, BRIEF_FIELDS);
  const reasonA = a.rolloutOverride?.reason ?? '';
  const reasonB = b.rolloutOverride?.reason ?? '';
  if (reasonA !== reasonB) changes.push({ ...base, kind: reasonA === '' ? 'added' : reasonB === '' ? 'removed' : 'changed', field: 'rolloutOverride', before: shorten(reasonA), after: shorten(reasonB) });
  return changes;
}

function narrativeChanges(before: Y.Doc, after: Y.Doc): PlanChange[] {
  const a = blocksToPlainText(narrativeBlocks(before.getXmlFragment(ROOTS.narrative)));
  const b = blocksToPlainText(narrativeBlocks(after.getXmlFragment(ROOTS.narrative)));
  if (a === b) return [];
  const kind: ChangeKind = a === '' ? 'added' : b === '' ? 'removed' : 'changed';
  return [{ section: 'narrative', kind, itemId: '', item: '', field: 'narrative', before: shorten(a), after: shorten(b) }];
}

function journeyChanges(before: Y.Doc, after: Y.Doc): PlanChange[] {
  const phasesA = readPhases(before).items;
  const phasesB = readPhases(after).items;
  const gridA = readJourney(before, phasesA);
  const gridB = readJourney(after, phasesB);
  const out: PlanChange[] = [];
  // Cells of added or removed phases are covered by the phase change itself.
  for (const phase of phasesB) {
    const rowA = gridA[phase.id];
    const rowB = gridB[phase.id];
    if (!rowA || !rowB) continue;
    for (const discipline of DISCIPLINES) {
      out.push(
        ...fieldChanges(
          { section: 'journey', itemId: `${phase.id}|${discipline}`, item: shorten(phase.name), discipline },
          rowA[discipline],
          rowB[discipline],
          ['owner', 'activities', 'handoff'],
        ),
      );
    }
  }
  return out;
}

/** Roots with their own comparison above, or that are logs rather than plan content. */
const NOT_GENERIC = new Set<string>([ROOTS.meta, ROOTS.brief, ROOTS.narrative, ROOTS.segments, ROOTS.phases, ROOTS.journey, ROOTS.milestones, ROOTS.critical, ROOTS.activity]);

/** Every other collection root (offers, reviews, pilots, kpis, insights, syncs, comments, …). */
export function genericSections(): string[] {
  return Object.values(ROOTS).filter((name) => !NOT_GENERIC.has(name));
}

/** An entity as plain JSON: Y.Text as its string, nested types as their JSON. */
function plainEntity(entity: Y.Map<unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  entity.forEach((value, key) => {
    out[key] = value instanceof Y.AbstractType ? (value as Y.AbstractType<unknown>).toJSON() : value;
  });
  return out;
}

const LABEL_FIELDS = ['name', 'title', 'label', 'text', 'summary', 'date'];

function entityLabel(fields: Record<string, unknown>, id: string): string {
  for (const key of LABEL_FIELDS) {
    const v = fields[key];
    if (typeof v === 'string' && v.trim() !== '') return v;
  }
  return id;
}

function readGeneric(doc: Y.Doc, name: string): (Identified & Record<string, unknown>)[] {
  const items: (Identified & Record<string, unknown>)[] = [];
  const existing = doc.share.get(name);
  // Absent, or defined as another type by its module (not a keyed collection): nothing to compare.
  if (!existing || !(existing instanceof Y.Map || existing.constructor === Y.AbstractType)) return items;
  let root: Y.Map<unknown>;
  try {
    root = doc.getMap(name);
  } catch {
    return items;
  }
  root.forEach((value, id) => {
    const entity = asEntity(value);
    items.push({ ...(entity ? plainEntity(entity) : { value }), id });
  });
  return items;
}

function genericChanges(before: Y.Doc, after: Y.Doc, section: string): PlanChange[] {
  const a = readGeneric(before, section);
  const b = readGeneric(after, section);
  const keys = [...new Set([...a, ...b].flatMap((i) => Object.keys(i)))].filter((k) => k !== 'id').sort();
  return collectionChanges(section, a, b, (i) => entityLabel(i, i.id), keys);
}

/**
 * What changed from `before` (e.g. a snapshot) to `after` (e.g. now), per section. Pure and
 * read-only: both docs are only read. Logs (activity, conflict bookkeeping) and metadata are
 * left out: they are not plan content.
 */
export function comparePlans(before: Y.Doc, after: Y.Doc): PlanComparison {
  const sections: SectionChanges[] = [
    { section: 'brief', changes: briefChanges(before, after) },
    { section: 'narrative', changes: narrativeChanges(before, after) },
    {
      section: 'segments',
      changes: collectionChanges('segments', readSegments(before).items, readSegments(after).items, (s) => s.name, ['name', 'priority', 'firmographics', 'pains', 'buyingMotives', 'decisionMakers', 'order']),
    },
    { section: 'phases', changes: collectionChanges('phases', readPhases(before).items, readPhases(after).items, (p) => p.name, ['name', 'order']) },
    { section: 'journey', changes: journeyChanges(before, after) },
    {
      section: 'milestones',
      changes: collectionChanges('milestones', readMilestones(before).items, readMilestones(after).items, (m) => m.title, ['title', 'date', 'endDate', 'discipline', 'kind', 'done']),
    },
    ...genericSections().map((section) => ({ section, changes: genericChanges(before, after, section) })),
  ].filter((s) => s.changes.length > 0);
  return { sections, total: sections.reduce((n, s) => n + s.changes.length, 0) };
}

/** A private copy of a live document, so comparing never types or touches the real plan's roots. */
export function scratchCopy(doc: Y.Doc): Y.Doc {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  return copy;
}

/** Snapshot (as stored) → now. Works on copies; the live document is only encoded. */
export function compareSnapshotWithNow(snapshotState: Uint8Array, now: Y.Doc): PlanComparison | null {
  const before = new Y.Doc();
  const after = scratchCopy(now);
  try {
    Y.applyUpdate(before, snapshotState);
    return comparePlans(before, after);
  } catch {
    return null;
  } finally {
    before.destroy();
    after.destroy();
  }
}

import * as Y from 'yjs';
import type { Result } from '../../shared/result';
import { ROOTS, readBrief, readMilestones, type CommandContext } from '../domain';
import { recordActivity } from '../domain/activity';
import { recordCriticalEdit } from '../domain/critical';
import { writeText } from '../domain/text';
import { transactLocal } from '../domain/transact';
import { genericSections } from './compare';

/**
 * Restoring a snapshot is a NEW edit, not a rewind.
 *
 * Yjs history is append-only and shared: peers hold every past operation, so "going back" by
 * replacing the document would either be ignored by peers or throw away their later work. So
 * restore computes, root by root, the writes that turn today's document into the snapshot's
 * content and makes them in one local transaction (origin LOCAL_ORIGIN):
 *
 * - maps (brief, and every entity of a collection): fields set back to the snapshot's values,
 *   fields added since deleted; Y.Text fields restored by a minimal text diff (writeText), so a
 *   colleague typing in the same field at the same moment keeps their characters;
 * - collections (segments, phases, journey, milestones, offers, …): entities removed since are
 *   re-created under their original ids (a deep copy of the snapshot's entity), entities added
 *   since are deleted, the rest are patched as above;
 * - the narrative (rich text): the blocks that differ are replaced by copies of the snapshot's
 *   blocks; blocks equal at the start and end are left alone;
 * - critical fields that change (stage, target date, milestone dates) get a conflict-log entry
 *   like any edit, and the activity log gets "restored snapshot …".
 *
 * Peers receive this as an ordinary update; their state vectors only grow and nothing they
 * wrote is rewritten. Limits:
 * - a colleague's concurrent edit can still interleave with the restore (Yjs merges both);
 * - nested arrays inside an entity that differ are replaced wholesale, not diffed;
 * - Y.Text with formatting is replaced by a copy (our text fields carry none);
 * - two people restoring the same removed entity concurrently both re-create it under the same
 *   id; Yjs keeps one of the two (identical) copies;
 * - metadata, the activity log and conflict bookkeeping are not rolled back (they are history);
 * - roots this version does not know are left untouched and reported in `skippedRoots`.
 */
export interface RestoreReport {
  /** Roots that were rewritten towards the snapshot. */
  changedRoots: string[];
  /** Roots present in the snapshot that this version cannot restore (unknown or differently typed). */
  skippedRoots: string[];
}

const RESTORED_MAP_ROOTS = [ROOTS.brief, ROOTS.segments, ROOTS.phases, ROOTS.journey, ROOTS.milestones];

const jsonEqual = (a: unknown, b: unknown): boolean => {
  try {
    return JSON.stringify(a) === JSON.stringify(b);
  } catch {
    return false;
  }
};

function plainText(text: Y.Text): boolean {
  return (text.toDelta() as { insert?: unknown; attributes?: unknown }[]).every((op) => typeof op.insert === 'string' && op.attributes === undefined);
}

/** Makes `target` hold what `source` holds. Returns true when anything was written. */
function restoreMap(target: Y.Map<unknown>, source: Y.Map<unknown>): boolean {
  let changed = false;
  source.forEach((value, key) => {
    const current = target.get(key);
    if (value instanceof Y.Text) {
      if (current instanceof Y.Text && plainText(value)) changed = writeText(target, key, value.toString()) || changed;
      else if (!(current instanceof Y.Text) || !jsonEqual(current.toDelta(), value.toDelta())) {
        target.set(key, value.clone());
        changed = true;
      }
    } else if (value instanceof Y.Map) {
      if (current instanceof Y.Map) changed = restoreMap(current, value) || changed;
      else {
        target.set(key, value.clone());
        changed = true;
      }
    } else if (value instanceof Y.AbstractType) {
      const same = current instanceof Y.AbstractType && current.constructor === value.constructor && jsonEqual(current.toJSON(), value.toJSON());
      if (!same) {
        target.set(key, (value as Y.Array<unknown>).clone());
        changed = true;
      }
    } else if (current instanceof Y.AbstractType || !jsonEqual(current, value) || !target.has(key)) {
      target.set(key, value);
      changed = true;
    }
  });
  for (const key of [...target.keys()]) {
    if (!source.has(key)) {
      target.delete(key);
      changed = true;
    }
  }
  return changed;
}

type XmlNode = Y.XmlElement | Y.XmlText;

/** Replaces only the differing middle run of blocks, keeping equal blocks at both ends. */
function restoreXml(target: Y.XmlFragment, source: Y.XmlFragment): boolean {
  const now = target.toArray() as XmlNode[];
  const then = source.toArray() as XmlNode[];
  const key = (n: XmlNode): string => n.toString();
  let start = 0;
  while (start < now.length && start < then.length && key(now[start] as XmlNode) === key(then[start] as XmlNode)) start += 1;
  let endNow = now.length;
  let endThen = then.length;
  while (endNow > start && endThen > start && key(now[endNow - 1] as XmlNode) === key(then[endThen - 1] as XmlNode)) {
    endNow -= 1;
    endThen -= 1;
  }
  if (endNow === start && endThen === start) return false;
  if (endNow > start) target.delete(start, endNow - start);
  if (endThen > start) target.insert(start, then.slice(start, endThen).map((n) => n.clone()));
  return true;
}

/** A root of the snapshot that exists there as a map (or untyped, as roots decoded from an update are). */
function mapRoot(doc: Y.Doc, name: string): Y.Map<unknown> | null {
  const existing = doc.share.get(name);
  if (existing && !(existing instanceof Y.Map) && existing.constructor !== Y.AbstractType) return null;
  try {
    return doc.getMap(name);
  } catch {
    return null;
  }
}

const KNOWN_ROOTS = new Set<string>(Object.values(ROOTS));

/**
 * Restores `snapshotState` into `doc` as one local edit (see the module comment). `label` names
 * the snapshot in the activity log.
 */
export function restoreSnapshot(doc: Y.Doc, ctx: CommandContext, snapshotState: Uint8Array, label: string): Result<RestoreReport> {
  const snapshot = new Y.Doc();
  try {
    try {
      Y.applyUpdate(snapshot, snapshotState);
    } catch {
      return { ok: false, error: { code: 'history/unreadable', message: 'This snapshot cannot be read, so it cannot be restored. The plan was not changed.' } };
    }
    const skippedRoots = [...snapshot.share.keys()].filter((name) => !KNOWN_ROOTS.has(name));
    const changedRoots: string[] = [];
    const briefBefore = readBrief(doc);
    const datesBefore = new Map(readMilestones(doc).items.map((m) => [m.id, m.date]));
    transactLocal(doc, () => {
      for (const name of [...RESTORED_MAP_ROOTS, ...genericSections()]) {
        // Never type a root that neither document uses yet (its module may want another type).
        if (!snapshot.share.has(name) && !doc.share.has(name)) continue;
        const source = mapRoot(snapshot, name);
        const target = mapRoot(doc, name);
        if (!source || !target) {
          skippedRoots.push(name);
          continue;
        }
        if (restoreMap(target, source)) changedRoots.push(name);
      }
      if (restoreXml(doc.getXmlFragment(ROOTS.narrative), snapshot.getXmlFragment(ROOTS.narrative))) changedRoots.push(ROOTS.narrative);

      const briefAfter = readBrief(doc);
      if (briefAfter.stage !== briefBefore.stage) recordCriticalEdit(doc, ctx, 'brief.stage', briefAfter.stage);
      if (briefAfter.targetDate !== briefBefore.targetDate) recordCriticalEdit(doc, ctx, 'brief.targetDate', briefAfter.targetDate);
      for (const m of readMilestones(doc).items) {
        if (datesBefore.has(m.id) && datesBefore.get(m.id) !== m.date) recordCriticalEdit(doc, ctx, `milestones.${m.id}.date`, m.date);
      }
      if (changedRoots.length > 0) recordActivity(doc, ctx, 'activity.history.restored', label.slice(0, 200));
    });
    return { ok: true, value: { changedRoots, skippedRoots } };
  } finally {
    snapshot.destroy();
  }
}

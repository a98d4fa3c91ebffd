import * as Y from 'yjs';
import type { z } from 'zod';
import { asEntity, entityFields, type Collection } from './docShape';

/** Result of reading a collection: valid items in order, plus how many entries were unreadable. */
export interface CollectionRead<T> {
  items: T[];
  skipped: number;
}

/**
 * Reads a keyed collection through a schema that normalises what it can. Entries that are not
 * entities at all (a peer wrote a string where a map belongs) are skipped and counted; nothing
 * is thrown, so one bad entry never hides the rest of the plan.
 */
export function readCollection<S extends z.ZodType<{ order: number }>>(
  collection: Collection,
  schema: S,
): CollectionRead<z.infer<S> & { id: string }> {
  const items: (z.infer<S> & { id: string })[] = [];
  let skipped = 0;
  collection.forEach((value, id) => {
    const entity = asEntity(value);
    const parsed = entity ? schema.safeParse(entityFields(entity)) : null;
    if (parsed?.success) items.push({ ...parsed.data, id });
    else skipped += 1;
  });
  items.sort((a, b) => a.order - b.order || a.id.localeCompare(b.id));
  return { items, skipped };
}

/** The next order value after every existing entry, so new items append. */
export function nextOrder(collection: Collection): number {
  let max = 0;
  collection.forEach((value) => {
    const o = asEntity(value)?.get('order');
    if (typeof o === 'number' && Number.isFinite(o) && o > max) max = o;
  });
  return max + 1;
}

export function insertEntity(collection: Collection, id: string, fields: Record<string, unknown>): Y.Map<unknown> {
  const entity = new Y.Map<unknown>();
  for (const [key, value] of Object.entries(fields)) entity.set(key, value);
  collection.set(id, entity);
  return entity;
}

/** Writes only fields whose value actually changed, so unchanged keys create no update. */
export function patchEntity(entity: Y.Map<unknown>, patch: Record<string, unknown>): boolean {
  let changed = false;
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    if (entity.get(key) !== value) {
      entity.set(key, value);
      changed = true;
    }
  }
  return changed;
}

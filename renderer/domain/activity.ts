import type * as Y from 'yjs';
import type { CommandContext } from './context';
import { activityArray } from './docShape';
import { ActivitySchema, type ActivityEntry } from './schema';

/** Appends "who changed what" inside the caller's transaction. `action` is an i18n key. */
export function recordActivity(doc: Y.Doc, ctx: CommandContext, action: string, target = ''): void {
  activityArray(doc).push([{ at: ctx.now(), by: ctx.actor.id, byName: ctx.actor.name, action, target }]);
}

export function readActivity(doc: Y.Doc, limit = 200): ActivityEntry[] {
  const all = activityArray(doc).toArray();
  const out: ActivityEntry[] = [];
  for (let i = all.length - 1; i >= 0 && out.length < limit; i -= 1) {
    const parsed = ActivitySchema.safeParse(all[i]);
    if (parsed.success && typeof all[i] === 'object' && all[i] !== null) out.push(parsed.data);
  }
  return out;
}

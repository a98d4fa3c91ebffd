import type * as Y from 'yjs';
import type { CommandContext } from './context';
import { activityArray } from './docShape';
import { ActivitySchema, type ActivityEntry } from './schema';

/** Typing produces a command per keystroke; one feed entry per person, action and minute is enough. */
export const ACTIVITY_COALESCE_MS = 60_000;
/**
 * The feed keeps the newest entries only: nothing reads further back than this, and a plan
 * built item by item would otherwise carry one entry per item it ever had — a third of a
 * large plan's bytes, sent to every peer that joins and applied on every open.
 */
export const ACTIVITY_KEEP = 2000;
/** Trimmed in batches, so deleted entries merge into a few tombstones. */
const ACTIVITY_TRIM_BATCH = 250;

/** Appends "who changed what" inside the caller's transaction. `action` is an i18n key. */
export function recordActivity(doc: Y.Doc, ctx: CommandContext, action: string, target = ''): void {
  const feed = activityArray(doc);
  const at = ctx.now();
  const last = feed.length > 0 ? ActivitySchema.safeParse(feed.get(feed.length - 1)) : null;
  if (
    last?.success &&
    last.data.by === ctx.actor.id &&
    last.data.action === action &&
    last.data.target === target.slice(0, 200) &&
    at - last.data.at < ACTIVITY_COALESCE_MS
  ) {
    return;
  }
  feed.push([{ at, by: ctx.actor.id, byName: ctx.actor.name, action, target: target.slice(0, 200) }]);
  if (feed.length >= ACTIVITY_KEEP + ACTIVITY_TRIM_BATCH) feed.delete(0, feed.length - ACTIVITY_KEEP);
}

export function readActivity(doc: Y.Doc, limit = 200): ActivityEntry[] {
  const feed = activityArray(doc);
  const out: ActivityEntry[] = [];
  for (let i = feed.length - 1; i >= 0 && out.length < limit; i -= 1) {
    const raw = feed.get(i);
    const parsed = typeof raw === 'object' && raw !== null ? ActivitySchema.safeParse(raw) : null;
    if (parsed?.success) out.push(parsed.data);
  }
  return out;
}

import type * as Y from 'yjs';
import { ACTIVITY_KEEP, readActivity, type ActivityEntry } from '../domain';

export interface ActivityItem extends ActivityEntry {
  /** Stable enough for a React key: entries are append-only. */
  key: string;
}

export interface ActivityDay {
  /** `YYYY-MM-DD` in local time, for grouping headers. */
  day: string;
  items: ActivityItem[];
}

function localDay(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/**
 * Who changed what, when: newest first, optionally only one person's entries or only since a
 * moment (e.g. the last weekly sync). `action` is an i18n key (`activity.*`), `target` the
 * item's name as it was then.
 */
export function activityFeed(doc: Y.Doc, options: { limit?: number; since?: number; by?: string } = {}): ActivityItem[] {
  const limit = Math.max(1, Math.min(options.limit ?? 200, ACTIVITY_KEEP));
  // Read more than asked when filtering, so a filter still fills the page when it can.
  const raw = readActivity(doc, options.since !== undefined || options.by !== undefined ? ACTIVITY_KEEP : limit);
  const out: ActivityItem[] = [];
  for (const [index, entry] of raw.entries()) {
    if (options.since !== undefined && entry.at < options.since) continue;
    if (options.by !== undefined && entry.by !== options.by) continue;
    out.push({ ...entry, key: `${entry.at}-${entry.by}-${index}` });
    if (out.length >= limit) break;
  }
  return out;
}

/** Groups a feed by local calendar day, keeping its order. */
export function groupByDay(items: readonly ActivityItem[]): ActivityDay[] {
  const days: ActivityDay[] = [];
  for (const item of items) {
    const day = localDay(item.at);
    const last = days[days.length - 1];
    if (last && last.day === day) last.items.push(item);
    else days.push({ day, items: [item] });
  }
  return days;
}

import * as Y from 'yjs';
import { z } from 'zod';
import { ROOTS, asEntity, type Collection } from '../docShape';
import { LIMITS, optionalDate, text, timestamp } from '../schema';
import { isIsoWeek } from '../scorecard/weeks';

/**
 * Layout of the `syncs` root: meeting id → Y.Map. A meeting's `notes` Y.Text is created with the
 * meeting. Attendees are flat keys (`attendee:<actorId>`); items (decisions, action items, deals,
 * product changes) are Y.Maps under their own fresh key (`item:<id>`), created in the same
 * transaction as their key, so nothing is ever created lazily under a key two peers could share.
 * Meetings have random ids: two people starting "this week's sync" offline get two meetings that
 * are both kept and shown (no notes lost), never one silently replacing the other.
 */
export const syncsMap = (doc: Y.Doc): Collection => doc.getMap(ROOTS.syncs);

export const ITEM_KINDS = ['decision', 'action', 'deal', 'product-change', 'note'] as const;
export type MeetingItemKind = (typeof ITEM_KINDS)[number];

const ATTENDEE = 'attendee:';
const ITEM = 'item:';
export const attendeeKey = (actorId: string): string => `${ATTENDEE}${actorId}`;
export const itemKey = (id: string): string => `${ITEM}${id}`;

const MeetingSchema = z.object({
  week: z.preprocess((v) => (typeof v === 'string' && isIsoWeek(v) ? v : ''), z.string()),
  date: optionalDate,
  title: text(LIMITS.shortText),
  notes: text(),
  planIds: z.preprocess((v) => (Array.isArray(v) ? v.filter((x) => typeof x === 'string' && x.length <= 100).slice(0, 100) : []), z.array(z.string())),
  since: timestamp,
  createdAt: timestamp,
  createdBy: text(LIMITS.shortText),
  createdByName: text(LIMITS.shortText),
  closedAt: timestamp,
});

const ItemSchema = z.object({
  kind: z.enum(ITEM_KINDS),
  text: text(2000),
  owner: text(LIMITS.shortText),
  due: optionalDate,
  done: z.preprocess((v) => v === true, z.boolean()),
  doneAt: timestamp,
  doneByName: text(LIMITS.shortText),
  createdAt: timestamp,
  createdByName: text(LIMITS.shortText),
});

export interface MeetingItem extends z.infer<typeof ItemSchema> {
  id: string;
  meetingId: string;
}

export interface Attendee {
  actorId: string;
  name: string;
  at: number;
}

export interface Meeting extends z.infer<typeof MeetingSchema> {
  id: string;
  attendees: Attendee[];
  items: MeetingItem[];
}

const AttendeeSchema = z.object({ name: z.string().max(200).catch(''), at: z.number().finite().min(0).catch(0) });

export function readMeeting(id: string, entity: Y.Map<unknown>): Meeting | null {
  const fields: Record<string, unknown> = {};
  const attendees: Attendee[] = [];
  const items: MeetingItem[] = [];
  entity.forEach((value, key) => {
    if (key.startsWith(ATTENDEE)) {
      const parsed = AttendeeSchema.safeParse(value);
      if (parsed.success && typeof value === 'object' && value !== null) attendees.push({ actorId: key.slice(ATTENDEE.length), ...parsed.data });
    } else if (key.startsWith(ITEM)) {
      const child = asEntity(value);
      if (!child) return;
      const raw: Record<string, unknown> = {};
      child.forEach((v, k) => {
        raw[k] = v instanceof Y.Text ? v.toString() : v;
      });
      const parsed = ItemSchema.safeParse(raw);
      if (parsed.success) items.push({ ...parsed.data, id: key.slice(ITEM.length), meetingId: id });
    } else if (value instanceof Y.Text) fields[key] = value.toString();
    else if (!(value instanceof Y.AbstractType)) fields[key] = value;
  });
  const parsed = MeetingSchema.safeParse(fields);
  if (!parsed.success || parsed.data.week === '') return null;
  attendees.sort((a, b) => a.name.localeCompare(b.name) || a.actorId.localeCompare(b.actorId));
  items.sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
  return { ...parsed.data, id, attendees, items };
}

/** Meetings oldest first (by week, then by start). */
export function readMeetings(doc: Y.Doc): { items: Meeting[]; skipped: number } {
  const items: Meeting[] = [];
  let skipped = 0;
  syncsMap(doc).forEach((value, id) => {
    const entity = asEntity(value);
    const meeting = entity ? readMeeting(id, entity) : null;
    if (meeting) items.push(meeting);
    else skipped += 1;
  });
  items.sort(compareMeetings);
  return { items, skipped };
}

export const compareMeetings = (a: Pick<Meeting, 'week' | 'createdAt' | 'id'>, b: Pick<Meeting, 'week' | 'createdAt' | 'id'>): number =>
  a.week.localeCompare(b.week) || a.createdAt - b.createdAt || a.id.localeCompare(b.id);

/**
 * Open action items carried into `meeting`: action items of every earlier meeting that were
 * still open when it started. An item finished during this meeting stays listed here (ticked),
 * and disappears from the next one. Items are references, not copies: ticking one here ticks it
 * everywhere.
 */
export function carriedOverActions(meetings: readonly Meeting[], meeting: Meeting): MeetingItem[] {
  return meetings
    .filter((m) => m.id !== meeting.id && compareMeetings(m, meeting) < 0)
    .flatMap((m) => m.items)
    .filter((i) => i.kind === 'action' && (!i.done || i.doneAt >= meeting.createdAt))
    .sort((a, b) => (a.due ?? '9999').localeCompare(b.due ?? '9999') || a.createdAt - b.createdAt);
}

/** The meeting held before `meeting` (whose start is where the agenda's "since" begins). */
export function previousMeeting(meetings: readonly Meeting[], meeting: Pick<Meeting, 'week' | 'createdAt' | 'id'>): Meeting | null {
  const earlier = meetings.filter((m) => m.id !== meeting.id && compareMeetings(m, meeting) < 0);
  return earlier[earlier.length - 1] ?? null;
}

import * as Y from 'yjs';
import { err, ok, type Result } from '../../../shared/result';
import { recordActivity } from '../activity';
import type { CommandContext } from '../context';
import { asEntity } from '../docShape';
import { LIMITS } from '../schema';
import { writeText } from '../text';
import { transactLocal } from '../transact';
import { isIsoDate } from '../validate';
import { isIsoWeek, timeToDay, weekOfTime } from '../scorecard/weeks';
import { attendeeKey, ITEM_KINDS, itemKey, readMeetings, syncsMap, type MeetingItemKind } from './model';

/** The agenda of the first meeting looks back this far. */
export const FIRST_MEETING_LOOKBACK_MS = 7 * 86_400_000;

export interface NewMeeting {
  /** Defaults to the current ISO week. */
  week?: string;
  date?: string;
  title?: string;
  /** Plans the agenda covers besides this one (a cross-plan sync). */
  planIds?: readonly string[];
}

/**
 * Starts a weekly sync. Its agenda covers everything since the previous meeting of this plan
 * started (or the last 7 days for the first one); `since` is fixed now so the agenda of a past
 * meeting can be rebuilt exactly.
 */
export function startMeeting(doc: Y.Doc, ctx: CommandContext, input: NewMeeting = {}): Result<string> {
  const now = ctx.now();
  const week = input.week ?? weekOfTime(now);
  if (!isIsoWeek(week)) return err('sync/bad-week', 'That is not a valid week.');
  if (input.date !== undefined && !isIsoDate(input.date)) return err('date/invalid', 'That is not a valid date.');
  const meetings = readMeetings(doc).items;
  const before = meetings.filter((m) => m.week < week || (m.week === week && m.createdAt <= now));
  const previous = before[before.length - 1];
  const since = previous ? previous.createdAt : now - FIRST_MEETING_LOOKBACK_MS;
  const id = ctx.newId();
  transactLocal(doc, () => {
    const meeting = new Y.Map<unknown>();
    meeting.set('week', week);
    meeting.set('date', input.date ?? timeToDay(now));
    meeting.set('title', (input.title ?? '').replace(/[\r\n]+/g, ' ').slice(0, LIMITS.shortText));
    meeting.set('notes', new Y.Text());
    meeting.set('planIds', [...new Set(input.planIds ?? [])].slice(0, 100));
    meeting.set('since', since);
    meeting.set('createdAt', now);
    meeting.set('createdBy', ctx.actor.id);
    meeting.set('createdByName', ctx.actor.name);
    meeting.set('closedAt', 0);
    meeting.set(attendeeKey(ctx.actor.id), { name: ctx.actor.name, at: now });
    syncsMap(doc).set(id, meeting);
    recordActivity(doc, ctx, 'activity.sync.started', week);
  });
  return ok(id);
}

function withMeeting(doc: Y.Doc, id: string, fn: (meeting: Y.Map<unknown>) => void): Result<void> {
  const meeting = asEntity(syncsMap(doc).get(id));
  if (!meeting) return err('sync/missing', 'This meeting was removed, perhaps by a colleague.');
  transactLocal(doc, () => fn(meeting));
  return ok(undefined);
}

export function joinMeeting(doc: Y.Doc, ctx: CommandContext, meetingId: string): Result<void> {
  return withMeeting(doc, meetingId, (m) => {
    if (!m.has(attendeeKey(ctx.actor.id))) m.set(attendeeKey(ctx.actor.id), { name: ctx.actor.name, at: ctx.now() });
  });
}

/** Adds someone else present (e.g. a colleague without a laptop). */
export function addAttendee(doc: Y.Doc, _ctx: CommandContext, meetingId: string, person: { id: string; name: string }, at: number): Result<void> {
  if (person.id.length === 0 || person.id.length > 200) return err('sync/bad-attendee', 'Unknown person.');
  return withMeeting(doc, meetingId, (m) => {
    m.set(attendeeKey(person.id), { name: person.name.slice(0, 200), at });
  });
}

export function removeAttendee(doc: Y.Doc, _ctx: CommandContext, meetingId: string, actorId: string): Result<void> {
  return withMeeting(doc, meetingId, (m) => m.delete(attendeeKey(actorId)));
}

export function setMeetingNotes(doc: Y.Doc, ctx: CommandContext, meetingId: string, value: string): Result<void> {
  if (value.length > LIMITS.longText) return err('sync/too-long', `Notes are limited to ${LIMITS.longText} characters.`);
  return withMeeting(doc, meetingId, (m) => {
    if (writeText(m, 'notes', value)) recordActivity(doc, ctx, 'activity.sync.notes');
  });
}

export function closeMeeting(doc: Y.Doc, ctx: CommandContext, meetingId: string): Result<void> {
  return withMeeting(doc, meetingId, (m) => {
    m.set('closedAt', ctx.now());
    recordActivity(doc, ctx, 'activity.sync.closed', String(m.get('week') ?? ''));
  });
}

export interface ItemInput {
  kind: MeetingItemKind;
  text: string;
  owner?: string;
  due?: string | null;
}

function checkItem(input: Partial<ItemInput>): Result<void> {
  if (input.kind !== undefined && !ITEM_KINDS.includes(input.kind)) return err('sync/bad-kind', 'Unknown item kind.');
  if (input.text !== undefined && input.text.trim() === '') return err('sync/empty', 'Write something first.');
  if (input.text !== undefined && input.text.length > 2000) return err('sync/too-long', 'Keep it under 2000 characters.');
  if (input.owner !== undefined && input.owner.length > LIMITS.shortText) return err('sync/too-long', 'Keep the owner short.');
  if (input.due != null && !isIsoDate(input.due)) return err('date/invalid', 'That is not a valid date.');
  return ok(undefined);
}

/** A decision, action item (owner + due date), key deal, product change or note. */
export function addMeetingItem(doc: Y.Doc, ctx: CommandContext, meetingId: string, input: ItemInput): Result<string> {
  const valid = checkItem(input);
  if (!valid.ok) return valid;
  const id = ctx.newId();
  const done = withMeeting(doc, meetingId, (m) => {
    const item = new Y.Map<unknown>();
    item.set('kind', input.kind);
    item.set('text', input.text.trim());
    item.set('owner', (input.owner ?? '').trim());
    item.set('due', input.due ?? null);
    item.set('done', false);
    item.set('doneAt', 0);
    item.set('doneByName', '');
    item.set('createdAt', ctx.now());
    item.set('createdByName', ctx.actor.name);
    m.set(itemKey(id), item);
    recordActivity(doc, ctx, `activity.sync.${input.kind}`, input.text.trim().slice(0, 80));
  });
  return done.ok ? ok(id) : done;
}

function findItem(doc: Y.Doc, itemId: string): Y.Map<unknown> | null {
  let found: Y.Map<unknown> | null = null;
  syncsMap(doc).forEach((value) => {
    const item = asEntity(asEntity(value)?.get(itemKey(itemId)));
    if (item) found = item;
  });
  return found;
}

/**
 * Edits an item wherever it lives: a carried-over action item is ticked off in a later meeting
 * but stays in the meeting that created it.
 */
export function updateMeetingItem(doc: Y.Doc, ctx: CommandContext, itemId: string, patch: Partial<Omit<ItemInput, 'kind'>> & { done?: boolean }): Result<void> {
  const valid = checkItem(patch);
  if (!valid.ok) return valid;
  const item = findItem(doc, itemId);
  if (!item) return err('sync/item-missing', 'This item was removed, perhaps by a colleague.');
  transactLocal(doc, () => {
    if (patch.text !== undefined) item.set('text', patch.text.trim());
    if (patch.owner !== undefined) item.set('owner', patch.owner.trim());
    if (patch.due !== undefined) item.set('due', patch.due);
    if (patch.done !== undefined && item.get('done') !== patch.done) {
      item.set('done', patch.done);
      item.set('doneAt', patch.done ? ctx.now() : 0);
      item.set('doneByName', patch.done ? ctx.actor.name : '');
      recordActivity(doc, ctx, patch.done ? 'activity.sync.action-done' : 'activity.sync.action-reopened', String(item.get('text') ?? '').slice(0, 80));
    }
  });
  return ok(undefined);
}

export function removeMeetingItem(doc: Y.Doc, ctx: CommandContext, itemId: string): Result<void> {
  let owner: Y.Map<unknown> | null = null;
  syncsMap(doc).forEach((value) => {
    const meeting = asEntity(value);
    if (meeting?.has(itemKey(itemId))) owner = meeting;
  });
  const meeting = owner as Y.Map<unknown> | null;
  if (!meeting) return err('sync/item-missing', 'This item was already removed.');
  transactLocal(doc, () => {
    meeting.delete(itemKey(itemId));
    recordActivity(doc, ctx, 'activity.sync.item-removed');
  });
  return ok(undefined);
}

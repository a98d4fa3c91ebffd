import * as Y from 'yjs';
import { err, ok, type Result } from '../../../shared/result';
import type { CommandContext } from '../context';
import { recordActivity } from '../activity';
import { insertEntity, nextOrder } from '../collection';
import { asEntity, segmentsMap } from '../docShape';
import { LIMITS, PRIORITIES, type Priority } from '../schema';
import { writeText } from '../text';
import { transactLocal } from '../transact';

export const SEGMENT_TEXT_FIELDS = ['firmographics', 'pains', 'buyingMotives', 'decisionMakers'] as const;
export type SegmentTextField = (typeof SEGMENT_TEXT_FIELDS)[number];

export function addSegment(doc: Y.Doc, ctx: CommandContext, name: string): Result<string> {
  const clean = name.trim().slice(0, LIMITS.shortText);
  if (clean === '') return err('segment/name-empty', 'Give the segment a name.');
  const id = ctx.newId();
  transactLocal(doc, () => {
    const segments = segmentsMap(doc);
    insertEntity(segments, id, {
      name: clean,
      priority: 'medium',
      order: nextOrder(segments),
      createdAt: ctx.now(),
      // Texts exist from the start so concurrent first edits merge instead of replacing each other.
      ...Object.fromEntries(SEGMENT_TEXT_FIELDS.map((field) => [field, new Y.Text()])),
    });
    recordActivity(doc, ctx, 'activity.segment.added', clean);
  });
  return ok(id);
}

function withSegment(doc: Y.Doc, id: string, fn: (segment: Y.Map<unknown>) => void): Result<void> {
  const segment = asEntity(segmentsMap(doc).get(id));
  if (!segment) return err('segment/missing', 'This segment was removed, perhaps by a colleague.');
  transactLocal(doc, () => fn(segment));
  return ok(undefined);
}

export function renameSegment(doc: Y.Doc, ctx: CommandContext, id: string, name: string): Result<void> {
  const clean = name.replace(/[\r\n]+/g, ' ').slice(0, LIMITS.shortText);
  return withSegment(doc, id, (segment) => {
    if (segment.get('name') === clean) return;
    segment.set('name', clean);
    recordActivity(doc, ctx, 'activity.segment.renamed', clean);
  });
}

export function setSegmentText(doc: Y.Doc, ctx: CommandContext, id: string, field: SegmentTextField, value: string): Result<void> {
  if (value.length > LIMITS.longText) return err('segment/too-long', `This text is longer than ${LIMITS.longText} characters.`);
  return withSegment(doc, id, (segment) => {
    if (writeText(segment, field, value)) recordActivity(doc, ctx, `activity.segment.${field}`, String(segment.get('name') ?? ''));
  });
}

export function setSegmentPriority(doc: Y.Doc, ctx: CommandContext, id: string, priority: Priority): Result<void> {
  if (!PRIORITIES.includes(priority)) return err('segment/bad-priority', 'Unknown priority.');
  return withSegment(doc, id, (segment) => {
    segment.set('priority', priority);
    recordActivity(doc, ctx, 'activity.segment.priority', priority);
  });
}

export function removeSegment(doc: Y.Doc, ctx: CommandContext, id: string): Result<void> {
  const segments = segmentsMap(doc);
  const segment = asEntity(segments.get(id));
  if (!segment) return err('segment/missing', 'This segment was already removed.');
  transactLocal(doc, () => {
    segments.delete(id);
    recordActivity(doc, ctx, 'activity.segment.removed', String(segment.get('name') ?? ''));
  });
  return ok(undefined);
}

/** Places `id` between its new neighbours (fractional order, so concurrent moves never collide into a rewrite). */
export function moveSegment(doc: Y.Doc, ctx: CommandContext, id: string, before: number, after: number): Result<void> {
  if (!Number.isFinite(before) || !Number.isFinite(after)) return err('segment/bad-order', 'Cannot move there.');
  return withSegment(doc, id, (segment) => {
    segment.set('order', (before + after) / 2);
    recordActivity(doc, ctx, 'activity.segment.moved', String(segment.get('name') ?? ''));
  });
}

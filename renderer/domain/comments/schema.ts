import type * as Y from 'yjs';
import { z } from 'zod';
import { asEntity, entityFields, ROOTS, type Collection } from '../docShape';
import { LIMITS, text, timestamp } from '../schema';

export const COMMENT_TARGETS = ['offer', 'pilot', 'brief', 'review'] as const;
export type CommentTargetKind = (typeof COMMENT_TARGETS)[number];
export const MAX_COMMENT = 5_000;

/**
 * Every comment is its own entity in one root map: a thread is its first comment, replies name
 * it as `threadId`. Resolving writes only keys on the thread's first comment.
 */
export const commentsMap = (doc: Y.Doc): Collection => doc.getMap(ROOTS.comments);

const MentionsSchema = z.preprocess(
  (v) =>
    Array.isArray(v)
      ? v
          .filter((m): m is { id: string; name: string } => typeof m === 'object' && m !== null && typeof m.id === 'string' && typeof m.name === 'string')
          .slice(0, 50)
          .map((m) => ({ id: m.id.slice(0, LIMITS.shortText), name: m.name.slice(0, LIMITS.shortText) }))
      : [],
  z.array(z.object({ id: z.string(), name: z.string() })),
);

export const CommentSchema = z.object({
  targetKind: z.enum(COMMENT_TARGETS),
  targetId: text(100),
  /** Which field of the target, e.g. `bundlePrice` or `components.<id>.listPrice`; '' = the whole item. */
  field: text(LIMITS.shortText),
  threadId: text(100),
  body: text(MAX_COMMENT),
  mentions: MentionsSchema,
  by: text(LIMITS.shortText),
  byName: text(LIMITS.shortText),
  at: timestamp,
  editedAt: timestamp,
  resolved: z.preprocess((v) => v === true, z.boolean()),
  resolvedByName: text(LIMITS.shortText),
  resolvedAt: timestamp,
});

export interface CommentData extends z.infer<typeof CommentSchema> {
  id: string;
}

export function readCommentEntries(doc: Y.Doc): { items: CommentData[]; skipped: number } {
  const items: CommentData[] = [];
  let skipped = 0;
  commentsMap(doc).forEach((value, id) => {
    const entity = asEntity(value);
    const parsed = entity ? CommentSchema.safeParse(entityFields(entity)) : null;
    if (parsed?.success) items.push({ ...parsed.data, id });
    else skipped += 1;
  });
  items.sort((a, b) => a.at - b.at || a.id.localeCompare(b.id));
  return { items, skipped };
}

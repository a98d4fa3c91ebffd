import type * as Y from 'yjs';
import { err, ok, type Result } from '../../../shared/result';
import type { CommandContext } from '../context';
import { recordActivity } from '../activity';
import { insertEntity } from '../collection';
import { asEntity } from '../docShape';
import { LIMITS } from '../schema';
import { transactLocal } from '../transact';
import { COMMENT_TARGETS, commentsMap, MAX_COMMENT, type CommentTargetKind } from './schema';

export interface Mentionable {
  id: string;
  name: string;
}

/**
 * The people named as `@Name` in a comment. Longer names are matched first so "@Anna Berg" is
 * not also read as "@Anna"; matching ignores case and needs a word boundary after the name.
 */
export function findMentions(body: string, people: readonly Mentionable[]): Mentionable[] {
  const lower = body.toLowerCase();
  const sorted = [...people].filter((p) => p.name.trim() !== '').sort((a, b) => b.name.length - a.name.length);
  const found = new Map<string, Mentionable>();
  const taken: [number, number][] = [];
  for (const person of sorted) {
    const needle = `@${person.name.toLowerCase()}`;
    let from = 0;
    for (let at = lower.indexOf(needle, from); at !== -1; at = lower.indexOf(needle, from)) {
      from = at + needle.length;
      const next = lower.charAt(from);
      if (next !== '' && /[\p{L}\p{N}_]/u.test(next)) continue;
      if (taken.some(([s, e]) => at >= s && at < e)) continue;
      taken.push([at, from]);
      found.set(person.id, { id: person.id, name: person.name });
    }
  }
  return [...found.values()];
}

export interface CommentTarget {
  kind: CommentTargetKind;
  id: string;
  /** The field commented on (e.g. `bundlePrice`, `components.<id>.listPrice`); '' for the whole item. */
  field?: string;
}

function checkBody(body: string): Result<string> {
  const clean = body.trim();
  if (clean === '') return err('comment/empty', 'Write a comment first.');
  if (clean.length > MAX_COMMENT) return err('comment/too-long', `Keep comments under ${MAX_COMMENT} characters.`);
  return ok(clean);
}

function write(doc: Y.Doc, ctx: CommandContext, fields: { targetKind: string; targetId: string; field: string; threadId: string }, body: string, people: readonly Mentionable[]): string {
  const id = ctx.newId();
  insertEntity(commentsMap(doc), id, {
    ...fields,
    body,
    mentions: findMentions(body, people),
    by: ctx.actor.id,
    byName: ctx.actor.name,
    at: ctx.now(),
    editedAt: 0,
    resolved: false,
  });
  return id;
}

/** Starts a thread on an offer field (or any target). `people` are who can be @mentioned. */
export function startThread(doc: Y.Doc, ctx: CommandContext, target: CommentTarget, body: string, people: readonly Mentionable[] = []): Result<string> {
  if (!COMMENT_TARGETS.includes(target.kind)) return err('comment/bad-target', 'Comments can go on offers, pilots, reviews and the brief.');
  if (target.id.length > 100 || (target.field ?? '').length > LIMITS.shortText) return err('comment/bad-target', 'Unknown item.');
  const clean = checkBody(body);
  if (!clean.ok) return clean;
  const id = transactLocal(doc, () => {
    const commentId = write(doc, ctx, { targetKind: target.kind, targetId: target.id, field: target.field ?? '', threadId: '' }, clean.value, people);
    recordActivity(doc, ctx, 'activity.comment.added', clean.value.slice(0, LIMITS.shortText));
    return commentId;
  });
  return ok(id);
}

function threadRoot(doc: Y.Doc, threadId: string): Y.Map<unknown> | null {
  const root = asEntity(commentsMap(doc).get(threadId));
  return root && root.get('threadId') === '' ? root : null;
}

export function replyToThread(doc: Y.Doc, ctx: CommandContext, threadId: string, body: string, people: readonly Mentionable[] = []): Result<string> {
  const root = threadRoot(doc, threadId);
  if (!root) return err('comment/missing', 'This thread was removed.');
  const clean = checkBody(body);
  if (!clean.ok) return clean;
  const id = transactLocal(doc, () => {
    const fields = { targetKind: String(root.get('targetKind')), targetId: String(root.get('targetId') ?? ''), field: String(root.get('field') ?? ''), threadId };
    const commentId = write(doc, ctx, fields, clean.value, people);
    // A reply to a resolved thread reopens it: the question is evidently not settled.
    if (root.get('resolved') === true) root.set('resolved', false);
    recordActivity(doc, ctx, 'activity.comment.replied', clean.value.slice(0, LIMITS.shortText));
    return commentId;
  });
  return ok(id);
}

/** Only the author edits their comment; mentions are recomputed from the new text. */
export function editComment(doc: Y.Doc, ctx: CommandContext, commentId: string, body: string, people: readonly Mentionable[] = []): Result<void> {
  const comment = asEntity(commentsMap(doc).get(commentId));
  if (!comment) return err('comment/missing', 'This comment was removed.');
  if (comment.get('by') !== ctx.actor.id) return err('comment/not-yours', 'You can only edit your own comments.');
  const clean = checkBody(body);
  if (!clean.ok) return clean;
  transactLocal(doc, () => {
    comment.set('body', clean.value);
    comment.set('mentions', findMentions(clean.value, people));
    comment.set('editedAt', ctx.now());
  });
  return ok(undefined);
}

export function setThreadResolved(doc: Y.Doc, ctx: CommandContext, threadId: string, resolved: boolean): Result<void> {
  const root = threadRoot(doc, threadId);
  if (!root) return err('comment/missing', 'This thread was removed.');
  transactLocal(doc, () => {
    root.set('resolved', resolved);
    root.set('resolvedByName', ctx.actor.name);
    root.set('resolvedAt', ctx.now());
    recordActivity(doc, ctx, resolved ? 'activity.comment.resolved' : 'activity.comment.reopened', String(root.get('body') ?? '').slice(0, LIMITS.shortText));
  });
  return ok(undefined);
}

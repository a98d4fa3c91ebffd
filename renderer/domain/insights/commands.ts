import * as Y from 'yjs';
import { err, ok, type Result } from '../../../shared/result';
import { recordActivity } from '../activity';
import type { CommandContext } from '../context';
import { asEntity } from '../docShape';
import { LIMITS } from '../schema';
import { applyHunk, writeText } from '../text';
import { transactLocal } from '../transact';
import { rebaseEdit } from './textEdit';
import { isIsoDate } from '../validate';
import { timeToDay } from '../scorecard/weeks';
import { COUNTERABLE_TYPES, heardKey, INSIGHT_SOURCES, INSIGHT_TYPES, insightsMap, voteKey, type InsightSource, type InsightType } from './model';

export interface InsightInput {
  type: InsightType;
  text: string;
  source: InsightSource;
  segment?: string;
  competitor?: string;
  offerIds?: readonly string[];
  /** Day it was heard; defaults to today. */
  date?: string | null;
}

function check(input: Partial<InsightInput>): Result<void> {
  if (input.type !== undefined && !INSIGHT_TYPES.includes(input.type)) return err('insight/bad-type', 'Unknown insight type.');
  if (input.source !== undefined && !INSIGHT_SOURCES.includes(input.source)) return err('insight/bad-source', 'Unknown source.');
  if (input.text !== undefined && input.text.trim() === '') return err('insight/empty', 'Write down what you heard.');
  if (input.text !== undefined && input.text.length > LIMITS.longText) return err('insight/too-long', `Keep it under ${LIMITS.longText} characters.`);
  if ((input.segment?.length ?? 0) > LIMITS.shortText || (input.competitor?.length ?? 0) > LIMITS.shortText)
    return err('insight/too-long', 'Keep segment and competitor short.');
  if (input.date != null && !isIsoDate(input.date)) return err('date/invalid', 'That is not a valid date.');
  if (input.offerIds !== undefined && (input.offerIds.length > 50 || input.offerIds.some((id) => typeof id !== 'string' || id.length > 100)))
    return err('insight/bad-offers', 'Too many linked offers.');
  return ok(undefined);
}

const line = (value: string | undefined): string => (value ?? '').replace(/[\r\n]+/g, ' ').trim();

/** Quick capture: one transaction, works offline like every command (the doc is local first). */
export function captureInsight(doc: Y.Doc, ctx: CommandContext, input: InsightInput): Result<string> {
  const valid = check(input);
  if (!valid.ok) return valid;
  const id = ctx.newId();
  transactLocal(doc, () => {
    const entity = new Y.Map<unknown>();
    entity.set('type', input.type);
    // Both texts exist from the start, so concurrent first edits merge instead of replacing.
    entity.set('text', new Y.Text(input.text.trim()));
    entity.set('counter', new Y.Text());
    entity.set('source', input.source);
    entity.set('segment', line(input.segment));
    entity.set('competitor', line(input.competitor));
    entity.set('offerIds', [...new Set(input.offerIds ?? [])]);
    entity.set('author', ctx.actor.id);
    entity.set('authorName', ctx.actor.name);
    entity.set('date', input.date ?? timeToDay(ctx.now()));
    entity.set('createdAt', ctx.now());
    insightsMap(doc).set(id, entity);
    recordActivity(doc, ctx, 'activity.insight.captured', input.text.trim().slice(0, 80));
  });
  return ok(id);
}

function withInsight(doc: Y.Doc, id: string, fn: (entity: Y.Map<unknown>) => Result<void> | void): Result<void> {
  const entity = asEntity(insightsMap(doc).get(id));
  if (!entity) return err('insight/missing', 'This insight was removed, perhaps by a colleague.');
  let result: Result<void> = ok(undefined);
  transactLocal(doc, () => {
    result = fn(entity) ?? ok(undefined);
  });
  return result;
}

export type InsightPatch = Partial<Omit<InsightInput, 'text'>>;

export function updateInsight(doc: Y.Doc, ctx: CommandContext, id: string, patch: InsightPatch): Result<void> {
  const valid = check(patch);
  if (!valid.ok) return valid;
  return withInsight(doc, id, (entity) => {
    let changed = false;
    const set = (key: string, value: unknown): void => {
      if (value !== undefined && JSON.stringify(entity.get(key)) !== JSON.stringify(value)) {
        entity.set(key, value);
        changed = true;
      }
    };
    set('type', patch.type);
    set('source', patch.source);
    set('segment', patch.segment === undefined ? undefined : line(patch.segment));
    set('competitor', patch.competitor === undefined ? undefined : line(patch.competitor));
    set('offerIds', patch.offerIds === undefined ? undefined : [...new Set(patch.offerIds)]);
    set('date', patch.date);
    if (changed) recordActivity(doc, ctx, 'activity.insight.updated');
  });
}

export interface TextEditOptions {
  /**
   * The text as it was when the person started editing. When given and a colleague's edit synced
   * in meanwhile, only the person's own change is applied on top of theirs (rebaseEdit).
   */
  base?: string;
}

/**
 * Corrects what was heard after capture. Anyone may edit it, like every other field of a plan.
 * The text is a Y.Text changed only in the range that differs, so two people correcting
 * different words at the same time both keep their change; an edit that started from an older
 * text and overlaps a colleague's newer change is refused (`insight/edit-conflict`) instead of
 * overwriting it. Unchanged text is a no-op (no undo step, no activity, no "edited" mark).
 */
export function setInsightText(doc: Y.Doc, ctx: CommandContext, id: string, value: string, options: TextEditOptions = {}): Result<void> {
  const next = value.trim();
  const valid = check({ text: next });
  if (!valid.ok) return valid;
  return withInsight(doc, id, (entity) => {
    const stored = entity.get('text');
    let changed: boolean;
    if (options.base !== undefined && stored instanceof Y.Text) {
      const rebased = rebaseEdit(options.base, next, stored.toString());
      if (rebased.kind === 'conflict') return err('insight/edit-conflict', 'A colleague changed the same words while you were editing. Their version is shown; apply your change again.');
      changed = rebased.kind === 'apply';
      if (rebased.kind === 'apply') {
        applyHunk(stored, rebased.hunk);
      }
    } else changed = writeText(entity, 'text', next);
    if (!changed) return ok(undefined);
    entity.set('editedBy', ctx.actor.id);
    entity.set('editedByName', ctx.actor.name);
    entity.set('editedAt', ctx.now());
    recordActivity(doc, ctx, 'activity.insight.updated', next.slice(0, 80));
    return ok(undefined);
  });
}

/** Marketing's answer to a competitor argument or an objection; it appears on the battlecard. */
export function setCounterMessage(doc: Y.Doc, ctx: CommandContext, id: string, value: string): Result<void> {
  if (value.length > LIMITS.longText) return err('insight/too-long', `Keep it under ${LIMITS.longText} characters.`);
  return withInsight(doc, id, (entity) => {
    if (!COUNTERABLE_TYPES.includes(entity.get('type') as InsightType)) {
      return err('insight/not-counterable', 'Only competitor arguments and objections get a counter-message.');
    }
    if (!writeText(entity, 'counter', value)) return ok(undefined);
    entity.set('counterBy', ctx.actor.id);
    entity.set('counterByName', ctx.actor.name);
    entity.set('counterAt', ctx.now());
    recordActivity(doc, ctx, 'activity.insight.countered');
    return ok(undefined);
  });
}

/** One vote per person; voting again is a no-op, `false` takes the vote back. */
export function setVote(doc: Y.Doc, ctx: CommandContext, id: string, on: boolean): Result<void> {
  return withInsight(doc, id, (entity) => {
    const key = voteKey(ctx.actor.id);
    if (on && !entity.has(key)) entity.set(key, { at: ctx.now(), by: ctx.actor.id, byName: ctx.actor.name, note: '' });
    if (!on && entity.has(key)) entity.delete(key);
  });
}

/** "I heard this again": every mark counts, also two at the same moment from two laptops. */
export function markHeardAgain(doc: Y.Doc, ctx: CommandContext, id: string, note = ''): Result<void> {
  return withInsight(doc, id, (entity) => {
    entity.set(heardKey(ctx.newId()), { at: ctx.now(), by: ctx.actor.id, byName: ctx.actor.name, note: note.slice(0, 2000) });
    recordActivity(doc, ctx, 'activity.insight.heard');
  });
}

export function removeInsight(doc: Y.Doc, ctx: CommandContext, id: string): Result<void> {
  const map = insightsMap(doc);
  if (!asEntity(map.get(id))) return err('insight/missing', 'This insight was already removed.');
  transactLocal(doc, () => {
    map.delete(id);
    recordActivity(doc, ctx, 'activity.insight.removed');
  });
  return ok(undefined);
}

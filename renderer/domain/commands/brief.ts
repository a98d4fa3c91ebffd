import type * as Y from 'yjs';
import { err, ok, type Result } from '../../../shared/result';
import type { CommandContext } from '../context';
import { recordActivity } from '../activity';
import { recordCriticalEdit } from '../critical';
import { briefMap } from '../docShape';
import { LIMITS, PLAN_KINDS, type PlanKind } from '../schema';
import { writeText } from '../text';
import { transactLocal } from '../transact';
import { isIsoDate } from '../validate';

export type BriefTextField = 'pain' | 'objective' | 'valueProposition';
export type BriefLineField = 'title' | 'owner';

/** Long brief fields merge character by character (Y.Text). */
export function setBriefText(doc: Y.Doc, ctx: CommandContext, field: BriefTextField, value: string): Result<void> {
  if (value.length > LIMITS.longText) return err('brief/too-long', `This text is longer than ${LIMITS.longText} characters.`);
  transactLocal(doc, () => {
    if (writeText(briefMap(doc), field, value)) recordActivity(doc, ctx, `activity.brief.${field}`);
  });
  return ok(undefined);
}

export function setBriefLine(doc: Y.Doc, ctx: CommandContext, field: BriefLineField, value: string): Result<void> {
  const trimmed = value.replace(/[\r\n]+/g, ' ');
  if (trimmed.length > LIMITS.shortText) return err('brief/too-long', `Keep this under ${LIMITS.shortText} characters.`);
  if (field === 'title' && trimmed.trim() === '') return err('brief/title-empty', 'A plan needs a title.');
  transactLocal(doc, () => {
    const brief = briefMap(doc);
    if (brief.get(field) === trimmed) return;
    brief.set(field, trimmed);
    recordActivity(doc, ctx, `activity.brief.${field}`, trimmed);
  });
  return ok(undefined);
}

export function setPlanKind(doc: Y.Doc, ctx: CommandContext, kind: PlanKind): Result<void> {
  if (!PLAN_KINDS.includes(kind)) return err('brief/bad-kind', 'Unknown plan kind.');
  transactLocal(doc, () => {
    briefMap(doc).set('kind', kind);
    recordActivity(doc, ctx, 'activity.brief.kind', kind);
  });
  return ok(undefined);
}

/** The target date is business-critical: concurrent changes are flagged for confirmation. */
export function setTargetDate(doc: Y.Doc, ctx: CommandContext, date: string | null): Result<void> {
  if (date !== null && !isIsoDate(date)) return err('date/invalid', 'That is not a valid date.');
  transactLocal(doc, () => {
    briefMap(doc).set('targetDate', date);
    recordCriticalEdit(doc, ctx, 'brief.targetDate', date);
    recordActivity(doc, ctx, 'activity.brief.targetDate', date ?? '');
  });
  return ok(undefined);
}

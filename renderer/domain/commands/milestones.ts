import type * as Y from 'yjs';
import { err, ok, type Result } from '../../../shared/result';
import type { CommandContext } from '../context';
import { recordActivity } from '../activity';
import { insertEntity, nextOrder, patchEntity } from '../collection';
import { recordCriticalEdit } from '../critical';
import { asEntity, milestonesMap } from '../docShape';
import { DISCIPLINES, LIMITS, MILESTONE_KINDS, type Discipline } from '../schema';
import { transactLocal } from '../transact';
import { isIsoDate } from '../validate';

export interface MilestoneInput {
  title: string;
  date: string | null;
  endDate?: string | null;
  discipline: Discipline;
  kind: (typeof MILESTONE_KINDS)[number];
}

function validate(input: Partial<MilestoneInput>): Result<void> {
  if (input.title !== undefined && input.title.trim() === '') return err('milestone/title-empty', 'Give the milestone a title.');
  if (input.title !== undefined && input.title.length > LIMITS.shortText) return err('milestone/too-long', 'Keep the title short.');
  if (input.date != null && !isIsoDate(input.date)) return err('date/invalid', 'That is not a valid date.');
  if (input.endDate != null && !isIsoDate(input.endDate)) return err('date/invalid', 'That is not a valid end date.');
  if (input.date != null && input.endDate != null && input.endDate < input.date)
    return err('milestone/end-before-start', 'The end date is before the start date.');
  if (input.discipline !== undefined && !DISCIPLINES.includes(input.discipline)) return err('milestone/bad-discipline', 'Unknown discipline.');
  if (input.kind !== undefined && !MILESTONE_KINDS.includes(input.kind)) return err('milestone/bad-kind', 'Unknown kind.');
  return ok(undefined);
}

export function addMilestone(doc: Y.Doc, ctx: CommandContext, input: MilestoneInput): Result<string> {
  const valid = validate(input);
  if (!valid.ok) return valid;
  const id = ctx.newId();
  transactLocal(doc, () => {
    const milestones = milestonesMap(doc);
    insertEntity(milestones, id, {
      title: input.title.trim(),
      date: input.date,
      discipline: input.discipline,
      kind: input.kind,
      order: nextOrder(milestones),
      // Absent reads as "no end date" and "not done" (MilestoneSchema): two fewer entries per
      // milestone in every copy of the plan, on disk and on the wire.
      ...(input.endDate ? { endDate: input.endDate } : {}),
    });
    recordActivity(doc, ctx, 'activity.milestone.added', input.title.trim());
  });
  return ok(id);
}

export function updateMilestone(doc: Y.Doc, ctx: CommandContext, id: string, patch: Partial<MilestoneInput & { done: boolean }>): Result<void> {
  const milestone = asEntity(milestonesMap(doc).get(id));
  if (!milestone) return err('milestone/missing', 'This milestone was removed, perhaps by a colleague.');
  const merged = {
    date: (milestone.get('date') as string | null | undefined) ?? null,
    endDate: (milestone.get('endDate') as string | null | undefined) ?? null,
    ...patch,
  };
  const valid = validate({ ...patch, date: merged.date, endDate: merged.endDate });
  if (!valid.ok) return valid;
  transactLocal(doc, () => {
    const { title, ...rest } = patch;
    const changed = patchEntity(milestone, { ...rest, ...(title !== undefined ? { title: title.trim() } : {}) });
    if (patch.date !== undefined && changed) recordCriticalEdit(doc, ctx, `milestones.${id}.date`, patch.date);
    if (changed) recordActivity(doc, ctx, 'activity.milestone.updated', String(milestone.get('title') ?? ''));
  });
  return ok(undefined);
}

export function removeMilestone(doc: Y.Doc, ctx: CommandContext, id: string): Result<void> {
  const milestones = milestonesMap(doc);
  const milestone = asEntity(milestones.get(id));
  if (!milestone) return err('milestone/missing', 'This milestone was already removed.');
  transactLocal(doc, () => {
    milestones.delete(id);
    recordActivity(doc, ctx, 'activity.milestone.removed', String(milestone.get('title') ?? ''));
  });
  return ok(undefined);
}

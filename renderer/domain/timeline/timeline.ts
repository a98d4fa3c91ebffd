import type * as Y from 'yjs';
import { err, type Result } from '../../../shared/result';
import type { CommandContext } from '../context';
import { asEntity } from '../docShape';
import { updateMilestone } from '../commands/milestones';
import { updatePilot } from '../pilots/commands';
import { pilotsMap, readPilotData } from '../pilots/schema';
import { readBrief, readMeta, readMilestones } from '../queries/readPlan';
import type { Discipline, Stage } from '../schema';
import { addDays, daysBetween } from '../scorecard/weeks';

export type TimelineKind = 'milestone' | 'campaign' | 'pilot';

export interface TimelineItem {
  /** Unique across plans: `${planId}:${kind}:${id}`. */
  key: string;
  planId: string;
  planTitle: string;
  stage: Stage;
  kind: TimelineKind;
  id: string;
  title: string;
  start: string;
  /** Same as start for a one-day milestone. */
  end: string;
  /** Pilots belong to sales (they run with named reps); the rest carry their own discipline. */
  discipline: Discipline;
  done: boolean;
}

export interface TimelineFilter {
  planIds?: readonly string[];
  disciplines?: readonly Discipline[];
  stages?: readonly Stage[];
  kinds?: readonly TimelineKind[];
  /** Inclusive ISO days: items overlapping [from, to] are kept. */
  from?: string;
  to?: string;
}

export interface TimelinePlan {
  planId: string;
  doc: Y.Doc;
  title?: string;
}

export interface TimelineView {
  items: TimelineItem[];
  /** Dated nothing yet: listed so people can give them a date. */
  undated: number;
  /** Earliest start and latest end of the items (null when there are none). */
  range: { from: string; to: string } | null;
}

/** Milestones, campaign flights and pilot periods of all plans, sorted by start. */
export function buildTimeline(plans: readonly TimelinePlan[], filter: TimelineFilter = {}): TimelineView {
  const items: TimelineItem[] = [];
  let undated = 0;
  for (const plan of plans) {
    const brief = readBrief(plan.doc);
    const planId = plan.planId || readMeta(plan.doc).planId;
    const base = { planId, planTitle: plan.title ?? brief.title, stage: brief.stage };
    for (const m of readMilestones(plan.doc).items) {
      if (m.date === null) {
        undated += 1;
        continue;
      }
      const end = m.endDate !== null && m.endDate >= m.date ? m.endDate : m.date;
      items.push({ ...base, key: `${planId}:${m.kind}:${m.id}`, kind: m.kind, id: m.id, title: m.title, start: m.date, end, discipline: m.discipline, done: m.done });
    }
    pilotsMap(plan.doc).forEach((value, id) => {
      const entity = asEntity(value);
      const pilot = entity ? readPilotData(id, entity) : null;
      if (!pilot) return;
      const start = pilot.start ?? pilot.end;
      if (!start) {
        undated += 1;
        return;
      }
      const end = pilot.end !== null && pilot.end >= start ? pilot.end : start;
      items.push({ ...base, key: `${planId}:pilot:${id}`, kind: 'pilot', id, title: pilot.name, start, end, discipline: 'sales', done: pilot.decision !== null });
    });
  }
  const kept = items.filter(
    (i) =>
      (!filter.planIds?.length || filter.planIds.includes(i.planId)) &&
      (!filter.disciplines?.length || filter.disciplines.includes(i.discipline)) &&
      (!filter.stages?.length || filter.stages.includes(i.stage)) &&
      (!filter.kinds?.length || filter.kinds.includes(i.kind)) &&
      (!filter.from || i.end >= filter.from) &&
      (!filter.to || i.start <= filter.to),
  );
  kept.sort((a, b) => a.start.localeCompare(b.start) || a.end.localeCompare(b.end) || a.key.localeCompare(b.key));
  const range = kept.length === 0 ? null : { from: kept[0]?.start ?? '', to: kept.reduce((max, i) => (i.end > max ? i.end : max), '') };
  return { items: kept, undated, range };
}

/**
 * Moves an item by whole days, keeping its length: one command, one transaction, one undo step.
 * Milestone and pilot dates are business-critical, so concurrent moves are flagged as usual.
 */
export function shiftTimelineItem(doc: Y.Doc, ctx: CommandContext, item: Pick<TimelineItem, 'kind' | 'id'>, days: number): Result<void> {
  if (!Number.isInteger(days) || Math.abs(days) > 3650) return err('timeline/bad-shift', 'Cannot move that far.');
  if (item.kind === 'pilot') {
    const entity = asEntity(pilotsMap(doc).get(item.id));
    const pilot = entity ? readPilotData(item.id, entity) : null;
    if (!pilot) return err('pilot/missing', 'This pilot was removed, perhaps by a colleague.');
    return updatePilot(doc, ctx, item.id, {
      start: pilot.start === null ? null : addDays(pilot.start, days),
      end: pilot.end === null ? null : addDays(pilot.end, days),
    });
  }
  const milestone = readMilestones(doc).items.find((m) => m.id === item.id);
  if (!milestone) return err('milestone/missing', 'This milestone was removed, perhaps by a colleague.');
  if (milestone.date === null) return err('timeline/undated', 'Give it a date first.');
  return updateMilestone(doc, ctx, item.id, {
    date: addDays(milestone.date, days),
    ...(milestone.endDate !== null ? { endDate: addDays(milestone.endDate, days) } : {}),
  });
}

/** Moves an item so it starts on `start` (drag and drop gives a target day). */
export function rescheduleTimelineItem(doc: Y.Doc, ctx: CommandContext, item: Pick<TimelineItem, 'kind' | 'id' | 'start'>, start: string): Result<void> {
  const days = daysBetween(item.start, start);
  if (days === null) return err('date/invalid', 'That is not a valid date.');
  return shiftTimelineItem(doc, ctx, item, days);
}

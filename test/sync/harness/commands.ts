import type * as Y from 'yjs';
import {
  addMilestone,
  addPhase,
  addSegment,
  changeStage,
  readPlan,
  removeMilestone,
  removePhase,
  removeSegment,
  renamePhase,
  renameSegment,
  setBriefLine,
  setBriefText,
  setJourneyCell,
  setSegmentPriority,
  setSegmentText,
  setTargetDate,
  updateMilestone,
  confirmConflict,
  DISCIPLINES,
  PRIORITIES,
  STAGES,
  type CommandContext,
  type Person,
} from '../../../renderer/domain';
import { randomSalesCommand } from './salesCommands';

export type Rng = () => number;

const pick = <T>(rng: Rng, items: readonly T[]): T | undefined => items[Math.floor(rng() * items.length)];
const word = (rng: Rng): string => pick(rng, ['lead', 'pilot', 'offer', 'price', 'segment', 'Ärger', 'tilaus', '🚀', 'demo', 'ROI']) ?? 'x';
const date = (rng: Rng): string => `2027-${String(1 + Math.floor(rng() * 12)).padStart(2, '0')}-${String(1 + Math.floor(rng() * 28)).padStart(2, '0')}`;

/**
 * Edits a string at a random position, like a person typing or deleting. Positions are UTF-16
 * units, so an edit can land inside an emoji and leave half of it: deliberately bad input, which
 * every peer must still read the same (test/sync/harnessFindings.test.ts).
 */
function typeInto(rng: Rng, text: string): string {
  const at = Math.floor(rng() * (text.length + 1));
  if (rng() < 0.3 && text.length > 0) return text.slice(0, at) + text.slice(Math.min(text.length, at + 1 + Math.floor(rng() * 5)));
  return `${text.slice(0, at)}${word(rng)} ${text.slice(at)}`;
}

/** Share of commands on the sales side (offers, reviews, pilots, scorecard, insights, comments, weekly syncs). */
const SALES_SHARE = 0.5;

/**
 * One random domain command, as a user would issue it, returning a description for the
 * reproduction log. Failing commands (e.g. editing something a peer removed) are legal
 * outcomes and part of the test. `people` are everyone in the simulation (review requests name
 * reviewers among them).
 */
export function randomCommand(doc: Y.Doc, ctx: CommandContext, rng: Rng, people: readonly Person[] = []): string {
  if (rng() < SALES_SHARE) return randomSalesCommand(doc, ctx, rng, people);
  const view = readPlan(doc);
  const segment = pick(rng, view.segments);
  const phase = pick(rng, view.phases);
  const milestone = pick(rng, view.milestones);
  const conflict = pick(rng, view.conflicts);
  const choice = Math.floor(rng() * 17);
  switch (choice) {
    case 0: {
      const field = pick(rng, ['pain', 'objective', 'valueProposition'] as const) ?? 'pain';
      setBriefText(doc, ctx, field, typeInto(rng, view.brief[field]));
      return `setBriefText ${field}`;
    }
    case 1:
      setBriefLine(doc, ctx, 'title', `${word(rng)} launch`);
      return 'setBriefLine title';
    case 2:
      addSegment(doc, ctx, `${word(rng)} segment`);
      return 'addSegment';
    case 3:
      if (!segment) return 'noop';
      renameSegment(doc, ctx, segment.id, typeInto(rng, segment.name));
      return `renameSegment ${segment.id}`;
    case 4: {
      if (!segment) return 'noop';
      const field = pick(rng, ['firmographics', 'pains', 'buyingMotives', 'decisionMakers'] as const) ?? 'pains';
      setSegmentText(doc, ctx, segment.id, field, typeInto(rng, segment[field]));
      return `setSegmentText ${segment.id} ${field}`;
    }
    case 5:
      if (!segment) return 'noop';
      setSegmentPriority(doc, ctx, segment.id, pick(rng, PRIORITIES) ?? 'high');
      return `setSegmentPriority ${segment.id}`;
    case 6:
      if (!segment || rng() < 0.5) return 'noop';
      removeSegment(doc, ctx, segment.id);
      return `removeSegment ${segment.id}`;
    case 7:
      addPhase(doc, ctx, `${word(rng)} phase`);
      return 'addPhase';
    case 8:
      if (!phase || rng() < 0.7) return 'noop';
      removePhase(doc, ctx, phase.id);
      return `removePhase ${phase.id}`;
    case 9: {
      if (!phase) return 'noop';
      const discipline = pick(rng, DISCIPLINES) ?? 'sales';
      const field = pick(rng, ['owner', 'activities', 'handoff'] as const) ?? 'activities';
      const current = view.journey[phase.id]?.[discipline][field] ?? '';
      setJourneyCell(doc, ctx, phase.id, discipline, field, field === 'owner' ? word(rng) : typeInto(rng, current));
      return `setJourneyCell ${phase.id} ${discipline} ${field}`;
    }
    case 10:
      addMilestone(doc, ctx, { title: `${word(rng)} milestone`, date: date(rng), discipline: pick(rng, DISCIPLINES) ?? 'sales', kind: 'milestone' });
      return 'addMilestone';
    case 11:
      if (!milestone) return 'noop';
      updateMilestone(doc, ctx, milestone.id, rng() < 0.5 ? { date: date(rng) } : { done: !milestone.done });
      return `updateMilestone ${milestone.id}`;
    case 12:
      if (!milestone || rng() < 0.6) return 'noop';
      removeMilestone(doc, ctx, milestone.id);
      return `removeMilestone ${milestone.id}`;
    case 13: {
      const stage = pick(rng, STAGES) ?? 'draft';
      changeStage(doc, ctx, rng() < 0.5 ? { stage } : { stage, overrideReason: 'workshop decision' });
      return `changeStage ${stage}`;
    }
    case 14:
      setTargetDate(doc, ctx, date(rng));
      return 'setTargetDate';
    case 15:
      if (!phase) return 'noop';
      renamePhase(doc, ctx, phase.id, `${word(rng)} phase`);
      return `renamePhase ${phase.id}`;
    default: {
      if (!conflict) return 'noop';
      const candidate = pick(rng, conflict.candidates);
      confirmConflict(doc, ctx, conflict.path, candidate?.value);
      return `confirmConflict ${conflict.path}`;
    }
  }
}

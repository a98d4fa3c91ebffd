import * as Y from 'yjs';
import type { CommandContext } from '../context';
import { recordActivity } from '../activity';
import { insertEntity } from '../collection';
import { briefMap, metaMap, milestonesMap, phasesMap } from '../docShape';
import { DEFAULT_PHASES, DOC_SCHEMA_VERSION, type Discipline, type PlanKind } from '../schema';
import { transactLocal } from '../transact';
import { insertJourneyRow } from './journey';

export interface TemplateMilestone {
  key: string;
  discipline: Discipline;
  kind: 'milestone' | 'campaign';
}

/** What each template seeds; titles are i18n keys the caller translates (`template.milestone.<key>`). */
export const TEMPLATES: Record<PlanKind, { milestones: TemplateMilestone[] }> = {
  launch: {
    milestones: [
      { key: 'sales-review', discipline: 'sales', kind: 'milestone' },
      { key: 'pilot-start', discipline: 'sales', kind: 'milestone' },
      { key: 'launch-campaign', discipline: 'marketing', kind: 'campaign' },
      { key: 'rollout', discipline: 'implementation', kind: 'milestone' },
    ],
  },
  campaign: {
    milestones: [
      { key: 'brief-approved', discipline: 'marketing', kind: 'milestone' },
      { key: 'campaign-flight', discipline: 'marketing', kind: 'campaign' },
      { key: 'lead-handoff', discipline: 'sales', kind: 'milestone' },
    ],
  },
  'offer-change': {
    milestones: [
      { key: 'sales-review', discipline: 'sales', kind: 'milestone' },
      { key: 'pilot-start', discipline: 'sales', kind: 'milestone' },
      { key: 'rollout', discipline: 'implementation', kind: 'milestone' },
    ],
  },
};

export interface NewPlan {
  planId: string;
  kind: PlanKind;
  title: string;
  owner?: string;
  /** Translates template keys (phase names, milestone titles) into the creator's language. */
  label: (key: string) => string;
}

/** Seeds an empty document from a template. */
export function createPlan(doc: Y.Doc, ctx: CommandContext, plan: NewPlan): void {
  transactLocal(doc, () => {
    const meta = metaMap(doc);
    meta.set('schemaVersion', DOC_SCHEMA_VERSION);
    meta.set('planId', plan.planId);
    meta.set('createdAt', ctx.now());
    meta.set('createdBy', ctx.actor.name);
    const brief = briefMap(doc);
    brief.set('title', plan.title.trim().slice(0, 200) || plan.label('plan.untitled'));
    brief.set('kind', plan.kind);
    brief.set('stage', 'draft');
    brief.set('owner', plan.owner ?? ctx.actor.name);
    // Created up front: two peers creating the same Y.Text concurrently would keep only one.
    for (const field of ['pain', 'objective', 'valueProposition'] as const) brief.set(field, new Y.Text());
    const phases = phasesMap(doc);
    DEFAULT_PHASES.forEach((key, index) => {
      const phaseId = ctx.newId();
      insertEntity(phases, phaseId, { name: plan.label(`phase.${key}`), order: index + 1 });
      insertJourneyRow(doc, phaseId);
    });
    const milestones = milestonesMap(doc);
    TEMPLATES[plan.kind].milestones.forEach((m, index) => {
      insertEntity(milestones, ctx.newId(), {
        title: plan.label(`template.milestone.${m.key}`),
        date: null,
        discipline: m.discipline,
        kind: m.kind,
        order: index + 1,
      });
    });
    recordActivity(doc, ctx, 'activity.plan-created', plan.title);
  });
}

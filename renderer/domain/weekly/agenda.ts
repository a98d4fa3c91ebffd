import type * as Y from 'yjs';
import { readCriticalHistory } from '../critical';
import { asEntity } from '../docShape';
import { readPilotData, pilotsMap } from '../pilots/schema';
import { readBrief, readMeta, readMilestones } from '../queries/readPlan';
import { readReviewEntries } from '../reviews/schema';
import type { PilotDecision } from '../pilots/schema';
import type { Stage } from '../schema';
import { KPI_IDS, kpiStatus, type KpiId, type KpiStatus } from '../scorecard/kpis';
import { readScorecardData } from '../scorecard/model';
import { kpiForWeek, weeklyTarget } from '../scorecard/queries';
import { addDays, timeToDay } from '../scorecard/weeks';
import { readInsights, type InsightType } from '../insights/model';
import type { MeetingItem } from './model';

export const UPCOMING_DAYS = 14;

export interface AgendaPlan {
  planId: string;
  doc: Y.Doc;
  title?: string;
}

interface PlanRef {
  planId: string;
  planTitle: string;
}

export interface AgendaKpi extends PlanRef {
  kpi: KpiId;
  week: string;
  actual: number | null;
  target: number | null;
  /** actual − target (null when either is missing); read with the KPI's direction. */
  delta: number | null;
  status: KpiStatus;
}
export interface AgendaTargetChange extends PlanRef {
  kpi: KpiId;
  period: string;
  from: number | null;
  to: number | null;
  reason: string;
  byName: string;
  at: number;
}
export interface AgendaStageChange extends PlanRef {
  from: Stage | null;
  to: Stage;
  byName: string;
  at: number;
}
export interface AgendaReview extends PlanRef {
  kind: 'requested' | 'answered';
  targetName: string;
  byName: string;
  verdict: string | null;
  at: number;
}
export interface AgendaPilotDecision extends PlanRef {
  pilotName: string;
  decision: PilotDecision;
  rationale: string;
  byName: string;
  at: number;
}
export interface AgendaInsight extends PlanRef {
  id: string;
  type: InsightType;
  text: string;
  competitor: string;
  authorName: string;
  at: number;
}
export interface AgendaUpcoming extends PlanRef {
  id: string;
  kind: 'milestone' | 'campaign' | 'pilot-start' | 'pilot-end';
  title: string;
  date: string;
  endDate: string | null;
}
export interface AgendaReschedule extends PlanRef {
  id: string;
  title: string;
  from: string | null;
  to: string | null;
  byName: string;
  at: number;
}

export interface Agenda {
  since: number;
  now: number;
  kpis: AgendaKpi[];
  targetChanges: AgendaTargetChange[];
  stageChanges: AgendaStageChange[];
  reviews: AgendaReview[];
  pilotDecisions: AgendaPilotDecision[];
  insights: AgendaInsight[];
  rescheduled: AgendaReschedule[];
  upcoming: AgendaUpcoming[];
  /** Key deals and product changes attendees noted for this meeting. */
  deals: MeetingItem[];
  productChanges: MeetingItem[];
  /** Open action items from earlier meetings. */
  openActions: MeetingItem[];
}

export interface AgendaExtras {
  /** Items attendees noted (only `deal` and `product-change` are used). */
  noted?: readonly MeetingItem[];
  openActions?: readonly MeetingItem[];
  horizonDays?: number;
}

const within = (at: number, since: number, now: number): boolean => at > since && at <= now;

function kpiDeltas(ref: PlanRef, doc: Y.Doc, since: number, now: number): AgendaKpi[] {
  const data = readScorecardData(doc);
  const touched = [...data.actuals.filter((a) => within(a.at, since, now)).map((a) => a.week), ...data.ratings.filter((r) => within(r.at, since, now)).map((r) => r.week)];
  if (touched.length === 0) return [];
  // The most recent week that got new numbers is what the meeting talks about.
  const week = touched.sort().at(-1) ?? '';
  return KPI_IDS.flatMap((kpi) => {
    const actual = kpiForWeek(data, kpi, week);
    const target = weeklyTarget(data, kpi, week);
    if (actual === null) return [];
    return [{ ...ref, kpi, week, actual, target, delta: target === null ? null : actual - target, status: kpiStatus(kpi, actual, target) }];
  });
}

function stageChanges(ref: PlanRef, doc: Y.Doc, since: number, now: number): AgendaStageChange[] {
  const history = readCriticalHistory(doc, 'brief.stage');
  const out: AgendaStageChange[] = [];
  history.forEach((edit, index) => {
    if (!within(edit.at, since, now) || typeof edit.value !== 'string') return;
    const before = index > 0 ? history[index - 1]?.value : null;
    out.push({ ...ref, from: typeof before === 'string' ? (before as Stage) : null, to: edit.value as Stage, byName: edit.byName, at: edit.at });
  });
  return out;
}

function reviews(ref: PlanRef, doc: Y.Doc, since: number, now: number): AgendaReview[] {
  const { requests, answers } = readReviewEntries(doc);
  const names = new Map(requests.map((r) => [r.id, r.targetName]));
  return [
    ...requests.filter((r) => within(r.requestedAt, since, now)).map((r) => ({ ...ref, kind: 'requested' as const, targetName: r.targetName, byName: r.requestedByName, verdict: null, at: r.requestedAt })),
    ...answers
      .filter((a) => within(a.answeredAt, since, now))
      .map((a) => ({ ...ref, kind: 'answered' as const, targetName: names.get(a.requestId) ?? '', byName: a.reviewerName, verdict: a.verdict, at: a.answeredAt })),
  ];
}

function pilotDecisions(ref: PlanRef, doc: Y.Doc, since: number, now: number): AgendaPilotDecision[] {
  const out: AgendaPilotDecision[] = [];
  pilotsMap(doc).forEach((value, id) => {
    const entity = asEntity(value);
    const pilot = entity ? readPilotData(id, entity) : null;
    for (const d of pilot?.decisions ?? []) {
      if (pilot && within(d.at, since, now)) out.push({ ...ref, pilotName: pilot.name, decision: d.decision, rationale: d.rationale, byName: d.byName, at: d.at });
    }
  });
  return out;
}

function upcoming(ref: PlanRef, doc: Y.Doc, today: string, horizon: string): { upcoming: AgendaUpcoming[]; milestones: { id: string; title: string }[] } {
  const milestones = readMilestones(doc).items;
  const list: AgendaUpcoming[] = [];
  for (const m of milestones) {
    if (m.done || m.date === null) continue;
    const end = m.endDate ?? m.date;
    // A campaign flight counts when any part of it falls in the window (running or starting).
    if (m.date <= horizon && end >= today) list.push({ ...ref, id: m.id, kind: m.kind, title: m.title, date: m.date, endDate: m.endDate });
  }
  pilotsMap(doc).forEach((value, id) => {
    const entity = asEntity(value);
    const pilot = entity ? readPilotData(id, entity) : null;
    if (!pilot || pilot.decision) return;
    if (pilot.start && pilot.start >= today && pilot.start <= horizon) list.push({ ...ref, id, kind: 'pilot-start', title: pilot.name, date: pilot.start, endDate: pilot.end });
    if (pilot.end && pilot.end >= today && pilot.end <= horizon) list.push({ ...ref, id, kind: 'pilot-end', title: pilot.name, date: pilot.end, endDate: null });
  });
  return { upcoming: list, milestones: milestones.map((m) => ({ id: m.id, title: m.title })) };
}

function rescheduled(ref: PlanRef, doc: Y.Doc, milestones: readonly { id: string; title: string }[], since: number, now: number): AgendaReschedule[] {
  const out: AgendaReschedule[] = [];
  for (const m of milestones) {
    const history = readCriticalHistory(doc, `milestones.${m.id}.date`);
    history.forEach((edit, index) => {
      if (!within(edit.at, since, now)) return;
      const before = index > 0 ? history[index - 1]?.value : null;
      out.push({ ...ref, id: m.id, title: m.title, from: typeof before === 'string' ? before : null, to: typeof edit.value === 'string' ? edit.value : null, byName: edit.byName, at: edit.at });
    });
  }
  return out;
}

const byAt = <T extends { at: number }>(a: T, b: T): number => a.at - b.at;

/**
 * The agenda of a weekly sync: exactly what changed in (since, now] across the given plans, plus
 * what is coming in the next 14 days. Pure: the same documents, since and now give the same
 * agenda, so a past meeting's agenda can be rebuilt for its minutes.
 */
export function buildAgenda(plans: readonly AgendaPlan[] | Y.Doc, since: number, now: number, extras: AgendaExtras = {}): Agenda {
  const list: readonly AgendaPlan[] = Array.isArray(plans) ? plans : [{ planId: '', doc: plans as Y.Doc }];
  const today = timeToDay(now);
  const horizon = addDays(today, extras.horizonDays ?? UPCOMING_DAYS) ?? today;
  const agenda: Agenda = {
    since,
    now,
    kpis: [],
    targetChanges: [],
    stageChanges: [],
    reviews: [],
    pilotDecisions: [],
    insights: [],
    rescheduled: [],
    upcoming: [],
    deals: (extras.noted ?? []).filter((i) => i.kind === 'deal'),
    productChanges: (extras.noted ?? []).filter((i) => i.kind === 'product-change'),
    openActions: [...(extras.openActions ?? [])],
  };
  for (const plan of list) {
    const ref: PlanRef = { planId: plan.planId || readMeta(plan.doc).planId, planTitle: plan.title ?? readBrief(plan.doc).title };
    agenda.kpis.push(...kpiDeltas(ref, plan.doc, since, now));
    const data = readScorecardData(plan.doc);
    agenda.targetChanges.push(
      ...data.targets
        .filter((t) => within(t.at, since, now))
        .map((t) => {
          const change = [...data.changes].reverse().find((c) => c.kpi === t.kpi && c.period === t.period && c.at === t.at);
          return { ...ref, kpi: t.kpi, period: t.period, from: change?.from ?? null, to: t.value, reason: change?.reason ?? '', byName: t.byName, at: t.at };
        }),
    );
    agenda.stageChanges.push(...stageChanges(ref, plan.doc, since, now));
    agenda.reviews.push(...reviews(ref, plan.doc, since, now));
    agenda.pilotDecisions.push(...pilotDecisions(ref, plan.doc, since, now));
    agenda.insights.push(
      ...readInsights(plan.doc)
        .items.filter((i) => within(i.createdAt, since, now))
        .map((i) => ({ ...ref, id: i.id, type: i.type, text: i.text, competitor: i.competitor, authorName: i.authorName, at: i.createdAt })),
    );
    const next = upcoming(ref, plan.doc, today, horizon);
    agenda.upcoming.push(...next.upcoming);
    agenda.rescheduled.push(...rescheduled(ref, plan.doc, next.milestones, since, now));
  }
  agenda.targetChanges.sort(byAt);
  agenda.stageChanges.sort(byAt);
  agenda.reviews.sort(byAt);
  agenda.pilotDecisions.sort(byAt);
  agenda.insights.sort(byAt);
  agenda.rescheduled.sort(byAt);
  agenda.upcoming.sort((a, b) => a.date.localeCompare(b.date) || a.title.localeCompare(b.title));
  agenda.kpis.sort((a, b) => a.planTitle.localeCompare(b.planTitle) || KPI_IDS.indexOf(a.kpi) - KPI_IDS.indexOf(b.kpi));
  return agenda;
}

/** True when nothing changed and nothing is coming: the UI says so instead of an empty list. */
export function isAgendaEmpty(agenda: Agenda): boolean {
  return (
    agenda.kpis.length +
      agenda.targetChanges.length +
      agenda.stageChanges.length +
      agenda.reviews.length +
      agenda.pilotDecisions.length +
      agenda.insights.length +
      agenda.rescheduled.length +
      agenda.upcoming.length +
      agenda.deals.length +
      agenda.productChanges.length +
      agenda.openActions.length ===
    0
  );
}


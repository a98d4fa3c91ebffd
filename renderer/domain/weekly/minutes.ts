import { escapeMarkdown } from '../insights/queries';
import type { KpiId } from '../scorecard/kpis';
import type { Agenda } from './agenda';
import type { Meeting, MeetingItem } from './model';

/**
 * What the Markdown needs from the UI: translations and locale formatting. Keys used with `t`
 * (all under `weekly.md.`): title, attendees, agenda, kpis, targetChanges, stageChanges, reviews,
 * pilotDecisions, insights, rescheduled, upcoming, deals, productChanges, openActions, notes,
 * decisions, actions, none, owner, due, done, open; `kpi.<id>` names KPIs.
 */
export interface MinutesFormat {
  t: (key: string, vars?: Record<string, string | number>) => string;
  kpiValue: (kpi: KpiId, value: number | null) => string;
  day: (isoDay: string | null) => string;
  time: (ms: number) => string;
}

const md = (value: string): string => escapeMarkdown(value);

function list(out: string[], heading: string, lines: readonly string[], none: string): void {
  out.push(`### ${heading}`, '');
  if (lines.length === 0) out.push(`_${none}_`);
  else for (const line of lines) out.push(`- ${line}`);
  out.push('');
}

function actionLine(item: MeetingItem, f: MinutesFormat): string {
  const box = item.done ? '[x]' : '[ ]';
  const owner = item.owner ? ` — ${f.t('weekly.md.owner')}: ${md(item.owner)}` : '';
  const due = item.due ? ` — ${f.t('weekly.md.due')}: ${f.day(item.due)}` : '';
  return `${box} ${md(item.text)}${owner}${due}`;
}

/** The minutes of one meeting: agenda as it was built, then notes, decisions and action items. */
export function minutesMarkdown(meeting: Meeting, agenda: Agenda, f: MinutesFormat): string {
  const t = f.t;
  const none = t('weekly.md.none');
  const out: string[] = [`# ${t('weekly.md.title', { week: meeting.week, date: f.day(meeting.date) })}`, ''];
  if (meeting.title) out.push(`**${md(meeting.title)}**`, '');
  out.push(`${t('weekly.md.attendees')}: ${meeting.attendees.map((a) => md(a.name)).join(', ') || none}`, '');
  out.push(`## ${t('weekly.md.agenda')}`, '');
  const plan = (p: { planTitle: string }): string => (p.planTitle ? `${md(p.planTitle)}: ` : '');
  list(
    out,
    t('weekly.md.kpis'),
    agenda.kpis.map((k) => `${plan(k)}${t(`kpi.${k.kpi}`)} (${k.week}): ${f.kpiValue(k.kpi, k.actual)} / ${f.kpiValue(k.kpi, k.target)}`),
    none,
  );
  list(out, t('weekly.md.targetChanges'), agenda.targetChanges.map((c) => `${plan(c)}${t(`kpi.${c.kpi}`)} ${c.period}: ${f.kpiValue(c.kpi, c.from)} → ${f.kpiValue(c.kpi, c.to)}${c.reason ? ` — ${md(c.reason)}` : ''} (${md(c.byName)})`), none);
  list(out, t('weekly.md.stageChanges'), agenda.stageChanges.map((s) => `${plan(s)}${s.from ? `${t(`stage.${s.from}`)} → ` : ''}${t(`stage.${s.to}`)} (${md(s.byName)}, ${f.time(s.at)})`), none);
  list(out, t('weekly.md.reviews'), agenda.reviews.map((r) => `${plan(r)}${md(r.targetName)}: ${t(`weekly.md.review.${r.kind}`)}${r.verdict ? ` (${t(`verdict.${r.verdict}`)})` : ''} — ${md(r.byName)}`), none);
  list(out, t('weekly.md.pilotDecisions'), agenda.pilotDecisions.map((p) => `${plan(p)}${md(p.pilotName)}: ${t(`pilot.decision.${p.decision}`)} — ${md(p.rationale)} (${md(p.byName)})`), none);
  list(out, t('weekly.md.insights'), agenda.insights.map((i) => `${plan(i)}${t(`insight.type.${i.type}`)}: ${md(i.text)}${i.competitor ? ` (${md(i.competitor)})` : ''}`), none);
  list(out, t('weekly.md.rescheduled'), agenda.rescheduled.map((r) => `${plan(r)}${md(r.title)}: ${f.day(r.from)} → ${f.day(r.to)}`), none);
  list(out, t('weekly.md.upcoming'), agenda.upcoming.map((u) => `${f.day(u.date)}${u.endDate && u.endDate !== u.date ? `–${f.day(u.endDate)}` : ''} ${plan(u)}${md(u.title)}`), none);
  list(out, t('weekly.md.deals'), agenda.deals.map((d) => md(d.text)), none);
  list(out, t('weekly.md.productChanges'), agenda.productChanges.map((d) => md(d.text)), none);
  list(out, t('weekly.md.openActions'), agenda.openActions.map((a) => actionLine(a, f)), none);
  out.push(`## ${t('weekly.md.notes')}`, '', meeting.notes.trim() ? md(meeting.notes.trim()) : `_${none}_`, '');
  list(out, t('weekly.md.decisions'), meeting.items.filter((i) => i.kind === 'decision').map((i) => md(i.text)), none);
  list(out, t('weekly.md.actions'), meeting.items.filter((i) => i.kind === 'action').map((i) => actionLine(i, f)), none);
  return `${out.join('\n').trimEnd()}\n`;
}

import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  addMeetingItem,
  buildAgenda,
  carriedOverActions,
  closeMeeting,
  ITEM_KINDS,
  joinMeeting,
  minutesMarkdown,
  readMeetings,
  setMeetingNotes,
  startMeeting,
  updateMeetingItem,
  type Agenda,
  type Meeting,
  type MeetingItem,
  type MeetingItemKind,
} from '../../domain';
import { useServices } from '../../app/services';
import { usePlanSession, usePlanView, useRunCommand } from '../../app/usePlan';
import { useDateProps } from '../../app/useDateProps';
import { useErrorText } from '../../app/errorText';
import { useAppStore } from '../../state/store';
import { formatDay, formatDateTime } from '../../i18n';
import { AutoTextArea, Badge, Button, DateInput, EmptyState, Select } from '../../ui';
import { downloadName, formatKpi, useDocRead, useLanguage } from '../scorecard/shared';

const readAll = (doc: Parameters<typeof readMeetings>[0]) => readMeetings(doc).items;

export function WeeklySection() {
  const { t } = useTranslation();
  const meetings = useDocRead(readAll);
  const run = useRunCommand();
  const language = useLanguage();
  const [selected, setSelected] = useState<string | null>(null);
  const active = meetings.find((m) => m.id === selected) ?? meetings[meetings.length - 1] ?? null;
  const start = (): void => {
    const result = run((doc, ctx) => startMeeting(doc, ctx));
    if (result.ok) setSelected(result.value);
  };
  return (
    <div className="section__inner">
      <header className="section__header al-header">
        <div>
          <h2 className="section__title">{t('weekly.heading')}</h2>
          <p className="section__intro">{t('weekly.intro')}</p>
        </div>
        <Button variant="primary" icon="plus" onClick={start} data-testid="sync-start">
          {t('weekly.start')}
        </Button>
      </header>
      {meetings.length === 0 ? (
        <EmptyState icon="calendar" title={t('weekly.emptyTitle')} body={t('weekly.emptyBody')} />
      ) : (
        <div className="al-weekly">
          <nav className="al-meetings" aria-label={t('weekly.meetings')}>
            <ul>
              {[...meetings].reverse().map((m) => (
                <li key={m.id}>
                  <button type="button" className="al-tab" aria-pressed={m.id === active?.id} onClick={() => setSelected(m.id)} data-testid="sync-meeting">
                    {m.week} · {formatDay(m.date, language)} {m.closedAt > 0 ? <Badge tone="neutral">{t('weekly.closed')}</Badge> : null}
                  </button>
                </li>
              ))}
            </ul>
          </nav>
          {active ? <MeetingView key={active.id} meeting={active} meetings={meetings} /> : null}
        </div>
      )}
    </div>
  );
}

function MeetingView({ meeting, meetings }: { meeting: Meeting; meetings: Meeting[] }) {
  const { t } = useTranslation();
  const session = usePlanSession();
  const plan = usePlanView();
  const run = useRunCommand();
  const language = useLanguage();
  const { host } = useServices();
  const errorText = useErrorText();
  const showToast = useAppStore((s) => s.showToast);
  const carried = carriedOverActions(meetings, meeting);
  const now = meeting.closedAt > 0 ? meeting.closedAt : Date.now();
  const agenda = buildAgenda([{ planId: session.planId, doc: session.doc, title: plan.brief.title }], meeting.since, now, { noted: meeting.items, openActions: carried });
  const amHere = meeting.attendees.some((a) => a.actorId === session.ctx.actor.id);

  const exportMinutes = async (): Promise<void> => {
    const md = minutesMarkdown(meeting, agenda, {
      t: (key, vars) => t(mapKey(key), vars ?? {}),
      kpiValue: (kpi, value) => formatKpi(kpi, value, language),
      day: (d) => formatDay(d, language),
      time: (ms) => formatDateTime(ms, language),
    });
    const saved = await host.saveFile({ defaultName: downloadName(`${plan.brief.title} sync ${meeting.week}`, 'md'), filters: [{ name: 'Markdown', extensions: ['md'] }], content: md });
    if (!saved.ok) showToast({ tone: 'error', message: errorText(saved.error) });
    else if (saved.value) showToast({ tone: 'success', message: t('weekly.exported') });
  };

  return (
    <article className="al-meeting" data-testid="sync-view">
      <header className="al-row al-between">
        <h3 className="al-h3">{t('weekly.meetingTitle', { week: meeting.week, date: formatDay(meeting.date, language) })}</h3>
        <div className="al-row">
          {!amHere ? <Button onClick={() => run((doc, ctx) => joinMeeting(doc, ctx, meeting.id))}>{t('weekly.join')}</Button> : null}
          <Button icon="share" onClick={() => void exportMinutes()} data-testid="sync-export">
            {t('weekly.export')}
          </Button>
          {meeting.closedAt === 0 ? <Button onClick={() => run((doc, ctx) => closeMeeting(doc, ctx, meeting.id))}>{t('weekly.close')}</Button> : null}
        </div>
      </header>
      <p className="al-muted">
        {t('weekly.attendees')}: {meeting.attendees.map((a) => a.name).join(', ')} · {t('weekly.since', { when: formatDateTime(meeting.since, language) })}
      </p>
      <AgendaView agenda={agenda} />
      <section className="card">
        <h4 className="al-h3">{t('weekly.md.notes')}</h4>
        <AutoTextArea className="input" value={meeting.notes} onValue={(v) => run((doc, ctx) => setMeetingNotes(doc, ctx, meeting.id, v))} placeholder={t('weekly.notesPlaceholder')} data-testid="sync-notes" />
      </section>
      <section className="card">
        <h4 className="al-h3">{t('weekly.items')}</h4>
        <ItemList items={meeting.items.filter((i) => i.kind !== 'action')} />
        <h4 className="al-h3">{t('weekly.md.actions')}</h4>
        <ItemList items={meeting.items.filter((i) => i.kind === 'action')} testId="sync-actions" />
        <AddItem meetingId={meeting.id} />
      </section>
    </article>
  );
}

/** The domain's Markdown keys mapped onto the app's existing labels where they exist. */
function mapKey(key: string): string {
  if (key.startsWith('verdict.')) return `reviews.verdict.${key.slice(8)}`;
  if (key.startsWith('pilot.decision.')) return `weekly.decision.${key.slice(15)}`;
  if (key.startsWith('insight.type.')) return `insights.types.${key.slice(13)}`;
  return key;
}

function AgendaView({ agenda }: { agenda: Agenda }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const day = (d: string | null): string => formatDay(d, language);
  const sections: { key: string; lines: string[] }[] = [
    { key: 'kpis', lines: agenda.kpis.map((k) => `${t(`kpi.${k.kpi}`)} (${k.week}): ${formatKpi(k.kpi, k.actual, language)} · ${t('scorecard.target')} ${formatKpi(k.kpi, k.target, language)} · ${t(`scorecard.status.${k.status}`)}`) },
    { key: 'targetChanges', lines: agenda.targetChanges.map((c) => `${t(`kpi.${c.kpi}`)} ${c.period}: ${formatKpi(c.kpi, c.from, language)} → ${formatKpi(c.kpi, c.to, language)}${c.reason ? ` — ${c.reason}` : ''} (${c.byName})`) },
    { key: 'stageChanges', lines: agenda.stageChanges.map((s) => `${s.from ? `${t(`stage.${s.from}`)} → ` : ''}${t(`stage.${s.to}`)} (${s.byName})`) },
    { key: 'reviews', lines: agenda.reviews.map((r) => `${r.targetName}: ${t(`weekly.md.review.${r.kind}`)}${r.verdict ? ` (${t(`reviews.verdict.${r.verdict}`)})` : ''} — ${r.byName}`) },
    { key: 'pilotDecisions', lines: agenda.pilotDecisions.map((p) => `${p.pilotName}: ${t(`weekly.decision.${p.decision}`)} — ${p.rationale} (${p.byName})`) },
    { key: 'insights', lines: agenda.insights.map((i) => `${t(`insights.types.${i.type}`)}: ${i.text}${i.competitor ? ` (${i.competitor})` : ''}`) },
    { key: 'rescheduled', lines: agenda.rescheduled.map((r) => `${r.title}: ${r.from ? `${day(r.from)} → ` : ''}${day(r.to)}`) },
    { key: 'upcoming', lines: agenda.upcoming.map((u) => `${day(u.date)}${u.endDate && u.endDate !== u.date ? `–${day(u.endDate)}` : ''} ${u.title} (${t(`weekly.kind.${u.kind}`)})`) },
    { key: 'deals', lines: agenda.deals.map((d) => d.text) },
    { key: 'productChanges', lines: agenda.productChanges.map((d) => d.text) },
    { key: 'openActions', lines: agenda.openActions.map((a) => `${a.done ? '✓ ' : ''}${a.text}${a.owner ? ` — ${a.owner}` : ''}${a.due ? `, ${day(a.due)}` : ''}`) },
  ];
  const filled = sections.filter((s) => s.lines.length > 0);
  return (
    <section className="card al-agenda" data-testid="sync-agenda">
      <h4 className="al-h3">{t('weekly.md.agenda')}</h4>
      {filled.length === 0 ? <p className="al-muted">{t('weekly.agendaEmpty')}</p> : null}
      {filled.map((s) => (
        <div key={s.key} data-testid={`agenda-${s.key}`}>
          <h5 className="al-agenda__h">{t(`weekly.md.${s.key}`)}</h5>
          <ul className="al-list">
            {s.lines.map((line, i) => (
              <li key={i}>{line}</li>
            ))}
          </ul>
        </div>
      ))}
    </section>
  );
}

function ItemList({ items, testId }: { items: MeetingItem[]; testId?: string }) {
  const { t } = useTranslation();
  const run = useRunCommand();
  const language = useLanguage();
  if (items.length === 0) return <p className="al-muted">{t('weekly.md.none')}</p>;
  return (
    <ul className="al-list" data-testid={testId}>
      {items.map((i) => (
        <li key={i.id} className="al-row">
          {i.kind === 'action' ? (
            <input type="checkbox" checked={i.done} aria-label={t('weekly.markDone', { text: i.text })} onChange={(e) => run((doc, ctx) => updateMeetingItem(doc, ctx, i.id, { done: e.currentTarget.checked }))} />
          ) : (
            <Badge tone="blue">{t(`weekly.kinds.${i.kind}`)}</Badge>
          )}
          <span className={i.done ? 'al-done' : undefined}>{i.text}</span>
          {i.owner ? <span className="al-muted">{i.owner}</span> : null}
          {i.due ? <span className="al-muted">{formatDay(i.due, language)}</span> : null}
        </li>
      ))}
    </ul>
  );
}

function AddItem({ meetingId }: { meetingId: string }) {
  const { t } = useTranslation();
  const run = useRunCommand();
  const dateProps = useDateProps();
  const [kind, setKind] = useState<MeetingItemKind>('action');
  const [text, setText] = useState('');
  const [owner, setOwner] = useState('');
  const [due, setDue] = useState<string | null>(null);
  const add = (e: FormEvent): void => {
    e.preventDefault();
    const result = run((doc, ctx) => addMeetingItem(doc, ctx, meetingId, { kind, text, owner, due }));
    if (result.ok) {
      setText('');
      setOwner('');
      setDue(null);
    }
  };
  return (
    <form className="al-row al-add-item" onSubmit={add}>
      <Select<MeetingItemKind> value={kind} onValue={setKind} aria-label={t('weekly.kind.label')} options={ITEM_KINDS.map((k) => ({ value: k, label: t(`weekly.kinds.${k}`) }))} data-testid="sync-item-kind" />
      <input className="input al-grow" value={text} placeholder={t('weekly.itemPlaceholder')} aria-label={t('weekly.itemText')} onChange={(e) => setText(e.currentTarget.value)} data-testid="sync-item-text" />
      {kind === 'action' ? (
        <>
          <input className="input" value={owner} placeholder={t('weekly.md.owner')} aria-label={t('weekly.md.owner')} onChange={(e) => setOwner(e.currentTarget.value)} />
          <DateInput {...dateProps} value={due} onValue={setDue} aria-label={t('weekly.md.due')} />
        </>
      ) : null}
      <Button type="submit" icon="plus" data-testid="sync-item-add">
        {t('weekly.add')}
      </Button>
    </form>
  );
}

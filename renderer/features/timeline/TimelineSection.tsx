import { useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { addDays, buildTimeline, daysBetween, DISCIPLINES, shiftTimelineItem, type Discipline, type TimelineItem, type TimelineKind } from '../../domain';
import { usePlanSession, usePlanView, useRunCommand } from '../../app/usePlan';
import { formatDay } from '../../i18n';
import { LOCALE_OF } from '../../i18n';
import { EmptyState, Select } from '../../ui';
import { todayIso, useDocRead, useLanguage } from '../scorecard/shared';

const DAY_PX = 14;
const ALL = 'all';
const KINDS: readonly TimelineKind[] = ['milestone', 'campaign', 'pilot'];

/**
 * A simple Gantt of the plan's milestones, campaign flights and pilot periods. Bars move by
 * dragging (whole days) or with the arrow keys (Shift = a week); each move is one command, so
 * one Ctrl+Z puts it back.
 */
export function TimelineSection() {
  const { t } = useTranslation();
  const session = usePlanSession();
  const plan = usePlanView();
  const language = useLanguage();
  const run = useRunCommand();
  const [discipline, setDiscipline] = useState<Discipline | typeof ALL>(ALL);
  const [kind, setKind] = useState<TimelineKind | typeof ALL>(ALL);
  const [drag, setDrag] = useState<{ key: string; startX: number; days: number } | null>(null);
  const moved = useRef(false);
  const view = useDocRead((doc) => buildTimeline([{ planId: session.planId, doc, title: plan.brief.title }]));
  const items = view.items.filter((i) => (discipline === ALL || i.discipline === discipline) && (kind === ALL || i.kind === kind));
  const today = todayIso();
  const from = addDays(view.range && view.range.from < today ? view.range.from : today, -7) ?? today;
  const to = addDays(view.range && view.range.to > today ? view.range.to : today, 21) ?? today;
  const totalDays = (daysBetween(from, to) ?? 0) + 1;
  const x = (day: string): number => (daysBetween(from, day) ?? 0) * DAY_PX;
  const monthFormat = new Intl.DateTimeFormat(LOCALE_OF[language], { month: 'short', year: 'numeric', timeZone: 'UTC' });
  const months: { day: string; label: string }[] = [];
  for (let i = 0; i < totalDays; i += 1) {
    const day = addDays(from, i);
    if (day && (i === 0 || day.endsWith('-01'))) months.push({ day, label: monthFormat.format(Date.parse(`${day}T00:00:00Z`)) });
  }

  const shift = (item: TimelineItem, days: number): void => {
    if (days !== 0) run((doc, ctx) => shiftTimelineItem(doc, ctx, item, days));
  };
  const onPointerDown = (item: TimelineItem, e: PointerEvent<HTMLButtonElement>): void => {
    e.currentTarget.setPointerCapture(e.pointerId);
    moved.current = false;
    setDrag({ key: item.key, startX: e.clientX, days: 0 });
  };
  const onPointerMove = (e: PointerEvent<HTMLButtonElement>): void => {
    if (!drag) return;
    const days = Math.round((e.clientX - drag.startX) / DAY_PX);
    if (days !== drag.days) {
      moved.current = true;
      setDrag({ ...drag, days });
    }
  };
  const onPointerUp = (item: TimelineItem): void => {
    if (drag && drag.key === item.key) shift(item, drag.days);
    setDrag(null);
  };
  const onKey = (item: TimelineItem, e: KeyboardEvent<HTMLButtonElement>): void => {
    const step = e.shiftKey ? 7 : 1;
    if (e.key === 'ArrowRight') shift(item, step);
    else if (e.key === 'ArrowLeft') shift(item, -step);
    else return;
    e.preventDefault();
  };

  return (
    <div className="section__inner">
      <header className="section__header">
        <h2 className="section__title">{t('timeline.heading')}</h2>
        <p className="section__intro">{t('timeline.intro')}</p>
      </header>
      <div className="al-row al-filters">
        <Select value={discipline} onValue={setDiscipline} aria-label={t('timeline.discipline')} options={[{ value: ALL, label: t('timeline.allDisciplines') }, ...DISCIPLINES.map((d) => ({ value: d, label: t(`discipline.${d}`) }))]} />
        <Select value={kind} onValue={setKind} aria-label={t('timeline.kind')} options={[{ value: ALL, label: t('timeline.allKinds') }, ...KINDS.map((k) => ({ value: k, label: t(`timeline.kinds.${k}`) }))]} />
        {view.undated > 0 ? <span className="al-muted">{t('timeline.undated', { count: view.undated })}</span> : null}
      </div>
      {items.length === 0 ? (
        <EmptyState icon="calendar" title={t('timeline.emptyTitle')} body={t('timeline.emptyBody')} />
      ) : (
        <div className="card card--flush al-gantt" data-testid="timeline">
          <div className="al-gantt__inner" style={{ width: 220 + totalDays * DAY_PX }}>
            <div className="al-gantt__head">
              <div className="al-gantt__label" />
              <div className="al-gantt__scale" style={{ width: totalDays * DAY_PX }}>
                {months.map((m) => (
                  <span key={m.day} className="al-gantt__month" style={{ left: x(m.day) }}>
                    {m.label}
                  </span>
                ))}
                <span className="al-gantt__today" style={{ left: x(today) }} title={t('timeline.today')} />
              </div>
            </div>
            {items.map((item) => {
              const offset = drag?.key === item.key ? drag.days : 0;
              const left = x(item.start) + offset * DAY_PX;
              const width = Math.max(DAY_PX, ((daysBetween(item.start, item.end) ?? 0) + 1) * DAY_PX);
              const shownStart = addDays(item.start, offset) ?? item.start;
              return (
                <div key={item.key} className="al-gantt__row" data-testid="timeline-row">
                  <div className="al-gantt__label">
                    <span className={`al-dot al-dot--${item.kind}`} aria-hidden="true" />
                    {item.title}
                  </div>
                  <div className="al-gantt__track" style={{ width: totalDays * DAY_PX }}>
                    <button
                      type="button"
                      className={`al-bar al-bar--${item.kind}${item.done ? ' al-bar--done' : ''}`}
                      style={{ left, width }}
                      aria-label={t('timeline.barLabel', { title: item.title, start: formatDay(shownStart, language), end: formatDay(addDays(item.end, offset), language) })}
                      aria-keyshortcuts="ArrowLeft ArrowRight Shift+ArrowLeft Shift+ArrowRight"
                      onPointerDown={(e) => onPointerDown(item, e)}
                      onPointerMove={onPointerMove}
                      onPointerUp={() => onPointerUp(item)}
                      onPointerCancel={() => setDrag(null)}
                      onKeyDown={(e) => onKey(item, e)}
                      data-testid="timeline-bar"
                      data-start={item.start}
                    >
                      {width > 60 ? formatDay(shownStart, language) : ''}
                    </button>
                  </div>
                </div>
              );
            })}
          </div>
        </div>
      )}
      <p className="al-muted">{t('timeline.help')}</p>
    </div>
  );
}

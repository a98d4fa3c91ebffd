import { useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { addDays, daysBetween, type TimelineItem } from '../../domain';
import { formatDay, LOCALE_OF } from '../../i18n';
import { todayIso, useLanguage } from '../scorecard/shared';

const DAY_PX = 14;

export interface GanttProps {
  items: readonly TimelineItem[];
  /** Earliest start and latest end of the items (the chart pads it and always shows today). */
  range: { from: string; to: string } | null;
  /** Called once per finished drag or key press with the whole days moved. */
  onShift: (item: TimelineItem, days: number) => void;
  /** Across plans each row also names its plan. */
  showPlan?: boolean;
}

/**
 * A simple Gantt of milestones, campaign flights and pilot periods. Bars move by dragging
 * (whole days) or with the arrow keys (Shift = a week); the caller turns each move into one
 * command, so one undo puts it back.
 */
export function Gantt({ items, range, onShift, showPlan = false }: GanttProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  const [drag, setDrag] = useState<{ key: string; startX: number; days: number } | null>(null);
  const moved = useRef(false);
  const today = todayIso();
  const from = addDays(range && range.from < today ? range.from : today, -7) ?? today;
  const to = addDays(range && range.to > today ? range.to : today, 21) ?? today;
  const totalDays = (daysBetween(from, to) ?? 0) + 1;
  const x = (day: string): number => (daysBetween(from, day) ?? 0) * DAY_PX;
  const monthFormat = new Intl.DateTimeFormat(LOCALE_OF[language], { month: 'short', year: 'numeric', timeZone: 'UTC' });
  const months: { day: string; label: string }[] = [];
  for (let i = 0; i < totalDays; i += 1) {
    const day = addDays(from, i);
    if (day && (i === 0 || day.endsWith('-01'))) months.push({ day, label: monthFormat.format(Date.parse(`${day}T00:00:00Z`)) });
  }

  const shift = (item: TimelineItem, days: number): void => {
    if (days !== 0) onShift(item, days);
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
            <div key={item.key} className="al-gantt__row" data-testid="timeline-row" data-plan={item.planId}>
              <div className="al-gantt__label" title={showPlan ? `${item.planTitle} · ${item.title}` : item.title}>
                <span className={`al-dot al-dot--${item.kind}`} aria-hidden="true" />
                {showPlan ? <span className="al-gantt__plan">{item.planTitle}</span> : null}
                {item.title}
              </div>
              <div className="al-gantt__track" style={{ width: totalDays * DAY_PX }}>
                <button
                  type="button"
                  className={`al-bar al-bar--${item.kind}${item.done ? ' al-bar--done' : ''}`}
                  style={{ left, width }}
                  aria-label={t('timeline.barLabel', { title: showPlan ? `${item.planTitle} – ${item.title}` : item.title, start: formatDay(shownStart, language), end: formatDay(addDays(item.end, offset), language) })}
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
  );
}

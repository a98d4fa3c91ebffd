import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { buildTimeline, DISCIPLINES, shiftTimelineItem, type Discipline, type TimelineItem, type TimelineKind } from '../../domain';
import { usePlanSession, usePlanView, useRunCommand } from '../../app/usePlan';
import { EmptyState, Select } from '../../ui';
import { useDocRead } from '../scorecard/shared';
import { Gantt } from './Gantt';

const ALL = 'all';
export const TIMELINE_KINDS: readonly TimelineKind[] = ['milestone', 'campaign', 'pilot'];

/** The open plan's milestones, campaign flights and pilot periods; each move is one undo step. */
export function TimelineSection() {
  const { t } = useTranslation();
  const session = usePlanSession();
  const plan = usePlanView();
  const run = useRunCommand();
  const [discipline, setDiscipline] = useState<Discipline | typeof ALL>(ALL);
  const [kind, setKind] = useState<TimelineKind | typeof ALL>(ALL);
  const view = useDocRead((doc) => buildTimeline([{ planId: session.planId, doc, title: plan.brief.title }]));
  const items = view.items.filter((i) => (discipline === ALL || i.discipline === discipline) && (kind === ALL || i.kind === kind));
  const shift = (item: TimelineItem, days: number): void => {
    run((doc, ctx) => shiftTimelineItem(doc, ctx, item, days));
  };

  return (
    <div className="section__inner">
      <header className="section__header">
        <h2 className="section__title">{t('timeline.heading')}</h2>
        <p className="section__intro">{t('timeline.intro')}</p>
      </header>
      <div className="al-row al-filters">
        <Select value={discipline} onValue={setDiscipline} aria-label={t('timeline.discipline')} options={[{ value: ALL, label: t('timeline.allDisciplines') }, ...DISCIPLINES.map((d) => ({ value: d, label: t(`discipline.${d}`) }))]} />
        <Select value={kind} onValue={setKind} aria-label={t('timeline.kind')} options={[{ value: ALL, label: t('timeline.allKinds') }, ...TIMELINE_KINDS.map((k) => ({ value: k, label: t(`timeline.kinds.${k}`) }))]} />
        {view.undated > 0 ? <span className="al-muted">{t('timeline.undated', { count: view.undated })}</span> : null}
      </div>
      {items.length === 0 ? <EmptyState icon="calendar" title={t('timeline.emptyTitle')} body={t('timeline.emptyBody')} /> : <Gantt items={items} range={view.range} onShift={shift} />}
      <p className="al-muted">{t('timeline.help')}</p>
    </div>
  );
}

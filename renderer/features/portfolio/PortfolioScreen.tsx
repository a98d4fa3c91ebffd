import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  buildTimeline,
  DISCIPLINES,
  KPI_IDS,
  scorecardOverview,
  shiftTimelineItem,
  STAGES,
  type Discipline,
  type KpiId,
  type KpiSummary,
  type Stage,
  type TimelineItem,
  type TimelineKind,
} from '../../domain';
import { useErrorText } from '../../app/errorText';
import { onMenuCommand } from '../../app/menuEvents';
import { useAppStore } from '../../state/store';
import { Button, EmptyState, IconButton, Select, Spinner } from '../../ui';
import { formatKpi, useLanguage } from '../scorecard/shared';
import '../scorecard/alignment.css';
import { Gantt } from '../timeline/Gantt';
import { TIMELINE_KINDS } from '../timeline/TimelineSection';
import { PlanComparisonChart } from './PlanComparisonChart';
import { quarterChoices } from './quarters';
import type { Portfolio, PortfolioSnapshot } from './portfolioStore';
import { usePortfolio } from './usePortfolio';
import './portfolio.css';

const ALL = 'all';

/** Cross-plan scorecard for one quarter and one timeline of every plan. */
export function PortfolioScreen() {
  const { t } = useTranslation();
  const navigate = useAppStore((s) => s.navigate);
  const { portfolio, snapshot } = usePortfolio();

  if (!snapshot.loaded) {
    return (
      <div className="page page--center">
        <Spinner label={t('portfolio.loading')} />
      </div>
    );
  }
  return (
    <div className="page" data-testid="portfolio" data-save-state={snapshot.saving ? 'saving' : 'saved'}>
      <header className="page__header">
        <div>
          <h1 className="page__title">{t('portfolio.title')}</h1>
          <p className="page__subtitle">{t('portfolio.subtitle')}</p>
        </div>
      </header>
      {snapshot.plans.length === 0 || !portfolio ? (
        <EmptyState
          icon="plans"
          title={t('portfolio.noPlansTitle')}
          body={t('portfolio.noPlansBody')}
          action={<Button variant="primary" onClick={() => navigate({ name: 'library' })}>{t('portfolio.toPlans')}</Button>}
        />
      ) : (
        <>
          <PortfolioScorecard snapshot={snapshot} />
          <PortfolioTimeline portfolio={portfolio} snapshot={snapshot} />
        </>
      )}
    </div>
  );
}

function KpiCell({ summary, language, testId }: { summary: KpiSummary | undefined; language: ReturnType<typeof useLanguage>; testId: string }) {
  const { t } = useTranslation();
  if (!summary) return <td>—</td>;
  return (
    <td className={`pf-cell pf-cell--${summary.status}`}>
      <span className="pf-actual" data-testid={testId}>
        {formatKpi(summary.kpi, summary.actual, language)}
      </span>
      {summary.target !== null ? <span className="pf-target">{t('portfolio.targetShort', { value: formatKpi(summary.kpi, summary.target, language) })}</span> : null}
    </td>
  );
}

function PortfolioScorecard({ snapshot }: { snapshot: PortfolioSnapshot }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { current, choices } = useMemo(() => quarterChoices(Date.now()), []);
  const [quarter, setQuarter] = useState(current);
  const [kpi, setKpi] = useState<KpiId>('leads');
  // eslint-disable-next-line react-hooks/exhaustive-deps -- `version` changes whenever any doc does
  const overview = useMemo(() => scorecardOverview(snapshot.plans, quarter), [snapshot.version, quarter]);
  return (
    <section className="pf-section" aria-labelledby="pf-scorecard-heading">
      <div className="pf-section__head">
        <h2 id="pf-scorecard-heading" className="section__title">
          {t('portfolio.scorecardHeading')}
        </h2>
        <Select value={quarter} onValue={setQuarter} aria-label={t('portfolio.quarter')} options={choices.map((q) => ({ value: q, label: q }))} data-testid="portfolio-quarter" />
      </div>
      <div className="al-table-wrap card card--flush">
        <table className="al-table pf-table" data-testid="portfolio-scorecard">
          <thead>
            <tr>
              <th scope="col">{t('portfolio.plan')}</th>
              {KPI_IDS.map((id) => (
                <th key={id} scope="col">
                  {t(`kpi.${id}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {overview.rows.map((row) => (
              <tr key={row.planId} data-testid="portfolio-row">
                <th scope="row" className="pf-plan">
                  {row.title}
                  {row.signed ? <span className="pf-signed">{t('portfolio.signed')}</span> : null}
                </th>
                {KPI_IDS.map((id) => (
                  <KpiCell key={id} summary={row.kpis.find((k) => k.kpi === id)} language={language} testId={`pf-${row.planId}-${id}`} />
                ))}
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr data-testid="portfolio-total">
              <th scope="row">{t('portfolio.total')}</th>
              {KPI_IDS.map((id) => (
                <KpiCell key={id} summary={overview.total.find((k) => k.kpi === id)} language={language} testId={`pf-total-${id}`} />
              ))}
            </tr>
          </tfoot>
        </table>
      </div>
      <div className="pf-chart">
        <Select value={kpi} onValue={setKpi} aria-label={t('portfolio.compareKpi')} options={KPI_IDS.map((id) => ({ value: id, label: t(`kpi.${id}`) }))} data-testid="portfolio-kpi" />
        <PlanComparisonChart kpi={kpi} rows={overview.rows} period={quarter} />
      </div>
    </section>
  );
}

function PortfolioTimeline({ portfolio, snapshot }: { portfolio: Portfolio; snapshot: PortfolioSnapshot }) {
  const { t } = useTranslation();
  const showToast = useAppStore((s) => s.showToast);
  const errorText = useErrorText();
  const [plan, setPlan] = useState<string>(ALL);
  const [discipline, setDiscipline] = useState<Discipline | typeof ALL>(ALL);
  const [stage, setStage] = useState<Stage | typeof ALL>(ALL);
  const [kind, setKind] = useState<TimelineKind | typeof ALL>(ALL);
  const view = useMemo(
    () =>
      buildTimeline(snapshot.plans, {
        ...(plan !== ALL ? { planIds: [plan] } : {}),
        ...(discipline !== ALL ? { disciplines: [discipline] } : {}),
        ...(stage !== ALL ? { stages: [stage] } : {}),
        ...(kind !== ALL ? { kinds: [kind] } : {}),
      }),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `version` changes whenever any doc does
    [snapshot.version, plan, discipline, stage, kind],
  );

  const undo = (): void => {
    if (!portfolio.undo()) showToast({ tone: 'info', message: t('portfolio.nothingToUndo'), duration: 1500 });
  };
  const redo = (): void => {
    if (!portfolio.redo()) showToast({ tone: 'info', message: t('portfolio.nothingToUndo'), duration: 1500 });
  };
  // Screen-level undo like the workspace's: Ctrl/Cmd+Z, Shift+Ctrl/Cmd+Z, Ctrl+Y and the menu.
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey) return;
      const key = e.key.toLowerCase();
      const isUndo = key === 'z' && !e.shiftKey;
      const isRedo = (key === 'z' && e.shiftKey) || (key === 'y' && !e.shiftKey);
      if (!isUndo && !isRedo) return;
      e.preventDefault();
      if (isUndo) undo();
      else redo();
    };
    window.addEventListener('keydown', onKey);
    const stopMenu = onMenuCommand((command) => {
      if (command === 'edit:undo') portfolio.undo();
      if (command === 'edit:redo') portfolio.redo();
    });
    return () => {
      window.removeEventListener('keydown', onKey);
      stopMenu();
    };
  });

  const shift = (item: TimelineItem, days: number): void => {
    void portfolio.edit(item.planId, (doc, ctx) => shiftTimelineItem(doc, ctx, item, days)).then((result) => {
      if (!result.ok) showToast({ tone: 'error', message: t('portfolio.moveFailed', { reason: errorText(result.error) }) });
    });
  };

  return (
    <section className="pf-section" aria-labelledby="pf-timeline-heading">
      <div className="pf-section__head">
        <h2 id="pf-timeline-heading" className="section__title">
          {t('portfolio.timelineHeading')}
        </h2>
        <div className="al-row">
          <IconButton icon="undo" label={t('portfolio.undo')} disabled={!snapshot.canUndo} onClick={undo} data-testid="portfolio-undo" />
          <IconButton icon="redo" label={t('portfolio.redo')} disabled={!snapshot.canRedo} onClick={redo} data-testid="portfolio-redo" />
        </div>
      </div>
      <div className="al-row al-filters">
        <Select value={plan} onValue={setPlan} aria-label={t('portfolio.planFilter')} data-testid="portfolio-plan-filter" options={[{ value: ALL, label: t('portfolio.allPlans') }, ...snapshot.plans.map((p) => ({ value: p.planId, label: p.title }))]} />
        <Select value={discipline} onValue={setDiscipline} aria-label={t('timeline.discipline')} data-testid="portfolio-discipline-filter" options={[{ value: ALL, label: t('timeline.allDisciplines') }, ...DISCIPLINES.map((d) => ({ value: d, label: t(`discipline.${d}`) }))]} />
        <Select value={stage} onValue={setStage} aria-label={t('portfolio.stageFilter')} data-testid="portfolio-stage-filter" options={[{ value: ALL, label: t('portfolio.allStages') }, ...STAGES.map((s) => ({ value: s, label: t(`stage.${s}`) }))]} />
        <Select value={kind} onValue={setKind} aria-label={t('timeline.kind')} data-testid="portfolio-kind-filter" options={[{ value: ALL, label: t('timeline.allKinds') }, ...TIMELINE_KINDS.map((k) => ({ value: k, label: t(`timeline.kinds.${k}`) }))]} />
        {view.undated > 0 ? <span className="al-muted">{t('timeline.undated', { count: view.undated })}</span> : null}
      </div>
      {view.items.length === 0 ? (
        <EmptyState icon="calendar" title={t('portfolio.emptyTimelineTitle')} body={t('portfolio.emptyTimelineBody')} />
      ) : (
        <Gantt items={view.items} range={view.range} onShift={shift} showPlan />
      )}
      <p className="al-muted">{t('portfolio.help')}</p>
    </section>
  );
}

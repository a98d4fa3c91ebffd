import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  battlecardMarkdown,
  buildBattlecards,
  competitorsOf,
  COUNTERABLE_TYPES,
  filterInsights,
  INSIGHT_SOURCES,
  INSIGHT_TYPES,
  markHeardAgain,
  readInsights,
  removeInsight,
  setCounterMessage,
  setVote,
  type Battlecard,
  type Insight,
  type InsightSource,
  type InsightType,
} from '../../domain';
import { useServices } from '../../app/services';
import { usePlanSession, usePlanView, useRunCommand } from '../../app/usePlan';
import { useErrorText } from '../../app/errorText';
import { useAppStore } from '../../state/store';
import { formatDay } from '../../i18n';
import { AutoTextArea, Badge, Button, EmptyState, IconButton, Select } from '../../ui';
import { downloadName, todayIso, useDocRead, useLanguage } from '../scorecard/shared';
import { CaptureForm } from './CaptureForm';
import { battlecardHtml } from './battlecardHtml';
import { whenInsightFocusRequested } from './focusRequest';
import { InsightTextEditor } from './InsightTextEditor';
import { mountPrintView } from '../../export/printDom';
import type { BattlecardLabels } from '../../domain/insights/queries';

const ALL = 'all';
const readItems = (doc: Parameters<typeof readInsights>[0]) => readInsights(doc).items;

export function InsightsSection() {
  const { t } = useTranslation();
  const items = useDocRead(readItems);
  const [tab, setTab] = useState<'feed' | 'battlecards'>('feed');
  const [query, setQuery] = useState('');
  const [type, setType] = useState<InsightType | typeof ALL>(ALL);
  const [source, setSource] = useState<InsightSource | typeof ALL>(ALL);
  const [competitor, setCompetitor] = useState(ALL);
  const competitors = useMemo(() => competitorsOf(items), [items]);
  const visible = filterInsights(items, {
    query,
    ...(type !== ALL ? { types: [type] } : {}),
    ...(source !== ALL ? { sources: [source] } : {}),
    ...(competitor !== ALL ? { competitor } : {}),
  });

  return (
    <div className="section__inner">
      <header className="section__header">
        <h2 className="section__title">{t('insights.heading')}</h2>
        <p className="section__intro">{t('insights.intro')}</p>
      </header>
      <section className="card">
        <CaptureForm />
      </section>
      <div className="al-tabs" role="group" aria-label={t('insights.views')}>
        <button type="button" className="al-tab" aria-pressed={tab === 'feed'} onClick={() => setTab('feed')} data-testid="insights-feed-tab">
          {t('insights.feed')} ({items.length})
        </button>
        <button type="button" className="al-tab" aria-pressed={tab === 'battlecards'} onClick={() => setTab('battlecards')} data-testid="insights-battlecards-tab">
          {t('insights.battlecards')}
        </button>
      </div>
      {tab === 'feed' ? (
        <>
          <div className="al-row al-filters">
            <input className="input" type="search" value={query} placeholder={t('insights.search')} aria-label={t('insights.search')} onChange={(e) => setQuery(e.currentTarget.value)} data-testid="insight-search" />
            <Select value={type} onValue={setType} aria-label={t('insights.type')} options={[{ value: ALL, label: t('insights.allTypes') }, ...INSIGHT_TYPES.map((v) => ({ value: v, label: t(`insights.types.${v}`) }))]} />
            <Select value={source} onValue={setSource} aria-label={t('insights.source')} options={[{ value: ALL, label: t('insights.allSources') }, ...INSIGHT_SOURCES.map((v) => ({ value: v, label: t(`insights.sources.${v}`) }))]} />
            <Select value={competitor} onValue={setCompetitor} aria-label={t('insights.competitor')} options={[{ value: ALL, label: t('insights.allCompetitors') }, ...competitors.map((c) => ({ value: c, label: c }))]} />
          </div>
          {items.length === 0 ? (
            <EmptyState icon="info" title={t('insights.emptyTitle')} body={t('insights.emptyBody')} />
          ) : visible.length === 0 ? (
            <p className="al-muted">{t('insights.noMatch')}</p>
          ) : (
            <ul className="al-feed" data-testid="insight-list">
              {visible.map((i) => (
                <InsightCard key={i.id} insight={i} />
              ))}
            </ul>
          )}
        </>
      ) : (
        <Battlecards cards={buildBattlecards(items)} />
      )}
    </div>
  );
}

function InsightCard({ insight }: { insight: Insight }) {
  const { t } = useTranslation();
  const card = useRef<HTMLLIElement>(null);
  const editButton = useRef<HTMLButtonElement>(null);
  const [editing, setEditing] = useState(false);
  const stopEditing = (): void => {
    setEditing(false);
    // Back to where the edit started, for keyboard users (after the box is gone).
    requestAnimationFrame(() => editButton.current?.focus());
  };
  // "Open" on a quick-capture confirmation lands here: shown and focused once.
  useEffect(
    () =>
      whenInsightFocusRequested(insight.id, () => {
        card.current?.scrollIntoView({ block: 'center' });
        card.current?.focus({ preventScroll: true });
      }),
    [insight.id],
  );
  const run = useRunCommand();
  const session = usePlanSession();
  const language = useLanguage();
  const me = session.ctx.actor.id;
  const voted = insight.voters.includes(me);
  const counterable = COUNTERABLE_TYPES.includes(insight.type);
  return (
    <li ref={card} tabIndex={-1} className="card al-insight" data-testid="insight" data-insight-id={insight.id}>
      <div className="al-row">
        <Badge tone={counterable ? 'amber' : 'violet'}>{t(`insights.types.${insight.type}`)}</Badge>
        <span className="al-muted">
          {[t(`insights.sources.${insight.source}`), insight.segment, insight.competitor, insight.authorName, formatDay(insight.date, language)].filter(Boolean).join(' · ')}
          {insight.editedAt > 0 ? <span data-testid="insight-edited">{` · ${t('insightEdit.editedBy', { name: insight.editedByName || t('insightEdit.someone') })}`}</span> : null}
        </span>
      </div>
      <InsightTextEditor insight={insight} editing={editing} onDone={stopEditing} />
      <div className="al-row">
        <Button size="sm" icon="check" aria-pressed={voted} onClick={() => run((doc, ctx) => setVote(doc, ctx, insight.id, !voted))} data-testid="insight-vote">
          {t('insights.votes', { count: insight.voters.length })}
        </Button>
        <Button size="sm" icon="plus" onClick={() => run((doc, ctx) => markHeardAgain(doc, ctx, insight.id))} data-testid="insight-heard">
          {t('insights.heardAgain', { count: insight.heardAgain.length })}
        </Button>
        <Button ref={editButton} size="sm" aria-label={t('insightEdit.editLabel')} disabled={editing} onClick={() => setEditing(true)} data-testid="insight-edit">
          {t('insightEdit.edit')}
        </Button>
        <IconButton icon="trash" label={t('insights.remove')} onClick={() => run((doc, ctx) => removeInsight(doc, ctx, insight.id))} />
      </div>
      {counterable ? (
        <label className="al-field">
          <span className="al-muted">{t('insights.counter')}</span>
          <AutoTextArea
            className="input"
            value={insight.counter}
            placeholder={t('insights.counterPlaceholder')}
            onValue={(v) => run((doc, ctx) => setCounterMessage(doc, ctx, insight.id, v))}
            data-testid="insight-counter"
          />
        </label>
      ) : null}
    </li>
  );
}

function Battlecards({ cards }: { cards: Battlecard[] }) {
  const { t } = useTranslation();
  const { host } = useServices();
  const plan = usePlanView();
  const errorText = useErrorText();
  const showToast = useAppStore((s) => s.showToast);
  if (cards.length === 0) return <EmptyState icon="info" title={t('insights.noBattlecards')} body={t('insights.noBattlecardsBody')} />;
  const labels: BattlecardLabels = {
    title: (c) => t('insights.md.title', { competitor: c }),
    arguments: t('insights.md.arguments'),
    objections: t('insights.md.objections'),
    answer: t('insights.md.answer'),
    noAnswer: t('insights.md.noAnswer'),
    heard: (n) => t('insights.md.heard', { count: n }),
    none: t('insights.md.none'),
    generated: (d) => t('insights.md.generated', { date: d, plan: plan.brief.title }),
  };
  const exportCard = async (card: Battlecard): Promise<void> => {
    const md = battlecardMarkdown(card, labels, todayIso());
    const saved = await host.saveFile({ defaultName: downloadName(`battlecard ${card.competitor}`, 'md'), filters: [{ name: 'Markdown', extensions: ['md'] }], content: md });
    if (!saved.ok) showToast({ tone: 'error', message: errorText(saved.error) });
    else if (saved.value) showToast({ tone: 'success', message: t('insights.exported') });
  };
  const printCard = async (card: Battlecard): Promise<void> => {
    const unmount = mountPrintView(document, battlecardHtml(card, labels, todayIso()));
    try {
      const printed = await host.printToPdf(downloadName(`battlecard ${card.competitor}`, 'pdf'));
      if (!printed.ok) showToast({ tone: 'error', message: errorText(printed.error) });
    } finally {
      unmount();
    }
  };
  return (
    <div className="al-cards" data-testid="battlecards">
      {cards.map((card) => (
        <section key={card.competitor} className="card al-battlecard" data-testid="battlecard">
          <header className="al-row al-between">
            <h3 className="al-h3">{card.competitor}</h3>
            <div className="al-row">
              {card.unanswered > 0 ? <Badge tone="amber">{t('insights.unanswered', { count: card.unanswered })}</Badge> : null}
              <Button size="sm" icon="share" onClick={() => void exportCard(card)} data-testid="battlecard-export">
                {t('insights.exportMd')}
              </Button>
              <Button size="sm" onClick={() => void printCard(card)} data-testid="battlecard-pdf">
                {t('insights.exportPdf')}
              </Button>
            </div>
          </header>
          {(['arguments', 'objections'] as const).map((part) => (
            <div key={part}>
              <h4 className="al-muted">{t(`insights.md.${part}`)}</h4>
              {card[part].length === 0 ? (
                <p className="al-muted">{t('insights.md.none')}</p>
              ) : (
                <ul className="al-list">
                  {card[part].map((e) => (
                    <li key={e.insight.id}>
                      <strong>{e.insight.text}</strong> <span className="al-muted">({t('insights.md.heard', { count: e.weight })})</span>
                      <div className={e.answered ? 'al-answer' : 'al-answer al-answer--missing'}>{e.answered ? e.insight.counter : t('insights.md.noAnswer')}</div>
                    </li>
                  ))}
                </ul>
              )}
            </div>
          ))}
        </section>
      ))}
    </div>
  );
}

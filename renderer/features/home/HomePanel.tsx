import { useEffect, useSyncExternalStore, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { PlanEntry } from '../../storage';
import { formatDay, formatRelative } from '../../i18n';
import { useServices } from '../../app/services';
import { useAppStore } from '../../state/store';
import { Badge } from '../../ui';
import { useLanguage } from '../offers/useWorkflow';
import { runInBackground } from '../../workspace/background';
import { homeStore, markHomeSeen, refreshHome } from './homeStore';

/** A quiet period after the last library change before the inbox is recomputed. */
const HOME_REFRESH_DELAY_MS = 800;

/** Keeps the inbox current: recomputed whenever a library row changes (edits, synced answers). */
export function useHomeRefresh(): void {
  const { db } = useServices();
  const profile = useAppStore((s) => s.profile);
  const library = useAppStore((s) => s.library);
  const plans = library.filter((e): e is PlanEntry => !e.corrupt && e.deletedAt === null);
  const key = plans.map((p) => `${p.id}:${p.updatedAt}`).join('|');
  useEffect(() => {
    if (!profile) return;
    // Deferred so that opening a plan (and typing in it) never waits behind the inbox: it reads
    // every plan, so it runs after a plan being opened is on screen, in an idle moment.
    return runInBackground(() => void refreshHome(db, plans, { id: profile.id, name: profile.name }), { delayMs: HOME_REFRESH_DELAY_MS });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `key` captures every row that matters
  }, [db, profile, key]);
}

/** The sidebar badge: new review requests, answers and mentions since the inbox was last seen. */
export function HomeBadge() {
  const { t } = useTranslation();
  useHomeRefresh();
  const { view } = useSyncExternalStore(homeStore.subscribe, homeStore.get);
  const count = view?.newSinceLastSeen ?? 0;
  if (count === 0) return null;
  return (
    <span className="wf-badge" aria-label={t('home.newBadgeLabel', { count })} data-testid="home-badge">
      {count}
    </span>
  );
}

/** The role-aware inbox on the plans screen: sales sees reviews and pilots first, marketing feedback. */
export function HomePanel() {
  const { t } = useTranslation();
  const lang = useLanguage();
  const { db } = useServices();
  const profile = useAppStore((s) => s.profile);
  const navigate = useAppStore((s) => s.navigate);
  useHomeRefresh();
  const { view } = useSyncExternalStore(homeStore.subscribe, homeStore.get);
  // Seeing the inbox clears the badge (after a moment, so the count was visible).
  useEffect(() => {
    if (!view || view.newSinceLastSeen === 0) return;
    const timer = setTimeout(() => void markHomeSeen(db), 4000);
    return () => clearTimeout(timer);
  }, [db, view]);
  if (!view || !profile) return null;
  const open = (planId: string, section: string) => () => navigate({ name: 'plan', planId, section });
  const sales = (
    <>
      <Group title={t('home.waitingForReview')} count={view.counts.waitingForReview} testId="home-waiting">
        {view.sales.waitingForReview.map((i) => (
          <li key={i.requestId}>
            <button type="button" className="wf-link" onClick={open(i.planId, 'reviews')}>
              {i.target.name}
            </button>{' '}
            <span className="wf-muted">
              {i.planTitle} · {t('home.by', { name: i.requestedByName })}
              {i.dueDate ? ` · ${t(i.overdue ? 'reviews.overdue' : 'reviews.due', { date: formatDay(i.dueDate, lang) })}` : ''}
            </span>
          </li>
        ))}
      </Group>
      <Group title={t('home.pilotsNeedingInput')} count={view.counts.pilotsNeedingInput} testId="home-pilots">
        {view.sales.pilotsNeedingInput.map((i) => (
          <li key={i.pilotId}>
            <button type="button" className="wf-link" onClick={open(i.planId, 'pilots')}>
              {i.name}
            </button>{' '}
            <span className="wf-muted">
              {i.planTitle} · {t(`home.reason.${i.reason}`)}
            </span>
          </li>
        ))}
      </Group>
    </>
  );
  const marketing = (
    <>
      <Group title={t('home.feedbackToProcess')} count={view.counts.feedbackToProcess} testId="home-feedback">
        {view.marketing.feedbackToProcess.map((i) => (
          <li key={i.answerId}>
            <button type="button" className="wf-link" onClick={open(i.planId, 'reviews')}>
              {i.target.name}
            </button>{' '}
            <Badge tone={i.verdict === 'request-changes' ? 'amber' : 'green'}>{t(`reviews.verdict.${i.verdict}`)}</Badge>{' '}
            <span className="wf-muted">
              {i.reviewerName} · {formatRelative(i.answeredAt, lang)}
            </span>
          </li>
        ))}
      </Group>
      <Group title={t('home.blockedOffers')} count={view.counts.blockedOffers} testId="home-blocked">
        {view.marketing.blockedOffers.map((i) => (
          <li key={`${i.planId}-${i.offerId}`}>
            <button type="button" className="wf-link" onClick={open(i.planId, 'offers')}>
              {i.name}
            </button>{' '}
            <span className="wf-muted">
              {i.planTitle} · {i.byName}
            </span>
          </li>
        ))}
      </Group>
    </>
  );
  return (
    <section className="card wf-home" aria-labelledby="home-heading" data-testid="home">
      <h2 id="home-heading" className="wf-h3">
        {t('home.heading')} {view.newSinceLastSeen > 0 ? <Badge tone="blue">{t('home.newBadge', { count: view.newSinceLastSeen })}</Badge> : null}
      </h2>
      <div className="wf-home__groups">{profile.role === 'marketing' ? [marketing, sales] : [sales, marketing]}</div>
    </section>
  );
}

function Group({ title, count, testId, children }: { title: string; count: number; testId: string; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className="wf-home__group" data-testid={testId} data-count={count}>
      <h3 className="wf-home__title">
        {title} <span className="wf-count">{count}</span>
      </h3>
      {count === 0 ? <p className="wf-muted">{t('home.nothing')}</p> : <ul className="wf-home__list">{children}</ul>}
    </div>
  );
}

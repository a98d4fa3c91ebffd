import { useEffect, useMemo, useRef, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { PlanKind } from '../../domain';
import { LOCALE_OF } from '../../i18n/languages';
import type { PlanEntry } from '../../storage';
import { useAppStore } from '../../state/store';
import { useServices } from '../../app/services';
import { Banner, Button, EmptyState, Icon, Select, Spinner } from '../../ui';
import { HomePanel } from '../home/HomePanel';
import { CreatePlanDialog } from './CreatePlanDialog';
import { PlanListItem, type PlanActions } from './PlanListItem';
import { LIBRARY_SORTS, type LibrarySort } from './slice';
import { createPlanAction, deletePlan, duplicatePlanAction, reloadLibrary, toggleArchive, togglePin, type LibraryDeps } from './actions';
import { visibleRows } from './visibleRows';
import { JoinPlanButton } from '../sharing/JoinDialog';
import { ImportPlanButton } from '../export/ImportPlanButton';

export function LibraryScreen() {
  const { t } = useTranslation();
  const { db } = useServices();
  const entries = useAppStore((s) => s.library);
  const load = useAppStore((s) => s.libraryLoad);
  const search = useAppStore((s) => s.librarySearch);
  const sort = useAppStore((s) => s.librarySort);
  const showArchived = useAppStore((s) => s.showArchived);
  const createOpen = useAppStore((s) => s.createDialogOpen);
  const language = useAppStore((s) => s.language);
  const profile = useAppStore((s) => s.profile);
  const setSearch = useAppStore((s) => s.setLibrarySearch);
  const setSort = useAppStore((s) => s.setLibrarySort);
  const setShowArchived = useAppStore((s) => s.setShowArchived);
  const setCreateOpen = useAppStore((s) => s.setCreateDialogOpen);
  const navigate = useAppStore((s) => s.navigate);
  const searchRef = useRef<HTMLInputElement>(null);

  const deps: LibraryDeps = useMemo(() => ({ db, store: useAppStore, t }), [db, t]);

  useEffect(() => {
    void reloadLibrary(deps);
  }, [deps, showArchived]);

  // Ctrl/Cmd+F focuses the search, like every other desktop list.
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'f') {
        e.preventDefault();
        searchRef.current?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const rows = useMemo(
    () =>
      visibleRows(entries, {
        search,
        sort,
        locale: LOCALE_OF[language],
        label: (e) => `${t(`kind.${e.kind}`)} ${t(`stage.${e.stage}`, { defaultValue: e.stage })}`,
      }),
    [entries, search, sort, language, t],
  );
  const now = Date.now();

  const actions: PlanActions = {
    open: (plan) => navigate({ name: 'plan', planId: plan.id, section: 'brief' }),
    pin: (plan) => void togglePin(deps, plan),
    duplicate: (plan) => profile && void duplicatePlanAction(deps, profile, plan),
    archive: (plan) => void toggleArchive(deps, plan),
    remove: (plan: PlanEntry) => void deletePlan(deps, plan),
  };

  const onCreate = async (kind: PlanKind, title: string): Promise<void> => {
    if (!profile) return;
    const id = await createPlanAction(deps, profile, kind, title);
    if (id) {
      setCreateOpen(false);
      navigate({ name: 'plan', planId: id, section: 'brief' });
    }
  };

  const total = entries.filter((e) => !e.corrupt).length;

  return (
    <div className="page">
      <header className="page__header">
        <div>
          <h1 className="page__title">{t('library.title')}</h1>
          <p className="page__subtitle">{t('library.subtitle')}</p>
        </div>
        <div className="page__actions">
          <ImportPlanButton />
          <JoinPlanButton />
          <Button variant="primary" icon="plus" onClick={() => setCreateOpen(true)} data-testid="new-plan">
            {t('library.newPlan')}
          </Button>
        </div>
      </header>
      <HomePanel />

      {total > 0 || search !== '' || showArchived ? (
        <div className="toolbar" role="search">
          <label className="search">
            <Icon name="search" />
            <span className="visually-hidden">{t('library.search')}</span>
            <input
              ref={searchRef}
              type="search"
              className="search__input"
              placeholder={t('library.searchPlaceholder')}
              value={search}
              onChange={(e: ChangeEvent<HTMLInputElement>) => setSearch(e.currentTarget.value)}
              onKeyDown={(e) => {
                if (e.key === 'Escape' && search !== '') {
                  e.preventDefault();
                  setSearch('');
                }
              }}
            />
          </label>
          <label className="toolbar__control">
            <span className="toolbar__label">{t('library.sortBy')}</span>
            <Select<LibrarySort>
              value={sort}
              onValue={setSort}
              options={LIBRARY_SORTS.map((s) => ({ value: s, label: t(`library.sort.${s}`) }))}
              className="select--compact"
            />
          </label>
          <label className="checkbox">
            <input type="checkbox" checked={showArchived} onChange={(e) => setShowArchived(e.currentTarget.checked)} />
            <span>{t('library.showArchived')}</span>
          </label>
          <span className="toolbar__count">{t('library.count', { count: total })}</span>
        </div>
      ) : null}

      {load.state === 'loading' ? <Spinner label={t('library.loadingList')} /> : null}
      {load.state === 'error' ? (
        <Banner tone="error" action={<Button size="sm" onClick={() => void reloadLibrary(deps)}>{t('app.retry')}</Button>}>
          {load.message}
        </Banner>
      ) : null}

      {load.state === 'ready' && entries.length === 0 ? (
        <EmptyState
          icon="plans"
          title={t('library.emptyTitle')}
          body={t('library.emptyBody')}
          action={
            <Button variant="primary" icon="plus" onClick={() => setCreateOpen(true)}>
              {t('library.emptyAction')}
            </Button>
          }
        />
      ) : null}

      {load.state === 'ready' && entries.length > 0 && rows.length === 0 ? (
        <EmptyState
          icon="search"
          title={t('library.noMatchTitle', { query: search })}
          body={t('library.noMatchBody')}
          action={<Button onClick={() => setSearch('')}>{t('library.clearSearch')}</Button>}
        />
      ) : null}

      {rows.length > 0 ? (
        <ul className="plan-list" aria-label={t('library.listLabel')}>
          {rows.map((entry) => (
            <PlanListItem key={entry.id} entry={entry} actions={actions} language={language} now={now} />
          ))}
        </ul>
      ) : null}

      <CreatePlanDialog open={createOpen} onOpenChange={setCreateOpen} onCreate={onCreate} />
    </div>
  );
}

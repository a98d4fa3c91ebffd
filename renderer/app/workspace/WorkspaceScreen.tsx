import { Tabs } from 'radix-ui';
import { Suspense, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppStore } from '../../state/store';
import type { PlanSession } from '../../workspace/planSession';
import { Badge, Banner, Button, IconButton, Spinner, EmptyState, Icon } from '../../ui';
import { stageTone } from '../../features/brief/stageTone';
import { onMenuCommand } from '../menuEvents';
import { findSection, workspaceSections } from '../sections';
import { PlanSessionContext, usePlanView, useUndoState } from '../usePlan';
import { QuickInsightCapture } from '../../features/insights/QuickCapture';
import { ConflictCards } from './ConflictCards';
import { SaveIndicator } from './SaveIndicator';
import { useOpenPlan } from './useOpenPlan';
import { CollabBar, TabPeers } from '../../features/sharing/CollabBar';
import { ExportMenu } from '../../features/export/ExportMenu';
import { HistoryWatcher } from '../../features/history/HistoryWatcher';

export function WorkspaceScreen({ planId, section }: { planId: string; section: string }) {
  const { t } = useTranslation();
  const profile = useAppStore((s) => s.profile);
  const navigate = useAppStore((s) => s.navigate);
  const state = useOpenPlan(planId, { id: profile?.id ?? 'local', name: profile?.name ?? '' });
  if (state.status === 'opening') {
    return (
      <div className="page page--center">
        <Spinner label={t('workspace.opening')} />
      </div>
    );
  }
  if (state.status === 'error') {
    return (
      <div className="page page--center">
        <EmptyState
          icon="alert"
          title={state.code === 'plan/not-found' ? t('workspace.notFound') : t('workspace.openFailed')}
          {...(state.code === 'plan/not-found' ? {} : { body: state.message })}
          action={<Button onClick={() => navigate({ name: 'library' })}>{t('workspace.backToLibrary')}</Button>}
        />
      </div>
    );
  }
  return (
    <PlanSessionContext.Provider value={state.session}>
      <Workspace session={state.session} section={section} />
    </PlanSessionContext.Provider>
  );
}

function isRichText(target: EventTarget | null): boolean {
  return target instanceof Element && target.closest('.ProseMirror') !== null;
}

function Workspace({ session, section }: { session: PlanSession; section: string }) {
  const { t } = useTranslation();
  const view = usePlanView();
  const undo = useUndoState();
  const navigate = useAppStore((s) => s.navigate);
  const showToast = useAppStore((s) => s.showToast);
  const sections = workspaceSections();
  const active = findSection(section) ?? sections[0];

  // Plan-level undo: Ctrl/Cmd+Z, Shift+Ctrl/Cmd+Z and Ctrl+Y. The rich-text editor keeps its own
  // history (it handles the keys itself), so we stay out of its way.
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey || isRichText(e.target)) return;
      const key = e.key.toLowerCase();
      const isUndo = key === 'z' && !e.shiftKey;
      const isRedo = (key === 'z' && e.shiftKey) || (key === 'y' && !e.shiftKey);
      if (!isUndo && !isRedo) return;
      e.preventDefault();
      // Commit a half-typed title first so it becomes its own undo step.
      if (document.activeElement instanceof HTMLInputElement) document.activeElement.blur();
      if (isUndo ? !session.undo() : !session.redo()) showToast({ tone: 'info', message: t('workspace.nothingToUndo'), duration: 1500 });
    };
    window.addEventListener('keydown', onKey);
    const stopMenu = onMenuCommand((command) => {
      if (command === 'edit:undo' && !isRichText(document.activeElement)) session.undo();
      if (command === 'edit:redo' && !isRichText(document.activeElement)) session.redo();
    });
    return () => {
      window.removeEventListener('keydown', onKey);
      stopMenu();
    };
  }, [session, showToast, t]);

  const skipped = session.setAside;
  const ActiveSection = active?.Component;

  return (
    <div className="workspace">
      <header className="workspace__header">
        <div className="workspace__titlebar">
          <button type="button" className="crumb" onClick={() => navigate({ name: 'library' })}>
            <Icon name="left" /> {t('nav.back')}
          </button>
          <div className="workspace__title-row">
            <h1 className="workspace__title" data-testid="plan-title">
              {view.brief.title || t('plan.untitled')}
            </h1>
            <Badge tone={stageTone(view.brief.stage)}>{t(`stage.${view.brief.stage}`)}</Badge>
            <span className="workspace__kind">{t(`kind.${view.brief.kind}`)}</span>
          </div>
        </div>
        <div className="workspace__actions">
          <SaveIndicator />
          <span className="divider" aria-hidden="true" />
          <IconButton icon="undo" label={t('workspace.undo')} disabled={!undo.canUndo} onClick={() => session.undo()} data-testid="undo" />
          <IconButton icon="redo" label={t('workspace.redo')} disabled={!undo.canRedo} onClick={() => session.redo()} data-testid="redo" />
          {/* Presence and connection status arrive with the sync integration; no fake status until then. */}
          <div className="workspace__presence" data-slot="presence" />
          <ExportMenu />
          <HistoryWatcher />
          {/* Presence, connection status and Share (features/sharing). */}
          <CollabBar planId={session.planId} section={active?.id ?? 'brief'} />
        </div>
      </header>

      <Tabs.Root
        className="workspace__tabs"
        value={active?.id ?? 'brief'}
        onValueChange={(id) => navigate({ name: 'plan', planId: session.planId, section: id })}
        activationMode="manual"
      >
        <Tabs.List className="tabs" aria-label={t('nav.sections')}>
          {sections.map((s) => (
            <Tabs.Trigger key={s.id} value={s.id} className="tabs__trigger" data-testid={`tab-${s.id}`}>
              <Icon name={s.icon} />
              {t(s.labelKey)}
              <TabPeers planId={session.planId} sectionId={s.id} />
            </Tabs.Trigger>
          ))}
        </Tabs.List>
        <div className="workspace__body">
          {skipped > 0 ? <Banner tone="warning">{t('load.skipped', { count: skipped })}</Banner> : null}
          {!session.loadReport.ok ? (
            <Banner tone="error">{t('load.failed', { reason: session.loadReport.error?.message ?? '' })}</Banner>
          ) : null}
          {view.issues.map((issue) => (
            <Banner key={issue.code} tone={issue.code === 'read.newer-schema' ? 'info' : 'warning'}>
              {t(issue.code, { count: issue.count ?? 0 })}
            </Banner>
          ))}
          <ConflictCards />
          {/* Ctrl/Cmd+Shift+K captures a market insight from any section (features/insights). */}
          <QuickInsightCapture />
          {active && ActiveSection ? (
            <Tabs.Content value={active.id} className="section" tabIndex={-1}>
              <Suspense fallback={<Spinner label={t('workspace.sectionLoading')} />}>
                <ActiveSection />
              </Suspense>
            </Tabs.Content>
          ) : null}
        </div>
      </Tabs.Root>
    </div>
  );
}

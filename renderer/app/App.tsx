import { lazy, Suspense, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { LibraryScreen } from '../features/library/LibraryScreen';
import { FirstRunDialog } from '../features/profile/FirstRunDialog';
import { useAppStore } from '../state/store';
import { Spinner, Toaster } from '../ui';
import './builtinSections';
import '../features/history/register';
import { PlanFileBridge } from '../features/export/PlanFileBridge';
import { broadcastMenuCommand } from './menuEvents';
import { hashToRoute, routeToHash } from './routeSlice';
import { useServices } from './services';
import { Sidebar } from './Sidebar';
import { WorkspaceScreen } from './workspace/WorkspaceScreen';
import { JoinController } from '../features/sharing/JoinDialog';
import { GlobalQuickCapture } from '../features/insights/GlobalQuickCapture';

// Screens a plan's workspace does not need load on first use (the portfolio brings the charts).
const SettingsScreen = lazy(async () => ({ default: (await import('../features/settings/SettingsScreen')).SettingsScreen }));
const PortfolioScreen = lazy(async () => ({ default: (await import('../features/portfolio/PortfolioScreen')).PortfolioScreen }));

/** Keeps the route and location.hash in step (reload and back/forward work in app:// and http://). */
function useHashRouting(): void {
  const route = useAppStore((s) => s.route);
  const navigate = useAppStore((s) => s.navigate);
  useEffect(() => {
    const apply = (): void => {
      const next = hashToRoute(window.location.hash);
      if (next) navigate(next);
    };
    apply();
    window.addEventListener('hashchange', apply);
    return () => window.removeEventListener('hashchange', apply);
  }, [navigate]);
  useEffect(() => {
    // Only route hashes are ours; anything else in the fragment (e.g. an invite) is left alone.
    const hash = routeToHash(route);
    const current = window.location.hash;
    if (current !== hash && hashToRoute(current) !== null) window.location.hash = hash;
  }, [route]);
}

export function App() {
  const { t } = useTranslation();
  const { host } = useServices();
  const route = useAppStore((s) => s.route);
  const navigate = useAppStore((s) => s.navigate);
  const setCreateOpen = useAppStore((s) => s.setCreateDialogOpen);
  const toasts = useAppStore((s) => s.toasts);
  const dismissToast = useAppStore((s) => s.dismissToast);
  const mainRef = useRef<HTMLElement>(null);
  useHashRouting();

  useEffect(
    () =>
      host.onMenuCommand((command) => {
        if (command === 'plan:new') {
          navigate({ name: 'library' });
          setCreateOpen(true);
        } else if (command === 'app:settings') navigate({ name: 'settings' });
        else broadcastMenuCommand(command);
      }),
    [host, navigate, setCreateOpen],
  );

  // Screen changes move focus to the content so keyboard and screen-reader users land there.
  const screenKey = route.name === 'plan' ? `plan:${route.planId}` : route.name;
  useEffect(() => {
    mainRef.current?.focus({ preventScroll: true });
  }, [screenKey]);

  return (
    <>
    <div className="app">
      <a className="skip-link" href="#main" onClick={(e) => {
          e.preventDefault();
          mainRef.current?.focus();
        }}>
        {t('app.skipToContent')}
      </a>
      <Sidebar />
      <main id="main" className="content" ref={mainRef} tabIndex={-1}>
        {route.name === 'library' ? <LibraryScreen /> : null}
        <Suspense fallback={<Spinner label={t('app.screenLoading')} />}>
          {route.name === 'settings' ? <SettingsScreen /> : null}
          {route.name === 'portfolio' ? <PortfolioScreen /> : null}
        </Suspense>
        {route.name === 'plan' ? <WorkspaceScreen key={route.planId} planId={route.planId} section={route.section} /> : null}
      </main>
    </div>
    {/* Outside the grid: Radix renders wrapper elements that would otherwise become grid rows. */}
    <FirstRunDialog />
    <JoinController />
    <PlanFileBridge />
    {/* Ctrl/Cmd+Shift+K on every screen: capture a market insight into any plan (features/insights). */}
    <GlobalQuickCapture />
    <Toaster toasts={toasts} onDismiss={dismissToast} closeLabel={t('common.dismiss')} regionLabel={t('common.notifications')} />
    </>
  );
}

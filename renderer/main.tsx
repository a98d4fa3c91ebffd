import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { App } from './app/App';
import { hashToRoute } from './app/routeSlice';
import { ServicesProvider, type AppServices } from './app/services';
import { presenceUserFrom } from './collab/identity';
import { servingSignalingUrl } from './collab/environment';
import { createCollabRuntime } from './collab/runtime';
import { CollabProvider } from './features/connection/collabContext';
import { reloadLibrary } from './features/library/actions';
import { loadProfile } from './features/profile/actions';
import { languageKey } from './features/settings/languageKey';
import { getHost } from './host';
import { createI18n, pickLanguage } from './i18n';
import { getKv, installLifecycleFlush, openLockstepDB } from './storage';
import { useAppStore } from './state/store';
import './styles/app.css';

/**
 * Composition root: open storage → read settings and the profile → render. The library and
 * each plan load from IndexedDB only, so the app starts with no network at all. Sync attaches
 * per plan through `services.attachSync` (null until the sync integration provides it).
 */
async function start(rootElement: HTMLElement): Promise<void> {
  const root = createRoot(rootElement);
  const host = getHost();
  const opened = await openLockstepDB();
  if (!opened.ok) {
    const i18n = await createI18n(pickLanguage(navigator.languages));
    root.render(<StorageFailure message={opened.error.message} title={i18n.t('app.storageFailed')} hint={i18n.t('app.storageFailedHint')} retry={i18n.t('app.retry')} />);
    return;
  }
  const db = opened.value;
  installLifecycleFlush(window);

  const storedLanguage = await getKv(db, languageKey);
  const language = storedLanguage.value ?? pickLanguage(navigator.languages);
  const i18n = await createI18n(language);
  const store = useAppStore.getState();
  store.setLanguage(language);
  store.navigate(hashToRoute(window.location.hash) ?? { name: 'library' });
  await loadProfile(db, useAppStore);
  // The sidebar lists recent plans on every screen, so the library loads up front.
  await reloadLibrary({ db, store: useAppStore });

  // Peer-to-peer sync: a plan syncs only once it is shared (its library row holds the secret).
  const collab = await createCollabRuntime({
    db,
    host,
    // WebRTC (y-webrtc, simple-peer) loads when the first shared plan starts syncing, not at start-up.
    startSync: (doc, options) => import('./sync/session').then(({ startPlanSync }) => startPlanSync(doc, options)),
    identity: () => presenceUserFrom(useAppStore.getState().profile),
    servedBy: servingSignalingUrl(window.location, host.kind === 'browser'),
  });
  const services: AppServices = { db, host, attachSync: collab.attachSync };
  root.render(
    <StrictMode>
      <I18nextProvider i18n={i18n}>
        <ServicesProvider services={services}>
          <CollabProvider runtime={collab}>
            <App />
          </CollabProvider>
        </ServicesProvider>
      </I18nextProvider>
    </StrictMode>,
  );
}

function StorageFailure({ title, message, hint, retry }: { title: string; message: string; hint: string; retry: string }) {
  return (
    <div className="fatal" role="alert">
      <h1>{title}</h1>
      <p>{message}</p>
      <p className="muted">{hint}</p>
      <button type="button" className="btn btn--primary btn--md" onClick={() => window.location.reload()}>
        {retry}
      </button>
    </div>
  );
}

const rootElement = document.getElementById('root');
if (rootElement) void start(rootElement);

import { useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_ICE_SERVERS, MAX_SIGNALING_SETTINGS, normaliseSignalingInput, parseIceServerInput, type ConnectionSettings as Settings } from '../../collab/connectionSettings';
import { useAppStore } from '../../state/store';
import { Button, Field, IconButton } from '../../ui';
import { useCollabRuntime } from './collabContext';

const noop = (): (() => void) => () => undefined;
const EMPTY: Settings = { signalingUrls: [], iceServers: [] };

/** Settings → Connection: signaling servers and STUN/TURN servers, validated as typed. */
export function ConnectionSettings() {
  const { t } = useTranslation();
  const runtime = useCollabRuntime();
  const showToast = useAppStore((s) => s.showToast);
  const settings = useSyncExternalStore(runtime ? runtime.environment.subscribe : noop, () => runtime?.environment.settings() ?? EMPTY);
  const servedBy = runtime?.environment.servedBy() ?? null;
  const [signalingText, setSignalingText] = useState('');
  const [signalingError, setSignalingError] = useState<string | null>(null);
  const [ice, setIce] = useState({ urls: '', username: '', credential: '' });
  const [iceError, setIceError] = useState<string | null>(null);

  if (!runtime) return null;

  const save = async (next: Settings): Promise<boolean> => {
    const saved = await runtime.saveSettings(next);
    if (!saved.ok) {
      showToast({ tone: 'error', message: saved.error.message });
      return false;
    }
    showToast({ tone: 'success', message: t('collab.settings.saved'), duration: 1500 });
    return true;
  };

  const addSignaling = async (): Promise<void> => {
    const url = normaliseSignalingInput(signalingText);
    if (!url.ok) return setSignalingError(url.error.message);
    if (settings.signalingUrls.includes(url.value)) return setSignalingError(t('collab.settings.duplicate'));
    if (settings.signalingUrls.length >= MAX_SIGNALING_SETTINGS) return setSignalingError(t('collab.settings.tooMany'));
    setSignalingError(null);
    if (await save({ ...settings, signalingUrls: [...settings.signalingUrls, url.value] })) setSignalingText('');
  };

  const addIce = async (): Promise<void> => {
    const server = parseIceServerInput(ice);
    if (!server.ok) return setIceError(server.error.message);
    if (settings.iceServers.some((s) => s.urls === server.value.urls)) return setIceError(t('collab.settings.duplicate'));
    if (settings.iceServers.length >= MAX_ICE_SERVERS) return setIceError(t('collab.settings.tooMany'));
    setIceError(null);
    if (await save({ ...settings, iceServers: [...settings.iceServers, server.value] })) setIce({ urls: '', username: '', credential: '' });
  };

  return (
    <section className="card settings-section" aria-labelledby="settings-connection" data-testid="settings-connection">
      <h2 className="card__title" id="settings-connection">
        {t('collab.settings.title')}
      </h2>
      <p className="muted">{t('collab.settings.intro')}</p>

      <h3 className="collab-settings__heading">{t('collab.settings.signaling')}</h3>
      <p className="field__hint">{t('collab.settings.signalingHint')}</p>
      {settings.signalingUrls.length === 0 ? <p className="muted">{t('collab.settings.signalingNone')}</p> : null}
      <ul className="collab-settings__list">
        {settings.signalingUrls.map((url) => (
          <li key={url} className="collab-settings__item">
            <code>{url}</code>
            <IconButton icon="trash" label={t('collab.settings.remove', { item: url })} onClick={() => void save({ ...settings, signalingUrls: settings.signalingUrls.filter((u) => u !== url) })} />
          </li>
        ))}
      </ul>
      {servedBy ? <p className="field__hint">{t('collab.settings.signalingServedBy', { url: servedBy })}</p> : null}
      <form
        className="collab-settings__add"
        onSubmit={(e) => {
          e.preventDefault();
          void addSignaling();
        }}
      >
        <Field label={t('collab.settings.signaling')} error={signalingError} className="collab-settings__grow">
          {({ id, describedBy, invalid }) => (
            <input id={id} className="input" aria-describedby={describedBy} aria-invalid={invalid || undefined} placeholder={t('collab.settings.signalingPlaceholder')} value={signalingText} onChange={(e) => setSignalingText(e.currentTarget.value)} spellCheck={false} data-testid="settings-signaling-input" />
          )}
        </Field>
        <Button type="submit" icon="plus" data-testid="settings-signaling-add">
          {t('collab.settings.addSignaling')}
        </Button>
      </form>

      <h3 className="collab-settings__heading">{t('collab.settings.ice')}</h3>
      <p className="field__hint">{t('collab.settings.iceHint')}</p>
      {settings.iceServers.length === 0 ? <p className="muted">{t('collab.settings.iceNone')}</p> : null}
      <ul className="collab-settings__list">
        {settings.iceServers.map((server) => (
          <li key={server.urls} className="collab-settings__item">
            <code>{server.urls}</code>
            {server.username ? <span className="muted">{server.username}</span> : null}
            <IconButton icon="trash" label={t('collab.settings.remove', { item: server.urls })} onClick={() => void save({ ...settings, iceServers: settings.iceServers.filter((s) => s.urls !== server.urls) })} />
          </li>
        ))}
      </ul>
      <form
        className="collab-settings__add collab-settings__add--ice"
        onSubmit={(e) => {
          e.preventDefault();
          void addIce();
        }}
      >
        <Field label={t('collab.settings.iceUrl')} error={iceError} className="collab-settings__grow">
          {({ id, describedBy, invalid }) => (
            <input id={id} className="input" aria-describedby={describedBy} aria-invalid={invalid || undefined} placeholder={t('collab.settings.iceUrlPlaceholder')} value={ice.urls} onChange={(e) => setIce({ ...ice, urls: e.currentTarget.value })} spellCheck={false} />
          )}
        </Field>
        <Field label={t('collab.settings.iceUsername')}>
          {({ id }) => <input id={id} className="input" autoComplete="off" value={ice.username} onChange={(e) => setIce({ ...ice, username: e.currentTarget.value })} />}
        </Field>
        <Field label={t('collab.settings.icePassword')}>
          {({ id }) => <input id={id} className="input" type="password" autoComplete="off" value={ice.credential} onChange={(e) => setIce({ ...ice, credential: e.currentTarget.value })} />}
        </Field>
        <Button type="submit" icon="plus">
          {t('collab.settings.addIce')}
        </Button>
      </form>
    </section>
  );
}

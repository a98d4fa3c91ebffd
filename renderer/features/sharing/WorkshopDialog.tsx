import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { NetworkInterfaceInfo } from '../../../shared/ipc/contract';
import { useServices } from '../../app/services';
import { Banner, Button, Dialog, Field, Select } from '../../ui';
import { useCollabRuntime } from '../connection/collabContext';
import { CopyField } from './CopyField';
import { QrCode } from './QrCode';
import { useWorkshop } from './useWorkshop';

const ALL = '0.0.0.0';
export const STANDALONE_COMMAND = 'npm run signal -- --host 0.0.0.0 --port 4444 --static dist/renderer';

function validPort(text: string): number | null {
  if (!/^\d{1,5}$/.test(text.trim())) return null;
  const port = Number(text);
  return port >= 1024 && port <= 65535 ? port : null;
}

/**
 * Host a workshop: in the desktop app, start the signaling server (which also serves the
 * browser build) on a chosen network interface and show where people join. A browser cannot
 * listen on a port, so there it explains the standalone command instead.
 */
export function WorkshopDialog({ open, onOpenChange }: { open: boolean; onOpenChange: (open: boolean) => void }) {
  const { t } = useTranslation();
  const { host } = useServices();
  const runtime = useCollabRuntime();
  const workshop = useWorkshop();
  const [interfaces, setInterfaces] = useState<NetworkInterfaceInfo[]>([]);
  const [address, setAddress] = useState(ALL);
  const [port, setPort] = useState('4444');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const isBrowser = host.kind === 'browser';

  useEffect(() => {
    if (!open || isBrowser) return;
    void host.workshopInterfaces().then(setInterfaces, () => setInterfaces([]));
  }, [open, isBrowser, host]);

  const start = async (): Promise<void> => {
    const chosenPort = validPort(port);
    if (chosenPort === null) {
      setError(t('collab.workshop.portInvalid'));
      return;
    }
    if (!runtime) return;
    setBusy(true);
    setError(null);
    const started = await runtime.startWorkshop(address, chosenPort);
    setBusy(false);
    if (!started.ok) setError(started.error.message);
  };

  const stop = async (): Promise<void> => {
    if (!runtime) return;
    setBusy(true);
    const stopped = await runtime.stopWorkshop();
    setBusy(false);
    if (!stopped.ok) setError(stopped.error.message);
  };

  const options = [
    { value: ALL, label: t('collab.workshop.interfaceLabel', { name: '*', address: ALL }) },
    ...interfaces.map((i) => ({ value: i.address, label: t('collab.workshop.interfaceLabel', { name: i.name, address: i.address }) })),
  ];

  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      title={isBrowser ? t('collab.workshop.browserTitle') : t('collab.workshop.title')}
      closeLabel={t('common.close')}
      size="lg"
      footer={
        isBrowser ? null : workshop ? (
          <Button variant="danger" busy={busy} onClick={() => void stop()} data-testid="workshop-stop">
            {t('collab.workshop.stop')}
          </Button>
        ) : (
          <Button variant="primary" busy={busy} onClick={() => void start()} data-testid="workshop-start">
            {t('collab.workshop.start')}
          </Button>
        )
      }
    >
      {isBrowser ? (
        <div className="stack" data-testid="workshop-browser">
          <p>{t('collab.workshop.browserBody')}</p>
          <CopyField label="" value={STANDALONE_COMMAND} testId="workshop-command" mono />
        </div>
      ) : (
        <div className="stack">
          <p className="muted">{t('collab.workshop.intro')}</p>
          {error ? <Banner tone="error">{error}</Banner> : null}
          {workshop ? (
            <div className="collab-share__grid">
              <div className="collab-share__fields">
                <p>
                  <strong>{t('collab.workshop.running', { port: workshop.port })}</strong>
                </p>
                {workshop.signalingUrls.map((url, i) => (
                  <CopyField key={url} label={i === 0 ? t('collab.workshop.addresses') : ''} value={url} testId={`workshop-address-${i}`} mono />
                ))}
                {workshop.webUrls.map((url, i) => (
                  <CopyField key={url} label={i === 0 ? t('collab.workshop.webAddresses') : ''} value={url} testId={`workshop-web-${i}`} mono />
                ))}
                <p className="field__hint">{t('collab.workshop.shareHint')}</p>
              </div>
              {workshop.webUrls[0] ? <QrCode text={workshop.webUrls[0]} label={t('collab.workshop.webAddresses')} /> : null}
            </div>
          ) : (
            <>
              {interfaces.filter((i) => !i.internal).length === 0 ? <Banner tone="warning">{t('collab.workshop.noInterfaces')}</Banner> : null}
              <Field label={t('collab.workshop.network')}>
                {({ id, describedBy }) => <Select id={id} aria-describedby={describedBy} value={address} options={options} onValue={setAddress} />}
              </Field>
              <Field label={t('collab.workshop.port')}>
                {({ id, describedBy }) => (
                  <input id={id} aria-describedby={describedBy} className="input input--sm" inputMode="numeric" value={port} onChange={(e) => setPort(e.currentTarget.value)} />
                )}
              </Field>
            </>
          )}
        </div>
      )}
    </Dialog>
  );
}

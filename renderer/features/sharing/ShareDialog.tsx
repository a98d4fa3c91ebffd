import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PlanCollab } from '../../collab/planCollab';
import { reloadLibrary } from '../library/actions';
import { useServices } from '../../app/services';
import { useAppStore } from '../../state/store';
import { softDelete } from '../../storage';
import { Banner, Button, Dialog, Spinner } from '../../ui';
import { useCollabRuntime, useCollabSnapshot } from '../connection/collabContext';
import { useWorkshop } from './useWorkshop';
import { CopyField } from './CopyField';
import { inviteTexts } from './inviteText';
import { QrCode } from './QrCode';
import { WorkshopDialog } from './WorkshopDialog';

type Step = 'main' | 'confirm-rotate' | 'confirm-leave';

/**
 * Share plan: first share creates the plan's secret; then the invite link, the browser link
 * (when a workshop host is known), the short code and a QR code, each with a copy button.
 * Rotating and leaving ask first.
 */
export function ShareDialog({ open, onOpenChange, collab, planId }: { open: boolean; onOpenChange: (open: boolean) => void; collab: PlanCollab | undefined; planId: string }) {
  const { t } = useTranslation();
  const { db } = useServices();
  const runtime = useCollabRuntime();
  const snapshot = useCollabSnapshot(collab, planId);
  const workshop = useWorkshop();
  const showToast = useAppStore((s) => s.showToast);
  const navigate = useAppStore((s) => s.navigate);
  const [step, setStep] = useState<Step>('main');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [workshopOpen, setWorkshopOpen] = useState(false);

  const servedBy = runtime?.environment.servedBy() ?? null;
  const browserBase = workshop?.webUrls[0] ?? (servedBy !== null ? window.location.origin : null);
  const texts = snapshot.share ? inviteTexts(planId, snapshot.share, snapshot.signalingUrls, browserBase) : null;

  const run = async (action: () => Promise<{ ok: boolean; error?: { message: string } }>, done?: () => void): Promise<void> => {
    setBusy(true);
    setError(null);
    const result = await action();
    setBusy(false);
    if (!result.ok) setError(result.error?.message ?? '');
    else done?.();
  };

  const close = (next: boolean): void => {
    if (!next) {
      setStep('main');
      setError(null);
    }
    onOpenChange(next);
  };

  // One modal at a time: a dialog stacked on another does not dim the one below.
  const openWorkshop = (): void => {
    close(false);
    setWorkshopOpen(true);
  };

  const leave = (remove: boolean): void => {
    if (!collab) return;
    void run(
      () => collab.leave(),
      () => {
        close(false);
        if (remove) {
          void softDelete(db, planId).then(() => reloadLibrary({ db, store: useAppStore }));
          navigate({ name: 'library' });
        }
        showToast({ tone: 'info', message: remove ? t('collab.share.leftRemoved') : t('collab.share.left') });
      },
    );
  };

  const footer =
    step === 'main' ? (
      snapshot.share ? (
        <>
          <Button variant="ghost" onClick={() => setStep('confirm-leave')} data-testid="share-leave">
            {t('collab.share.leave')}
          </Button>
          <Button onClick={() => setStep('confirm-rotate')} data-testid="share-rotate">
            {t('collab.share.rotate')}
          </Button>
          <Button onClick={openWorkshop} icon="share">
            {t('collab.share.workshop')}
          </Button>
        </>
      ) : (
        <>
          <Button onClick={openWorkshop}>{t('collab.share.workshop')}</Button>
          <Button variant="primary" busy={busy} disabled={!collab} onClick={() => collab && void run(() => collab.share())} data-testid="share-start">
            {t('collab.share.start')}
          </Button>
        </>
      )
    ) : step === 'confirm-rotate' ? (
      <>
        <Button variant="ghost" onClick={() => setStep('main')}>
          {t('common.cancel')}
        </Button>
        <Button
          variant="primary"
          busy={busy}
          onClick={() =>
            collab &&
            void run(
              () => collab.rotate(),
              () => {
                setStep('main');
                showToast({ tone: 'success', message: t('collab.share.rotated') });
              },
            )
          }
          data-testid="share-rotate-confirm"
        >
          {t('collab.share.rotateConfirm')}
        </Button>
      </>
    ) : (
      <>
        <Button variant="ghost" onClick={() => setStep('main')}>
          {t('common.cancel')}
        </Button>
        <Button variant="danger" busy={busy} onClick={() => leave(true)} data-testid="share-leave-remove">
          {t('collab.share.leaveRemove')}
        </Button>
        <Button variant="primary" busy={busy} onClick={() => leave(false)} data-testid="share-leave-keep">
          {t('collab.share.leaveKeep')}
        </Button>
      </>
    );

  return (
    <>
      <Dialog
        open={open}
        onOpenChange={close}
        title={step === 'confirm-rotate' ? t('collab.share.rotateTitle') : step === 'confirm-leave' ? t('collab.share.leaveTitle') : t('collab.share.title')}
        closeLabel={t('common.close')}
        size="lg"
        footer={footer}
      >
        {error ? <Banner tone="error">{error}</Banner> : null}
        {step === 'confirm-rotate' ? <p>{t('collab.share.rotateBody')}</p> : null}
        {step === 'confirm-leave' ? <p>{t('collab.share.leaveBody')}</p> : null}
        {step === 'main' && !snapshot.share ? <p className="muted">{t('collab.share.notShared')}</p> : null}
        {step === 'main' && snapshot.share && !texts ? <Spinner label={t('collab.share.starting')} /> : null}
        {step === 'main' && texts ? (
          <div className="collab-share" data-testid="share-dialog">
            <p className="muted collab-share__intro">{t('collab.share.intro')}</p>
            {snapshot.signalingUrls.length === 0 ? <Banner tone="warning">{t('collab.share.noSignaling')}</Banner> : null}
            <div className="collab-share__grid">
              <div className="collab-share__fields">
                <CopyField label={t('collab.share.link')} value={texts.link} testId="share-link" />
                {texts.browserLink ? (
                  <CopyField label={t('collab.share.browserLink')} value={texts.browserLink} testId="share-browser-link" />
                ) : (
                  <p className="field__hint">{t('collab.share.browserLinkMissing')}</p>
                )}
                <CopyField label={t('collab.share.code')} value={texts.code} testId="share-code" mono />
                <p className="field__hint">
                  {texts.address ? t('collab.share.codeHint', { address: texts.address }) : t('collab.share.codeHintNoAddress')}
                </p>
              </div>
              <QrCode text={texts.browserLink ?? texts.link} label={t('collab.share.qr')} />
            </div>
          </div>
        ) : null}
      </Dialog>
      <WorkshopDialog open={workshopOpen} onOpenChange={setWorkshopOpen} />
    </>
  );
}

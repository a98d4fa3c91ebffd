import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { parseInvite } from '../../../shared/invite';
import type { JoinProgress } from '../../collab/join';
import { normaliseSignalingInput } from '../../collab/connectionSettings';
import { useServices } from '../../app/services';
import { reloadLibrary } from '../library/actions';
import { useAppStore } from '../../state/store';
import { getPlan } from '../../storage';
import { Banner, Button, Dialog, Field, Spinner } from '../../ui';
import { useCollabRuntime } from '../connection/collabContext';
import { inviteErrorText } from './inviteText';
import { inviteInLocation, onJoinRequest, requestJoin, type JoinRequest } from './joinRequests';

const SLOW_AFTER_MS = 8000;

/**
 * Join a plan: paste a link or type a code (+ meeting address). Mounted once in the app; it
 * also handles lockstep:// deep links and a browser participant's `#join=` URL, which start
 * joining by themselves (after the first-run profile exists).
 */
export function JoinController() {
  const { t } = useTranslation();
  const { db, host } = useServices();
  const runtime = useCollabRuntime();
  const profile = useAppStore((s) => s.profile);
  const navigate = useAppStore((s) => s.navigate);
  const showToast = useAppStore((s) => s.showToast);
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  const [address, setAddress] = useState('');
  const [autoStart, setAutoStart] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [progress, setProgress] = useState<JoinProgress | null>(null);
  const [slow, setSlow] = useState(false);
  const abort = useRef<AbortController | null>(null);

  useEffect(() => {
    const fromUrl = inviteInLocation(window.location);
    if (fromUrl !== null) {
      // The secret should not stay in the address bar (or in history) once read.
      window.history.replaceState(null, '', `${window.location.pathname}${window.location.search}`);
      setText(fromUrl);
      setAutoStart(true);
      setOpen(true);
    }
    const stopRequests = onJoinRequest((request: JoinRequest) => {
      setText(request.text);
      setAddress('');
      setError(null);
      setAutoStart(request.auto);
      setOpen(true);
    });
    const stopUrls = host.onOpenUrl((url) => {
      setText(url);
      setAddress('');
      setError(null);
      setAutoStart(true);
      setOpen(true);
    });
    return () => {
      stopRequests();
      stopUrls();
    };
  }, [host]);

  const start = async (): Promise<void> => {
    if (!runtime || abort.current) return;
    setError(null);
    let input = text.trim();
    if (address.trim() !== '') {
      const url = normaliseSignalingInput(address);
      if (!url.ok) {
        setError(t('collab.join.badAddress'));
        return;
      }
      input = `${input} ${url.value}`;
    }
    const invite = parseInvite(input);
    if (!invite.ok) {
      setError(inviteErrorText(invite.error, t));
      return;
    }
    const controller = new AbortController();
    abort.current = controller;
    setProgress({ step: 'looking', signaling: [], peers: 0 });
    setSlow(false);
    const slowTimer = setTimeout(() => setSlow(true), SLOW_AFTER_MS);
    const joined = await runtime.join(invite.value, { signal: controller.signal, onProgress: setProgress });
    clearTimeout(slowTimer);
    abort.current = null;
    setProgress(null);
    if (!joined.ok) {
      if (joined.error.code !== 'join/cancelled') setError(joined.error.message);
      return;
    }
    await reloadLibrary({ db, store: useAppStore });
    const row = await getPlan(db, joined.value.planId);
    const title = row.ok && row.value && !row.value.corrupt ? row.value.title : '';
    setOpen(false);
    setText('');
    setAddress('');
    navigate({ name: 'plan', planId: joined.value.planId, section: 'brief' });
    showToast({ tone: 'success', message: t('collab.join.joined', { title: title || t('plan.untitled') }) });
  };

  // Deep links and browser links join by themselves, once there is a profile to join as.
  useEffect(() => {
    if (open && autoStart && profile !== null && runtime) {
      setAutoStart(false);
      void start();
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open, autoStart, profile, runtime]);

  const cancel = (): void => {
    abort.current?.abort();
    setOpen(false);
    setError(null);
  };

  const joining = progress !== null;
  const signalingDown = progress?.step === 'looking' && progress.signaling.length > 0 && progress.signaling.every((s) => !s.connected);
  const status =
    progress === null
      ? null
      : progress.step === 'looking'
        ? slow
          ? signalingDown
            ? t('collab.join.signalingDown')
            : t('collab.join.lookingSlow')
          : t('collab.join.looking')
        : progress.step === 'receiving'
          ? t('collab.join.receiving')
          : t('collab.join.saving');

  return (
    <Dialog
      // Waits behind the first-run dialog; two modals at once would fight over focus.
      open={open && profile !== null}
      onOpenChange={(next) => (next ? setOpen(true) : cancel())}
      title={t('collab.join.title')}
      closeLabel={t('common.close')}
      footer={
        <>
          <Button variant="ghost" onClick={cancel} data-testid="join-cancel">
            {t('common.cancel')}
          </Button>
          <Button variant="primary" busy={joining} onClick={() => void start()} data-testid="join-submit">
            {t('collab.join.submit')}
          </Button>
        </>
      }
    >
      <form
        className="stack"
        onSubmit={(e) => {
          e.preventDefault();
          void start();
        }}
      >
        <p className="muted">{t('collab.join.intro')}</p>
        <Field label={t('collab.join.invite')} error={error}>
          {({ id, describedBy, invalid }) => (
            <input
              id={id}
              className="input"
              aria-describedby={describedBy}
              aria-invalid={invalid || undefined}
              placeholder={t('collab.join.invitePlaceholder')}
              value={text}
              disabled={joining}
              autoComplete="off"
              spellCheck={false}
              onChange={(e) => setText(e.currentTarget.value)}
              data-testid="join-invite"
            />
          )}
        </Field>
        <Field label={t('collab.join.address')}>
          {({ id, describedBy }) => (
            <input
              id={id}
              className="input"
              aria-describedby={describedBy}
              placeholder={t('collab.join.addressPlaceholder')}
              value={address}
              disabled={joining}
              autoComplete="off"
              spellCheck={false}
              onChange={(e) => setAddress(e.currentTarget.value)}
              data-testid="join-address"
            />
          )}
        </Field>
        {status ? (
          <div className="collab-join__status" role="status" data-testid="join-status" data-step={progress?.step}>
            {slow && progress?.step === 'looking' ? <Banner tone="warning">{status}</Banner> : <Spinner label={status} />}
          </div>
        ) : null}
        <button type="submit" hidden />
      </form>
    </Dialog>
  );
}

/** The library's "Join a plan" button. */
export function JoinPlanButton() {
  const { t } = useTranslation();
  return (
    <Button icon="share" onClick={() => requestJoin({ text: '', auto: false })} data-testid="join-plan">
      {t('collab.join.button')}
    </Button>
  );
}

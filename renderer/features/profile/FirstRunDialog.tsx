import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useServices } from '../../app/services';
import { useAppStore } from '../../state/store';
import { Dialog } from '../../ui';
import { newProfileDraft, saveProfile } from './actions';
import { ProfileForm } from './ProfileForm';

/** Asked once, before anything else: who is planning (shown to colleagues when sharing). */
export function FirstRunDialog() {
  const { t } = useTranslation();
  const { db } = useServices();
  const profile = useAppStore((s) => s.profile);
  const showToast = useAppStore((s) => s.showToast);
  const draft = useMemo(() => newProfileDraft(), []);
  return (
    <Dialog
      open={profile === null}
      onOpenChange={() => undefined}
      dismissible={false}
      title={t('profile.welcomeTitle')}
      description={t('profile.welcomeBody')}
      closeLabel={t('common.close')}
    >
      <ProfileForm
        initial={draft}
        submitLabel={t('profile.start')}
        onSubmit={async (next) => {
          const problem = await saveProfile(db, useAppStore, next);
          if (problem) showToast({ tone: 'error', message: problem });
        }}
      />
    </Dialog>
  );
}

import { useTranslation } from 'react-i18next';
import { formatTime } from '../../i18n/format';
import { useAppStore } from '../../state/store';
import { Icon } from '../../ui';
import { useSaveStatus } from '../usePlan';

/** "Saved" appears only once the IndexedDB transaction holding every edit has completed. */
export function SaveIndicator() {
  const { t } = useTranslation();
  const status = useSaveStatus();
  const language = useAppStore((s) => s.language);
  if (status.state === 'error') {
    const reason = status.error?.code === 'storage/quota' ? t('save.quota') : t('save.errorGeneric');
    return (
      <span className="save save--error" role="alert" data-testid="save-status" data-state="error">
        <Icon name="alert" />
        {t('save.error', { reason })}
      </span>
    );
  }
  if (status.state === 'saving') {
    return (
      <span className="save save--saving" role="status" data-testid="save-status" data-state="saving">
        <span className="spinner spinner--xs" aria-hidden="true" />
        {t('save.saving')}
      </span>
    );
  }
  return (
    <span
      className="save save--saved"
      role="status"
      data-testid="save-status"
      data-state="saved"
      title={status.savedAt ? t('save.savedAt', { time: formatTime(status.savedAt, language) }) : undefined}
    >
      <Icon name="check" />
      {t('save.saved')}
    </span>
  );
}

import { useTranslation } from 'react-i18next';
import { formatDay, parseDay } from '../i18n/format';
import { useAppStore } from '../state/store';

/** The locale-bound props every DateInput needs. */
export function useDateProps() {
  const { t } = useTranslation();
  const language = useAppStore((s) => s.language);
  return {
    format: (iso: string) => formatDay(iso, language),
    parse: parseDay,
    placeholder: t('common.datePlaceholder'),
    pickerLabel: t('common.pickDate'),
    invalidMessage: t('error.date/unreadable'),
  };
}

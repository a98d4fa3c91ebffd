import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppError } from '../../shared/result';

/** Translates an error by its stable code; unknown codes fall back to the English message. */
export function useErrorText(): (error: AppError) => string {
  const { t, i18n } = useTranslation();
  return useCallback(
    (error: AppError) => {
      const key = `error.${error.code}`;
      return i18n.exists(key) ? t(key) : error.message;
    },
    [t, i18n],
  );
}

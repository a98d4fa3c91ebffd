import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { describeWorkflowConflict, type CriticalConflict } from '../../domain';
import { formatDayLong, formatNumber } from '../../i18n';
import { usePlanSession } from '../../app/usePlan';
import { money, useLanguage } from '../offers/useWorkflow';

export interface ConflictText {
  field: string;
  show: (value: unknown) => string;
}

/**
 * Words for the conflict cards when the conflict is about an offer, a review or a pilot: which
 * price of which offer, and the values as money, verdicts or decisions instead of raw data.
 */
export function useWorkflowConflictText(): (conflict: CriticalConflict) => ConflictText | null {
  const { t } = useTranslation();
  const lang = useLanguage();
  const session = usePlanSession();
  return useCallback(
    (conflict: CriticalConflict) => {
      const target = describeWorkflowConflict(session.doc, conflict.path);
      if (!target) return null;
      const field = t(`conflictFields.${target.kind}`, { name: target.name, detail: target.detail });
      const show = (value: unknown): string => {
        if (value === null || value === undefined) return t('common.none');
        switch (target.kind) {
          case 'bundlePrice':
          case 'listPrice':
            return typeof value === 'number' ? money(value, lang, target.currency) : String(value);
          case 'offerStatus':
            return t(`offers.status.${String(value)}`, { defaultValue: String(value) });
          case 'answer':
            return t(`reviews.verdict.${String(value)}`, { defaultValue: String(value) });
          case 'pilotDecision':
            return t(`pilots.decisionValue.${String(value)}`, { defaultValue: String(value) });
          case 'pilotStart':
          case 'pilotEnd':
            return typeof value === 'string' ? formatDayLong(value, lang) : String(value);
          default:
            return typeof value === 'number' ? formatNumber(value, lang) : String(value);
        }
      };
      return { field, show };
    },
    [session, t, lang],
  );
}

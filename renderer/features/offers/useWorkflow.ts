import { useMemo } from 'react';
import type * as Y from 'yjs';
import type { Result } from '../../../shared/result';
import { parseMoneyInput } from '../../domain';
import { formatMoney, formatNumber, LOCALE_OF, type Language } from '../../i18n';
import { usePlanSession, usePlanView } from '../../app/usePlan';
import { useAppStore } from '../../state/store';

/**
 * Reads a review-workflow model (offers, reviews, pilots) of the open plan. The plan view is
 * re-projected after every transaction, local or remote, so using it as the memo key recomputes
 * exactly when the document changed. `read` must be a stable, module-level function.
 */
export function useDocRead<T>(read: (doc: Y.Doc) => T): T {
  const session = usePlanSession();
  const view = usePlanView();
  // eslint-disable-next-line react-hooks/exhaustive-deps -- `view` is the change signal, not an input
  return useMemo(() => read(session.doc), [session, view, read]);
}

export function useLanguage(): Language {
  return useAppStore((s) => s.language);
}

/** Cents → `€ 30.000` (whole units when there are no cents, as sales talks about prices). */
export function money(cents: number | null | undefined, lang: Language, currency: string): string {
  if (cents === null || cents === undefined) return '—';
  if (cents % 100 === 0) return formatMoney(cents / 100, lang, currency);
  return new Intl.NumberFormat(LOCALE_OF[lang], { style: 'currency', currency }).format(cents / 100);
}

/** What a money input shows while editing: the plain number in the person's locale. */
export function moneyDraft(cents: number | null, lang: Language): string {
  if (cents === null) return '';
  return cents % 100 === 0 ? formatNumber(cents / 100, lang) : new Intl.NumberFormat(LOCALE_OF[lang], { minimumFractionDigits: 2 }).format(cents / 100);
}

/** An empty field means "no price"; anything else must parse in the person's locale. */
export function parseMoneyField(text: string, lang: Language): Result<number | null> {
  if (text.trim() === '') return { ok: true, value: null };
  return parseMoneyInput(text, LOCALE_OF[lang]);
}

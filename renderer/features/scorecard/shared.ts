import { useCallback, useRef, useSyncExternalStore } from 'react';
import type * as Y from 'yjs';
import { kpiDefinition, type KpiId } from '../../domain';
import { LOCALE_OF, type Language } from '../../i18n';
import type { DecimalMark } from '../../import';
import { usePlanSession } from '../../app/usePlan';
import { useAppStore } from '../../state/store';

/**
 * Reads a model of the open plan's document and re-reads it after every transaction (local or
 * remote), like usePlanView does for the plan itself. `read` must be a stable function.
 */
export function useDocRead<T>(read: (doc: Y.Doc) => T): T {
  const session = usePlanSession();
  const version = useRef(0);
  const cache = useRef<{ version: number; doc: Y.Doc; value: T } | null>(null);
  const subscribe = useCallback(
    (listener: () => void) =>
      session.subscribe(() => {
        version.current += 1;
        listener();
      }),
    [session],
  );
  const snapshot = (): T => {
    const c = cache.current;
    if (c && c.version === version.current && c.doc === session.doc) return c.value;
    const value = read(session.doc);
    cache.current = { version: version.current, doc: session.doc, value };
    return value;
  };
  return useSyncExternalStore(subscribe, snapshot);
}

export const useLanguage = (): Language => useAppStore((s) => s.language);

/** The decimal mark people type in each language. */
export const decimalOf = (language: Language): DecimalMark => (language === 'en' ? '.' : ',');

const cache = new Map<string, Intl.NumberFormat>();
function nf(language: Language, key: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const k = `${language}|${key}`;
  let f = cache.get(k);
  if (!f) {
    f = new Intl.NumberFormat(LOCALE_OF[language], options);
    cache.set(k, f);
  }
  return f;
}

/** A KPI value as people read it in their language; null (not computable) is "—". */
export function formatKpi(kpi: KpiId, value: number | null, language: Language, currency = 'EUR'): string {
  if (value === null || !Number.isFinite(value)) return '—';
  switch (kpiDefinition(kpi).unit) {
    case 'count':
      return nf(language, 'count', { maximumFractionDigits: 0 }).format(value);
    case 'currency':
      return Math.abs(value) < 100
        ? nf(language, `cur2${currency}`, { style: 'currency', currency, minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(value)
        : nf(language, `cur0${currency}`, { style: 'currency', currency, maximumFractionDigits: 0 }).format(value);
    case 'percent':
      return nf(language, 'pct', { style: 'percent', maximumFractionDigits: 1 }).format(value);
    case 'rating':
      return nf(language, 'rating', { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(value);
    case 'ratio':
      return nf(language, 'ratio', { maximumFractionDigits: 2 }).format(value);
  }
}

/** A plain number for inputs (no grouping), e.g. `1200,5` in nl. */
export function formatPlain(value: number | null, language: Language): string {
  if (value === null || !Number.isFinite(value)) return '';
  return nf(language, 'plain', { useGrouping: false, maximumFractionDigits: 6 }).format(value);
}

/** Percent KPIs are stored as fractions but typed as percentages. */
export const inputScale = (kpi: KpiId): number => (kpiDefinition(kpi).unit === 'percent' ? 100 : 1);

export function todayIso(): string {
  const now = new Date();
  return new Date(now.getTime() - now.getTimezoneOffset() * 60_000).toISOString().slice(0, 10);
}

/** Saves text through the host (native dialog in Electron, a download in the browser). */
export function downloadName(base: string, ext: string): string {
  const safe = base.replace(/[^\p{L}\p{N}\- ]+/gu, '').trim().replace(/\s+/g, '-').slice(0, 60) || 'lockstep';
  return `${safe}.${ext}`;
}

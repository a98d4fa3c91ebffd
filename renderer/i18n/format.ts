import { LOCALE_OF, type Language } from './languages';

/**
 * Locale-aware formatting through Intl only. Plan dates are ISO calendar days (`2026-11-23`)
 * without a time zone, so they are formatted in UTC to never shift a day.
 */
const cache = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat | Intl.RelativeTimeFormat>();
function cached<T extends Intl.DateTimeFormat | Intl.NumberFormat | Intl.RelativeTimeFormat>(key: string, make: () => T): T {
  const hit = cache.get(key);
  if (hit) return hit as T;
  const made = make();
  cache.set(key, made);
  return made;
}

/** `2026-11-23` → `23/11/2026` (en), `23-11-2026` (nl), `23.11.2026` (fi). Bad input → ''. */
export function formatDay(iso: string | null | undefined, lang: Language): string {
  if (!iso || !/^\d{4}-\d{2}-\d{2}$/.test(iso)) return '';
  const time = Date.parse(`${iso}T00:00:00Z`);
  if (Number.isNaN(time)) return '';
  const f = cached(`day:${lang}`, () => new Intl.DateTimeFormat(LOCALE_OF[lang], { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' }));
  return (f as Intl.DateTimeFormat).format(time);
}

/** A readable day with the month name, e.g. `23 Nov 2026` / `23 nov 2026` / `23.11.2026`. */
export function formatDayLong(iso: string | null | undefined, lang: Language): string {
  if (!iso || !/^\d{4}-\d{2}-\d{2}$/.test(iso)) return '';
  const time = Date.parse(`${iso}T00:00:00Z`);
  if (Number.isNaN(time)) return '';
  const f = cached(`daylong:${lang}`, () => new Intl.DateTimeFormat(LOCALE_OF[lang], { dateStyle: 'medium', timeZone: 'UTC' }));
  return (f as Intl.DateTimeFormat).format(time);
}

/** A moment in local time, e.g. for "saved at" and activity. */
export function formatTime(ms: number, lang: Language): string {
  if (!Number.isFinite(ms)) return '';
  const f = cached(`time:${lang}`, () => new Intl.DateTimeFormat(LOCALE_OF[lang], { hour: '2-digit', minute: '2-digit' }));
  return (f as Intl.DateTimeFormat).format(ms);
}

export function formatDateTime(ms: number, lang: Language): string {
  if (!Number.isFinite(ms) || ms <= 0) return '';
  const f = cached(`dt:${lang}`, () => new Intl.DateTimeFormat(LOCALE_OF[lang], { dateStyle: 'medium', timeStyle: 'short' }));
  return (f as Intl.DateTimeFormat).format(ms);
}

export function formatNumber(value: number, lang: Language): string {
  if (!Number.isFinite(value)) return '';
  return (cached(`num:${lang}`, () => new Intl.NumberFormat(LOCALE_OF[lang])) as Intl.NumberFormat).format(value);
}

/** Whole-euro amounts as sales talks about them: `€ 30.000` (nl), `30 000 €` (fi), `€30,000` (en). */
export function formatMoney(value: number, lang: Language, currency = 'EUR'): string {
  if (!Number.isFinite(value)) return '';
  const f = cached(`money:${lang}:${currency}`, () =>
    new Intl.NumberFormat(LOCALE_OF[lang], { style: 'currency', currency, maximumFractionDigits: 0, minimumFractionDigits: 0 }),
  );
  return (f as Intl.NumberFormat).format(value);
}

const STEPS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['second', 60],
  ['minute', 60],
  ['hour', 24],
  ['day', 7],
  ['week', 4.34524],
  ['month', 12],
  ['year', Number.POSITIVE_INFINITY],
];

/** "3 minutes ago" / "3 minuten geleden" / "3 minuuttia sitten"; older than a week → a date. */
export function formatRelative(ms: number, lang: Language, now: number = Date.now()): string {
  if (!Number.isFinite(ms) || ms <= 0) return '';
  let delta = (ms - now) / 1000;
  if (Math.abs(delta) > 7 * 24 * 3600) return formatDayLong(new Date(ms).toISOString().slice(0, 10), lang);
  const f = cached(`rel:${lang}`, () => new Intl.RelativeTimeFormat(LOCALE_OF[lang], { numeric: 'auto' })) as Intl.RelativeTimeFormat;
  for (const [unit, size] of STEPS) {
    if (Math.abs(delta) < size) return f.format(Math.round(delta), unit);
    delta /= size;
  }
  return '';
}

/**
 * Reads a day typed the way the locale writes it. All three languages put the day first
 * (23/11/2026, 23-11-2026, 23.11.2026); ISO (2026-11-23) is accepted too. Returns the ISO
 * day, null for an empty field, or 'invalid'.
 */
export function parseDay(text: string): string | null | 'invalid' {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  let y: number;
  let m: number;
  let d: number;
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(trimmed);
  const local = /^(\d{1,2})\s*[-./]\s*(\d{1,2})\s*[-./]\s*(\d{4})$/.exec(trimmed);
  if (iso) [y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else if (local) [d, m, y] = [Number(local[1]), Number(local[2]), Number(local[3])];
  else return 'invalid';
  const candidate = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  const time = Date.parse(`${candidate}T00:00:00Z`);
  if (Number.isNaN(time) || new Date(time).toISOString().slice(0, 10) !== candidate) return 'invalid';
  return candidate;
}

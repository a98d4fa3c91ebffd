import { describe, expect, it } from 'vitest';
import { formatDay, formatMoney, formatRelative, parseDay } from '../../../../renderer/i18n/format';
import { en, fi, nl } from '../../../../renderer/i18n';
import { pickLanguage } from '../../../../renderer/i18n/languages';

describe('locale formatting', () => {
  it('writes plan days the way each language does', () => {
    expect(formatDay('2026-11-23', 'nl')).toBe('23-11-2026');
    expect(formatDay('2026-11-23', 'fi')).toBe('23.11.2026');
    expect(formatDay('2026-11-23', 'en')).toBe('23/11/2026');
  });

  it('never shifts a calendar day, whatever the time zone', () => {
    expect(formatDay('2026-01-01', 'nl')).toBe('01-01-2026');
    expect(formatDay('2026-12-31', 'fi')).toBe('31.12.2026');
  });

  it('returns an empty string for dates that are not dates', () => {
    for (const bad of ['', null, undefined, '2026-13-45x', 'tomorrow']) expect(formatDay(bad, 'nl')).toBe('');
  });

  it('formats whole euros per locale', () => {
    // Intl separates with (narrow) no-break spaces; compare them as plain spaces.
    const plain = (s: string) => s.replace(/\s/g, ' ');
    expect(plain(formatMoney(30000, 'nl'))).toBe('€ 30.000');
    expect(plain(formatMoney(30000, 'en'))).toBe('€30,000');
    expect(plain(formatMoney(30000, 'fi'))).toBe('30 000 €');
    expect(formatMoney(Number.NaN, 'nl')).toBe('');
  });

  it('says how long ago in the chosen language', () => {
    const now = Date.UTC(2026, 10, 23, 12, 0, 0);
    expect(formatRelative(now - 3 * 60_000, 'nl', now)).toBe('3 minuten geleden');
    expect(formatRelative(now - 3 * 60_000, 'fi', now)).toBe('3 minuuttia sitten');
    expect(formatRelative(now - 3 * 60_000, 'en', now)).toBe('3 minutes ago');
  });
});

describe('reading typed days', () => {
  it('accepts day-first local forms and ISO', () => {
    expect(parseDay('23-11-2026')).toBe('2026-11-23');
    expect(parseDay('23.11.2026')).toBe('2026-11-23');
    expect(parseDay('23/11/2026')).toBe('2026-11-23');
    expect(parseDay('3.5.2027')).toBe('2027-05-03');
    expect(parseDay('2026-11-23')).toBe('2026-11-23');
  });

  it('treats an empty field as "no date" and refuses impossible days', () => {
    expect(parseDay('   ')).toBeNull();
    expect(parseDay('31-02-2026')).toBe('invalid');
    expect(parseDay('23-13-2026')).toBe('invalid');
    expect(parseDay('next friday')).toBe('invalid');
  });
});

describe('translations', () => {
  // Paths as arrays: some keys contain dots themselves (e.g. `brief.stage` under conflict.fields).
  const paths = (value: unknown, prefix: string[] = []): string[][] =>
    typeof value === 'string'
      ? [prefix]
      : Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => paths(v, [...prefix, k]));
  const leaves = (value: unknown): string[] => paths(value).map((p) => p.join('\u0000'));

  it('Dutch and Finnish have exactly the English keys', () => {
    const keys = leaves(en).sort();
    expect(leaves(nl).sort()).toEqual(keys);
    expect(leaves(fi).sort()).toEqual(keys);
  });

  it('are real translations, not English copies', () => {
    const get = (obj: unknown, key: string): string => key.split('\u0000').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], obj) as string;
    const keys = leaves(en);
    // Proper names and words both languages borrow (Brief, Pilot, Sales, Marketing…) may match.
    // Only sentences count: strip {{placeholders}} and require three or more words left
    // (short labels like "Week", "In review" or "Pilot" are borrowed as they are).
    // Examples of addresses (turn:…, https://…) are not prose either.
    const sentence = (text: string) =>
      !/\b[a-z]+:\S/.test(text) && (text.replace(/\{\{[^}]*\}\}/g, ' ').match(/\p{L}{2,}/gu) ?? []).length >= 3;
    const copiedNl = keys.filter((k) => get(nl, k) === get(en, k) && sentence(get(en, k)));
    const copiedFi = keys.filter((k) => get(fi, k) === get(en, k) && sentence(get(en, k)));
    const allowed = ['languages', 'conflict\u0000byOn', 'journey\u0000cellLabel'].map((k) => k);
    const isAllowed = (k: string) => allowed.some((a) => k === a || k.startsWith(`${a}\u0000`));
    expect(copiedNl.filter((k) => !isAllowed(k))).toEqual([]);
    expect(copiedFi.filter((k) => !isAllowed(k))).toEqual([]);
  });

  it('picks the first supported system language', () => {
    expect(pickLanguage(['de-DE', 'nl-BE', 'en'])).toBe('nl');
    expect(pickLanguage(['fi'])).toBe('fi');
    expect(pickLanguage(['de-DE'])).toBe('en');
  });
});

/** The languages Lockstep ships, and the Intl locale each one formats dates and numbers with. */
export const LANGUAGES = ['en', 'nl', 'fi'] as const;
export type Language = (typeof LANGUAGES)[number];

/** en uses British conventions (day before month) because Lockstep's teams are European. */
export const LOCALE_OF: Record<Language, string> = { en: 'en-GB', nl: 'nl-NL', fi: 'fi-FI' };

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** First supported language among the browser's preferences (e.g. `nl-BE` → `nl`), else English. */
export function pickLanguage(preferred: readonly string[]): Language {
  for (const tag of preferred) {
    const base = tag.toLowerCase().split('-')[0];
    if (isLanguage(base)) return base;
  }
  return 'en';
}

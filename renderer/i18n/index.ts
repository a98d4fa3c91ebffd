import i18next, { type i18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './locales/en';
import { fi } from './locales/fi';
import { nl } from './locales/nl';
import { LOCALE_OF, type Language } from './languages';

export * from './languages';
export * from './format';
export { en, nl, fi };

/** One i18next instance per app (and per test), with every language bundled: no network. */
export async function createI18n(language: Language): Promise<i18n> {
  const instance = i18next.createInstance();
  await instance.use(initReactI18next).init({
    lng: language,
    fallbackLng: 'en',
    supportedLngs: ['en', 'nl', 'fi'],
    resources: { en: { translation: en }, nl: { translation: nl }, fi: { translation: fi } },
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  setDocumentLanguage(language);
  return instance;
}

export function setDocumentLanguage(language: Language): void {
  if (typeof document !== 'undefined') document.documentElement.lang = LOCALE_OF[language].split('-')[0] ?? 'en';
}

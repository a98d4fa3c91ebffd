import type { i18n } from 'i18next';
import { setDocumentLanguage } from '../../i18n';
import type { Language } from '../../i18n/languages';
import { setKv, type LockstepDB } from '../../storage';
import type { AppStore } from '../../state/store';
import { languageKey } from './languageKey';

/** Switches the UI language now and remembers it on this computer. */
export async function changeLanguage(db: LockstepDB, store: AppStore, i18n: i18n, language: Language): Promise<string | null> {
  await i18n.changeLanguage(language);
  setDocumentLanguage(language);
  store.getState().setLanguage(language);
  const written = await setKv(db, languageKey, language);
  return written.ok ? null : written.error.message;
}

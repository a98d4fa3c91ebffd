import type { Language } from '../../i18n/languages';
import type { SliceCreator } from '../../state/sliceTypes';

export interface SettingsSlice {
  language: Language;
  setLanguage: (language: Language) => void;
}

export const createSettingsSlice: SliceCreator<SettingsSlice> = (set) => ({
  language: 'en',
  setLanguage: (language) => set({ language }),
});

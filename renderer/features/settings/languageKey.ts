import { z } from 'zod';
import { LANGUAGES, type Language } from '../../i18n/languages';
import { defineKvKey } from '../../storage';

/** null = follow the system language. */
export const languageKey = defineKvKey<Language | null>('language', z.enum(LANGUAGES).nullable(), null);

import type { i18n as I18n } from 'i18next';
import type { Translate } from './model';

/** i18next's `t` as the narrow `Translate` the export and history modules take (they never import i18next). */
export function translator(i18n: I18n): Translate {
  return (key, options) => String(i18n.t(key, options ?? {}));
}

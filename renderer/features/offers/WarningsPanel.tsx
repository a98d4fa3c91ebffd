import { useTranslation } from 'react-i18next';
import type { OfferView } from '../../domain';
import { Icon } from '../../ui';
import { money, useLanguage } from './useWorkflow';

/** Amount parameters are cents; everything else is shown as given. */
const AMOUNT_PARAMS = new Set(['addonPrice', 'corePrice', 'bundle', 'sum', 'oneOff', 'monthly', 'yearly']);

export function WarningsPanel({ offer }: { offer: OfferView }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  return (
    <section className={offer.warnings.length > 0 ? 'wf-warnings wf-warnings--on' : 'wf-warnings'} aria-live="polite" data-testid="offer-warnings">
      <h3 className="wf-h3">
        <Icon name="alert" /> {t('offers.warningsTitle')}
      </h3>
      {offer.warnings.length === 0 ? <p className="wf-muted">{t('offers.noWarnings')}</p> : null}
      <ul>
        {offer.warnings.map((w, i) => {
          const params: Record<string, string | number> = {};
          for (const [key, value] of Object.entries(w.params)) {
            params[key] = AMOUNT_PARAMS.has(key) && typeof value === 'number' ? money(value, lang, offer.currency) : typeof value === 'number' ? value.toLocaleString(lang) : value;
          }
          return (
            <li key={`${w.code}-${i}`} data-testid="offer-warning" data-code={w.code}>
              {t(`offers.warning.${w.code}`, params)}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

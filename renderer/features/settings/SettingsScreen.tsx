import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useServices } from '../../app/services';
import { formatDay, formatMoney } from '../../i18n/format';
import { LANGUAGES, type Language } from '../../i18n/languages';
import { useAppStore } from '../../state/store';
import { saveProfile } from '../profile/actions';
import { ProfileForm } from '../profile/ProfileForm';
import { changeLanguage } from './actions';
import { ConnectionSettings } from '../connection/ConnectionSettings';

export function SettingsScreen() {
  const { t, i18n } = useTranslation();
  const { db, host } = useServices();
  const language = useAppStore((s) => s.language);
  const profile = useAppStore((s) => s.profile);
  const showToast = useAppStore((s) => s.showToast);
  const [version, setVersion] = useState('');
  useEffect(() => {
    void host.appVersion().then(setVersion, () => setVersion(''));
  }, [host]);

  const pickLanguage = async (next: Language): Promise<void> => {
    const problem = await changeLanguage(db, useAppStore, i18n, next);
    if (problem) showToast({ tone: 'error', message: problem });
  };

  return (
    <div className="page page--narrow">
      <header className="page__header">
        <div>
          <h1 className="page__title">{t('settings.title')}</h1>
          <p className="page__subtitle">{t('settings.subtitle')}</p>
        </div>
      </header>

      <section className="card settings-section" aria-labelledby="settings-language">
        <h2 className="card__title" id="settings-language">
          {t('settings.language')}
        </h2>
        <p className="card__hint">{t('settings.languageHint')}</p>
        <div className="language-options" role="radiogroup" aria-labelledby="settings-language">
          {LANGUAGES.map((lang) => (
            <label key={lang} className={lang === language ? 'language-option language-option--on' : 'language-option'}>
              <input
                type="radio"
                name="language"
                value={lang}
                checked={lang === language}
                onChange={() => void pickLanguage(lang)}
                className="visually-hidden"
                data-testid={`language-${lang}`}
              />
              <span className="language-option__name" lang={lang}>
                {t(`languages.${lang}`)}
              </span>
              <span className="language-option__example">
                {formatDay('2026-11-23', lang)} · {formatMoney(30000, lang)}
              </span>
            </label>
          ))}
        </div>
      </section>

      <section className="card settings-section" aria-labelledby="settings-profile">
        <h2 className="card__title" id="settings-profile">
          {t('settings.profile')}
        </h2>
        <p className="card__hint">{t('settings.profileHint')}</p>
        {profile ? (
          <ProfileForm
            key={`${profile.id}-${profile.name}-${profile.colour}-${profile.role}`}
            initial={profile}
            submitLabel={t('profile.save')}
            onSubmit={async (next) => {
              const problem = await saveProfile(db, useAppStore, next);
              showToast(problem ? { tone: 'error', message: problem } : { tone: 'success', message: t('settings.saved') });
            }}
          />
        ) : null}
      </section>

      <ConnectionSettings />

      <section className="card settings-section" aria-labelledby="settings-about">
        <h2 className="card__title" id="settings-about">
          {t('settings.about')}
        </h2>
        <p className="card__hint">
          {t('app.name')} — {t('app.tagline')}. {version ? t('settings.version', { version }) : null} · {t(`settings.host.${host.kind}`)}
        </p>
      </section>
    </div>
  );
}

import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Field } from '../../ui';
import { initials, PROFILE_COLOURS, ROLES, type Profile, type Role } from './profile';

/** Name, role and colour. Used by the first-run dialog and by Settings. */
export function ProfileForm({ initial, submitLabel, onSubmit, extraActions }: {
  initial: Profile;
  submitLabel: string;
  onSubmit: (profile: Profile) => Promise<void> | void;
  extraActions?: ReactNode;
}) {
  const { t } = useTranslation();
  const [name, setName] = useState(initial.name);
  const [role, setRole] = useState<Role>(initial.role);
  const [colour, setColour] = useState(initial.colour);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    if (name.trim() === '') {
      setError(t('profile.nameRequired'));
      return;
    }
    setBusy(true);
    try {
      await onSubmit({ id: initial.id, name: name.trim(), role, colour });
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="stack profile-form" onSubmit={(e) => void submit(e)}>
      <Field label={t('profile.name')} error={error}>
        {({ id, describedBy, invalid }) => (
          <input
            id={id}
            className="input"
            value={name}
            maxLength={100}
            autoComplete="name"
            placeholder={t('profile.namePlaceholder')}
            aria-describedby={describedBy}
            aria-invalid={invalid}
            onChange={(e) => setName(e.currentTarget.value)}
            data-testid="profile-name"
          />
        )}
      </Field>
      <fieldset className="fieldset">
        <legend className="field__label">{t('profile.role')}</legend>
        <div className="segmented">
          {ROLES.map((r) => (
            <label key={r} className={r === role ? 'segmented__option segmented__option--on' : 'segmented__option'}>
              <input type="radio" name="role" value={r} checked={r === role} onChange={() => setRole(r)} className="visually-hidden" />
              {t(`profile.roles.${r}`)}
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset className="fieldset">
        <legend className="field__label">{t('profile.colour')}</legend>
        <div className="swatches">
          {PROFILE_COLOURS.map((c, index) => (
            <label key={c} className={c === colour ? 'swatch swatch--on' : 'swatch'} style={{ background: c }}>
              <input
                type="radio"
                name="colour"
                value={c}
                checked={c === colour}
                onChange={() => setColour(c)}
                className="visually-hidden"
                aria-label={t('profile.colourName', { index: index + 1 })}
              />
              {c === colour ? <span className="swatch__initials">{initials(name || '?')}</span> : null}
            </label>
          ))}
        </div>
      </fieldset>
      <div className="form-actions">
        {extraActions}
        <Button type="submit" variant="primary" busy={busy} data-testid="profile-submit">
          {submitLabel}
        </Button>
      </div>
    </form>
  );
}

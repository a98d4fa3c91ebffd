import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { PLAN_KINDS, type PlanKind } from '../../domain';
import { Button, Dialog, Field, Icon, type IconName } from '../../ui';

const KIND_ICON: Record<PlanKind, IconName> = { launch: 'brief', campaign: 'milestones', 'offer-change': 'copy' };

/** Create a plan from one of the three templates; the title is optional (defaults per language). */
export function CreatePlanDialog({ open, onOpenChange, onCreate }: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onCreate: (kind: PlanKind, title: string) => Promise<void>;
}) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<PlanKind>('launch');
  const [title, setTitle] = useState('');
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (open) {
      setKind('launch');
      setTitle('');
      setBusy(false);
    }
  }, [open]);
  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    try {
      await onCreate(kind, title.trim() || t(`create.templates.${kind}.name`));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog open={open} onOpenChange={onOpenChange} title={t('create.title')} description={t('create.description')} closeLabel={t('common.close')} size="lg">
      <form onSubmit={(e) => void submit(e)} className="stack">
        <fieldset className="template-picker">
          <legend className="field__label">{t('create.templateLabel')}</legend>
          <div className="template-picker__options">
            {PLAN_KINDS.map((k) => (
              <label key={k} className={k === kind ? 'template-card template-card--selected' : 'template-card'}>
                <input type="radio" name="template" value={k} checked={k === kind} onChange={() => setKind(k)} className="visually-hidden" />
                <span className={`template-card__icon kind-tint--${k}`}>
                  <Icon name={KIND_ICON[k]} size={20} />
                </span>
                <span className="template-card__name">{t(`create.templates.${k}.name`)}</span>
                <span className="template-card__body">{t(`create.templates.${k}.body`)}</span>
              </label>
            ))}
          </div>
        </fieldset>
        <Field label={t('create.nameLabel')}>
          {({ id }) => (
            <input
              id={id}
              className="input"
              value={title}
              maxLength={200}
              placeholder={t('create.namePlaceholder')}
              onChange={(e) => setTitle(e.currentTarget.value)}
              data-testid="new-plan-title"
            />
          )}
        </Field>
        <div className="dialog__footer dialog__footer--inline">
          <Button onClick={() => onOpenChange(false)}>{t('common.cancel')}</Button>
          <Button type="submit" variant="primary" busy={busy}>
            {busy ? t('create.creating') : t('create.submit')}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}

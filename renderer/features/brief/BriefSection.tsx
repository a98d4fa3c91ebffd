import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { PLAN_KINDS, setBriefLine, setBriefText, setPlanKind, setTargetDate, type BriefTextField, type PlanKind } from '../../domain';
import { formatDayLong } from '../../i18n/format';
import { useDateProps } from '../../app/useDateProps';
import { useAppStore } from '../../state/store';
import { usePlanView, useRunCommand } from '../../app/usePlan';
import { AutoTextArea, Banner, CommitInput, DateInput, Field, Select } from '../../ui';
import { NarrativeEditor } from './NarrativeEditor';
import { StageControl } from './StageControl';

const LONG_FIELDS: { field: BriefTextField; hint?: string }[] = [
  { field: 'pain', hint: 'brief.painHint' },
  { field: 'objective' },
  { field: 'valueProposition' },
];

export function BriefSection() {
  const { t } = useTranslation();
  const view = usePlanView();
  const run = useRunCommand();
  const language = useAppStore((s) => s.language);
  const dateProps = useDateProps();
  const narrativeLabel = useId();
  const narrativeHint = useId();
  const brief = view.brief;
  return (
    <div className="section__inner">
      <header className="section__header">
        <h2 className="section__title">{t('brief.heading')}</h2>
        <p className="section__intro">{t('brief.intro')}</p>
      </header>

      {brief.rolloutOverride ? (
        <Banner tone="info">
          {t('gate.overridden', {
            name: brief.rolloutOverride.byName,
            date: formatDayLong(new Date(brief.rolloutOverride.at).toISOString().slice(0, 10), language),
            reason: brief.rolloutOverride.reason,
          })}
        </Banner>
      ) : null}

      <div className="card form-grid">
        <Field label={t('brief.title')} className="span-2">
          {({ id }) => (
            <CommitInput
              id={id}
              value={brief.title}
              maxLength={200}
              className="input input--title"
              onCommit={(v) => run((doc, ctx) => setBriefLine(doc, ctx, 'title', v)).ok}
              data-testid="brief-title"
            />
          )}
        </Field>
        <Field label={t('brief.kind')}>
          {({ id }) => (
            <Select<PlanKind>
              id={id}
              value={brief.kind}
              onValue={(k) => run((doc, ctx) => setPlanKind(doc, ctx, k))}
              options={PLAN_KINDS.map((k) => ({ value: k, label: t(`kind.${k}`) }))}
            />
          )}
        </Field>
        <Field label={t('stage.label')}>{({ id }) => <StageControl id={id} />}</Field>
        <Field label={t('brief.owner')}>
          {({ id }) => (
            <CommitInput
              id={id}
              value={brief.owner}
              maxLength={200}
              placeholder={t('brief.ownerPlaceholder')}
              onCommit={(v) => run((doc, ctx) => setBriefLine(doc, ctx, 'owner', v)).ok}
              data-testid="brief-owner"
            />
          )}
        </Field>
        <Field label={t('brief.targetDate')}>
          {({ id }) => (
            <DateInput
              id={id}
              {...dateProps}
              value={brief.targetDate}
              onValue={(v) => run((doc, ctx) => setTargetDate(doc, ctx, v)).ok}
              data-testid="brief-target-date"
            />
          )}
        </Field>
      </div>

      <div className="card stack">
        {LONG_FIELDS.map(({ field, hint }) => (
          <Field key={field} label={t(`brief.${field}`)} {...(hint ? { hint: t(hint) } : {})}>
            {({ id, describedBy }) => (
              <AutoTextArea
                id={id}
                aria-describedby={describedBy}
                value={brief[field]}
                placeholder={t(`brief.${field}Placeholder`)}
                onValue={(v) => run((doc, ctx) => setBriefText(doc, ctx, field, v), { merge: true })}
                data-testid={`brief-${field}`}
              />
            )}
          </Field>
        ))}
      </div>

      <div className="card stack">
        <div className="field">
          <span className="field__label" id={narrativeLabel}>
            {t('brief.narrative')}
          </span>
          <p className="field__hint" id={narrativeHint}>
            {t('brief.narrativeHint')}
          </p>
          <NarrativeEditor labelId={narrativeLabel} hintId={narrativeHint} placeholder={t('brief.narrativePlaceholder')} />
        </div>
      </div>
    </div>
  );
}

import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { changeStage, STAGES, type Stage } from '../../domain';
import { usePlanSession, usePlanView, useRunCommand } from '../../app/usePlan';
import { Button, Dialog, Field, Select } from '../../ui';

/**
 * The stage picker. Moving to Rollout without a "go" pilot opens the gate dialog: the person
 * either goes back or writes the reason that stays visible on the plan.
 */
export function StageControl({ id }: { id: string }) {
  const { t } = useTranslation();
  const session = usePlanSession();
  const view = usePlanView();
  const run = useRunCommand();
  const [gated, setGated] = useState<Stage | null>(null);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);

  const pick = (stage: Stage): void => {
    const result = changeStage(session.doc, session.ctx, { stage });
    if (!result.ok && result.error.code === 'stage/gate') {
      setReason('');
      setReasonError(null);
      setGated(stage);
    } else if (!result.ok) {
      run(() => result);
    }
  };
  const override = (): void => {
    if (!gated) return;
    if (reason.trim() === '') {
      setReasonError(t('gate.reasonRequired'));
      return;
    }
    const result = run((doc, ctx) => changeStage(doc, ctx, { stage: gated, overrideReason: reason }));
    if (result.ok) setGated(null);
  };

  return (
    <>
      <Select<Stage>
        id={id}
        value={view.brief.stage}
        onValue={pick}
        options={STAGES.map((s) => ({ value: s, label: t(`stage.${s}`) }))}
        data-testid="stage-select"
      />
      <Dialog
        open={gated !== null}
        onOpenChange={(open) => !open && setGated(null)}
        title={t('gate.title')}
        description={t('gate.body')}
        closeLabel={t('common.close')}
        footer={
          <>
            <Button onClick={() => setGated(null)}>{t('common.cancel')}</Button>
            <Button variant="primary" onClick={override} data-testid="gate-confirm">
              {t('gate.confirm', { stage: gated ? t(`stage.${gated}`) : '' })}
            </Button>
          </>
        }
      >
        <Field label={t('gate.reasonLabel')} error={reasonError}>
          {({ id: fieldId, describedBy, invalid }) => (
            <textarea
              id={fieldId}
              className="input textarea"
              rows={3}
              value={reason}
              placeholder={t('gate.reasonPlaceholder')}
              aria-describedby={describedBy}
              aria-invalid={invalid}
              onChange={(e) => setReason(e.currentTarget.value)}
              data-testid="gate-reason"
            />
          )}
        </Field>
      </Dialog>
    </>
  );
}

import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { knownPeople, requestReview, type Person, type ReviewTargetKind } from '../../domain';
import { formatDay, parseDay } from '../../i18n';
import { usePlanSession, useRunCommand } from '../../app/usePlan';
import { Button, DateInput, Dialog, Field } from '../../ui';
import { useDocRead, useLanguage } from '../offers/useWorkflow';

/** Marketing names the reviewers and a due date; Radix handles focus and Escape. */
export function RequestReviewDialog({ open, onClose, target }: { open: boolean; onClose: () => void; target: { kind: ReviewTargetKind; id?: string; name: string } }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const run = useRunCommand();
  const session = usePlanSession();
  const known = useDocRead(knownPeople);
  const [extra, setExtra] = useState<Person[]>([]);
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [other, setOther] = useState('');
  const [due, setDue] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const people = [...known, ...extra.filter((p) => !known.some((k) => k.id === p.id))];
  if (!people.some((p) => p.id === session.ctx.actor.id)) people.push({ id: session.ctx.actor.id, name: session.ctx.actor.name });

  const toggle = (id: string, on: boolean): void => {
    const next = new Set(chosen);
    if (on) next.add(id);
    else next.delete(id);
    setChosen(next);
  };
  const addOther = (): void => {
    const name = other.trim();
    if (name === '') return;
    // Someone who has not opened the plan yet: a name-based id until they join with a profile.
    const id = `name:${name.toLocaleLowerCase()}`;
    setExtra([...extra, { id, name }]);
    toggle(id, true);
    setOther('');
  };
  const send = (): void => {
    const reviewers = people.filter((p) => chosen.has(p.id));
    const result = run((doc, ctx) => requestReview(doc, ctx, { target: target.id === undefined ? { kind: target.kind } : { kind: target.kind, id: target.id }, reviewers, dueDate: due, note }));
    if (result.ok) {
      setChosen(new Set());
      setNote('');
      setError(null);
      onClose();
    } else setError(result.error.message);
  };

  return (
    <Dialog
      open={open}
      onOpenChange={(o) => !o && onClose()}
      title={t('reviews.dialogTitle')}
      description={t('reviews.dialogBody', { target: target.name })}
      closeLabel={t('common.close')}
      footer={
        <>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button variant="primary" onClick={send} data-testid="review-send">
            {t('reviews.send')}
          </Button>
        </>
      }
    >
      <fieldset className="wf-fieldset">
        <legend className="field__label">{t('reviews.reviewers')}</legend>
        <div className="wf-checks">
          {people.map((p) => (
            <label key={p.id} className="wf-check">
              <input type="checkbox" checked={chosen.has(p.id)} onChange={(e) => toggle(p.id, e.currentTarget.checked)} data-testid="reviewer-option" />
              {p.name}
            </label>
          ))}
        </div>
        <div className="wf-inline-add">
          <input className="input" aria-label={t('reviews.addPerson')} placeholder={t('reviews.addPerson')} value={other} onChange={(e) => setOther(e.currentTarget.value)} onKeyDown={(e) => e.key === 'Enter' && (e.preventDefault(), addOther())} />
          <Button onClick={addOther}>{t('reviews.addPersonButton')}</Button>
        </div>
      </fieldset>
      <Field label={t('reviews.dueDate')}>
        {({ id }) => (
          <DateInput
            id={id}
            value={due}
            onValue={(v) => {
              setDue(v);
              return true;
            }}
            format={(iso) => formatDay(iso, lang)}
            parse={parseDay}
            pickerLabel={t('reviews.dueDate')}
            invalidMessage={t('error.date/invalid')}
            data-testid="review-due"
          />
        )}
      </Field>
      <Field label={t('reviews.note')} error={error}>
        {({ id, describedBy, invalid }) => (
          <textarea id={id} className="input textarea" rows={2} value={note} aria-describedby={describedBy} aria-invalid={invalid} onChange={(e) => setNote(e.currentTarget.value)} />
        )}
      </Field>
    </Dialog>
  );
}

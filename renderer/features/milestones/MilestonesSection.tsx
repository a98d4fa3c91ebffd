import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  addMilestone,
  DISCIPLINES,
  MILESTONE_KINDS,
  removeMilestone,
  updateMilestone,
  type Discipline,
  type Milestone,
} from '../../domain';
import { useDateProps } from '../../app/useDateProps';
import { usePlanSession, usePlanView, useRunCommand } from '../../app/usePlan';
import { useAppStore } from '../../state/store';
import { useErrorText } from '../../app/errorText';
import { Badge, Button, CommitInput, DateInput, EmptyState, Field, IconButton, Select, TextField } from '../../ui';

type MilestoneKind = (typeof MILESTONE_KINDS)[number];

function todayIso(): string {
  const now = new Date();
  return new Date(now.getTime() - now.getTimezoneOffset() * 60_000).toISOString().slice(0, 10);
}

export function MilestonesSection() {
  const { t } = useTranslation();
  const view = usePlanView();
  const session = usePlanSession();
  const errorText = useErrorText();
  const [title, setTitle] = useState('');
  const [date, setDate] = useState<string | null>(null);
  const [discipline, setDiscipline] = useState<Discipline>('marketing');
  const [kind, setKind] = useState<MilestoneKind>('milestone');
  const [error, setError] = useState<string | null>(null);
  const dateProps = useDateProps();

  const add = (e: FormEvent): void => {
    e.preventDefault();
    // Refusals show inline next to the field, not as a toast.
    session.stopCapturing();
    const result = addMilestone(session.doc, session.ctx, { title, date, discipline, kind });
    session.stopCapturing();
    if (result.ok) {
      setTitle('');
      setDate(null);
      setError(null);
    } else setError(errorText(result.error));
  };

  return (
    <div className="section__inner">
      <header className="section__header">
        <h2 className="section__title">{t('milestones.heading')}</h2>
        <p className="section__intro">{t('milestones.intro')}</p>
      </header>

      {view.milestones.length === 0 ? (
        <EmptyState icon="milestones" title={t('milestones.emptyTitle')} body={t('milestones.emptyBody')} />
      ) : (
        <div className="card card--flush">
          <table className="table milestones">
            <thead>
              <tr>
                <th scope="col" className="milestones__done">
                  <span className="visually-hidden">{t('milestones.done')}</span>
                </th>
                <th scope="col">{t('milestones.titleLabel')}</th>
                <th scope="col">{t('milestones.date')}</th>
                <th scope="col">{t('milestones.discipline')}</th>
                <th scope="col">{t('milestones.kind')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('common.remove')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {view.milestones.map((m) => (
                <MilestoneRow key={m.id} milestone={m} />
              ))}
            </tbody>
          </table>
        </div>
      )}

      <form className="card add-milestone" onSubmit={add}>
        <TextField
          label={t('milestones.titleLabel')}
          error={error}
          className="add-milestone__title"
          value={title}
          onValue={setTitle}
          placeholder={t('milestones.titlePlaceholder')}
          testId="new-milestone-title"
        />
        <Field label={t('milestones.date')}>
          {({ id }) => <DateInput id={id} {...dateProps} value={date} onValue={setDate} data-testid="new-milestone-date" />}
        </Field>
        <Field label={t('milestones.discipline')}>
          {({ id }) => (
            <Select<Discipline> id={id} value={discipline} onValue={setDiscipline} options={DISCIPLINES.map((d) => ({ value: d, label: t(`discipline.${d}`) }))} />
          )}
        </Field>
        <Field label={t('milestones.kind')}>
          {({ id }) => (
            <Select<MilestoneKind> id={id} value={kind} onValue={setKind} options={MILESTONE_KINDS.map((k) => ({ value: k, label: t(`milestones.kinds.${k}`) }))} />
          )}
        </Field>
        <Button type="submit" variant="primary" icon="plus" className="add-milestone__submit" data-testid="add-milestone">
          {t('milestones.add')}
        </Button>
      </form>
    </div>
  );
}

function MilestoneRow({ milestone }: { milestone: Milestone }) {
  const { t } = useTranslation();
  const dateProps = useDateProps();
  const run = useRunCommand();
  const session = usePlanSession();
  const showToast = useAppStore((s) => s.showToast);
  const overdue = !milestone.done && milestone.date !== null && milestone.date < todayIso();
  const remove = (): void => {
    const result = run((doc, ctx) => removeMilestone(doc, ctx, milestone.id));
    if (result.ok) {
      showToast({ tone: 'info', message: t('milestones.removed', { title: milestone.title }), action: { label: t('common.undo'), run: () => session.undo() } });
    }
  };
  return (
    <tr className={milestone.done ? 'milestone milestone--done' : 'milestone'} data-testid="milestone-row">
      <td className="milestones__done">
        <input
          type="checkbox"
          className="checkbox__box"
          checked={milestone.done}
          aria-label={t('milestones.markDone', { title: milestone.title })}
          onChange={(e) => run((doc, ctx) => updateMilestone(doc, ctx, milestone.id, { done: e.currentTarget.checked }))}
        />
      </td>
      <td className="milestones__title">
        <CommitInput
          value={milestone.title}
          aria-label={t('milestones.titleLabel')}
          className="input input--bare"
          maxLength={200}
          onCommit={(v) => run((doc, ctx) => updateMilestone(doc, ctx, milestone.id, { title: v })).ok}
        />
        {overdue ? <Badge tone="red">{t('milestones.overdue')}</Badge> : null}
      </td>
      <td className="milestones__date">
        <DateInput
          {...dateProps}
          placeholder={t('milestones.undated')}
          value={milestone.date}
          aria-label={t('milestones.date')}
          onValue={(v) => run((doc, ctx) => updateMilestone(doc, ctx, milestone.id, { date: v })).ok}
          data-testid="milestone-date"
        />
      </td>
      <td>
        <Select<Discipline>
          value={milestone.discipline}
          aria-label={t('milestones.discipline')}
          className="select--bare"
          onValue={(d) => run((doc, ctx) => updateMilestone(doc, ctx, milestone.id, { discipline: d }))}
          options={DISCIPLINES.map((d) => ({ value: d, label: t(`discipline.${d}`) }))}
        />
      </td>
      <td>
        <Select<MilestoneKind>
          value={milestone.kind}
          aria-label={t('milestones.kind')}
          className="select--bare"
          onValue={(k) => run((doc, ctx) => updateMilestone(doc, ctx, milestone.id, { kind: k }))}
          options={MILESTONE_KINDS.map((k) => ({ value: k, label: t(`milestones.kinds.${k}`) }))}
        />
      </td>
      <td className="milestones__remove">
        <IconButton icon="trash" label={t('milestones.remove', { title: milestone.title })} onClick={remove} />
      </td>
    </tr>
  );
}

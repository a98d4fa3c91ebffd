import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { addPhase, DISCIPLINES, removePhase, renamePhase, setJourneyCell, type Discipline, type Phase } from '../../domain';
import { usePlanSession, usePlanView, useRunCommand } from '../../app/usePlan';
import { useAppStore } from '../../state/store';
import { useErrorText } from '../../app/errorText';
import { AddRowForm, AutoTextArea, CommitInput, EmptyState, IconButton } from '../../ui';

/** Phases × disciplines. Each cell: who owns it, what they do, and when the customer moves on. */
export function JourneySection() {
  const { t } = useTranslation();
  const view = usePlanView();
  const run = useRunCommand();
  const session = usePlanSession();
  const errorText = useErrorText();
  const showToast = useAppStore((s) => s.showToast);
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);

  const add = (): void => {
    // Refusals show inline next to the field, not as a toast.
    session.stopCapturing();
    const result = addPhase(session.doc, session.ctx, name);
    session.stopCapturing();
    if (result.ok) {
      setName('');
      setError(null);
    } else setError(errorText(result.error));
  };
  const remove = (phase: Phase): void => {
    const result = run((doc, ctx) => removePhase(doc, ctx, phase.id));
    if (result.ok) {
      showToast({ tone: 'info', message: t('journey.phaseRemoved', { name: phase.name }), action: { label: t('common.undo'), run: () => session.undo() } });
    }
  };

  return (
    <div className="section__inner section__inner--wide">
      <header className="section__header">
        <h2 className="section__title">{t('journey.heading')}</h2>
        <p className="section__intro">{t('journey.intro')}</p>
      </header>

      {view.phases.length === 0 ? (
        <EmptyState icon="journey" title={t('journey.emptyTitle')} body={t('journey.emptyBody')} />
      ) : (
        <div className="journey" role="region" aria-label={t('journey.heading')} tabIndex={0}>
          <table className="journey__table">
            <thead>
              <tr>
                <th scope="col" className="journey__corner">
                  {t('journey.phase')}
                </th>
                {DISCIPLINES.map((d) => (
                  <th key={d} scope="col" className={`journey__discipline discipline--${d}`}>
                    {t(`discipline.${d}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {view.phases.map((phase) => (
                <tr key={phase.id} data-testid="journey-row">
                  <th scope="row" className="journey__phase">
                    <CommitInput
                      value={phase.name}
                      aria-label={t('journey.phaseName')}
                      className="input input--strong"
                      maxLength={200}
                      onCommit={(v) => run((doc, ctx) => renamePhase(doc, ctx, phase.id, v)).ok}
                    />
                    <IconButton icon="trash" label={t('journey.removePhase', { name: phase.name })} onClick={() => remove(phase)} />
                  </th>
                  {DISCIPLINES.map((d) => (
                    <JourneyCellEditor key={d} phase={phase} discipline={d} />
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <AddRowForm
        label={t('journey.phaseName')}
        error={error}
        value={name}
        onValue={setName}
        placeholder={t('journey.newPhasePlaceholder')}
        onSubmit={add}
        buttonLabel={t('journey.addPhase')}
      />
    </div>
  );
}

function JourneyCellEditor({ phase, discipline }: { phase: Phase; discipline: Discipline }) {
  const { t } = useTranslation();
  const view = usePlanView();
  const run = useRunCommand();
  const cell = view.journey[phase.id]?.[discipline] ?? { owner: '', activities: '', handoff: '' };
  const where = t('journey.cellLabel', { phase: phase.name, discipline: t(`discipline.${discipline}`) });
  return (
    <td className="journey__cell" data-testid={`cell-${discipline}`}>
      <CommitInput
        value={cell.owner}
        aria-label={`${where}: ${t('journey.owner')}`}
        placeholder={t('journey.ownerPlaceholder')}
        className="input input--sm"
        maxLength={200}
        onCommit={(v) => run((doc, ctx) => setJourneyCell(doc, ctx, phase.id, discipline, 'owner', v)).ok}
        data-testid="cell-owner"
      />
      <AutoTextArea
        value={cell.activities}
        aria-label={`${where}: ${t('journey.activities')}`}
        placeholder={t('journey.activitiesPlaceholder')}
        className="input textarea input--sm"
        minRows={2}
        onValue={(v) => run((doc, ctx) => setJourneyCell(doc, ctx, phase.id, discipline, 'activities', v), { merge: true })}
        data-testid="cell-activities"
      />
      <span className="journey__handoff-label" aria-hidden="true">{t('journey.handoff')}</span>
      <AutoTextArea
        value={cell.handoff}
        aria-label={`${where}: ${t('journey.handoff')}`}
        placeholder={t('journey.handoffPlaceholder')}
        className="input textarea input--sm"
        minRows={1}
        onValue={(v) => run((doc, ctx) => setJourneyCell(doc, ctx, phase.id, discipline, 'handoff', v), { merge: true })}
        data-testid="cell-handoff"
      />
    </td>
  );
}

import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { confirmConflict, type CriticalConflict, type PlanView } from '../../domain';
import { formatDateTime, formatDayLong } from '../../i18n/format';
import { useAppStore } from '../../state/store';
import { Button, Icon } from '../../ui';
import { usePlanView, useRunCommand } from '../usePlan';
import { useWorkflowConflictText } from '../../features/reviews/conflictText';

function fieldLabel(conflict: CriticalConflict, view: PlanView, t: TFunction): string {
  if (conflict.path === 'brief.stage' || conflict.path === 'brief.targetDate') return t(`conflict.fields.${conflict.path}`);
  const milestone = /^milestones\.([^.]+)\.date$/.exec(conflict.path);
  if (milestone) {
    const title = view.milestones.find((m) => m.id === milestone[1])?.title ?? '';
    return t('conflict.fields.milestoneDate', { title });
  }
  return t('conflict.fields.other', { path: conflict.path });
}

/**
 * Concurrent edits to business-critical fields: both values, who and when, and a Confirm
 * button per value. Confirming writes the value again, which closes the conflict on every peer.
 */
export function ConflictCards() {
  const { t } = useTranslation();
  const view = usePlanView();
  const language = useAppStore((s) => s.language);
  const run = useRunCommand();
  // Offers, reviews and pilots describe their own fields (prices as money, verdicts, decisions).
  const workflowText = useWorkflowConflictText();
  if (view.conflicts.length === 0) return null;
  const show = (conflict: CriticalConflict, value: unknown): string => {
    if (value === null || value === undefined || value === '') return t('common.none');
    if (conflict.path === 'brief.stage' && typeof value === 'string') return t(`stage.${value}`, { defaultValue: value });
    if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return formatDayLong(value, language);
    return typeof value === 'string' || typeof value === 'number' ? String(value) : JSON.stringify(value);
  };
  return (
    <section className="conflicts" aria-labelledby="conflicts-heading" data-testid="conflicts">
      <h2 id="conflicts-heading" className="conflicts__heading">
        <Icon name="alert" /> {t('conflict.heading')}
      </h2>
      <p className="conflicts__body">{t('conflict.body')}</p>
      {view.conflicts.map((conflict) => (
        <div key={conflict.path} className="conflict">
          <h3 className="conflict__field">{workflowText(conflict)?.field ?? fieldLabel(conflict, view, t)}</h3>
          <ul className="conflict__candidates">
            {conflict.candidates.map((candidate) => (
              <li key={candidate.id} className="conflict__candidate">
                <span className="conflict__value">{workflowText(conflict)?.show(candidate.value) ?? show(conflict, candidate.value)}</span>
                <span className="conflict__who">
                  {t('conflict.byOn', { name: candidate.byName || t('conflict.unknownPerson'), when: formatDateTime(candidate.at, language) })}
                </span>
                <Button size="sm" onClick={() => run((doc, ctx) => confirmConflict(doc, ctx, conflict.path, candidate.value))}>
                  {t('conflict.keep')}
                </Button>
              </li>
            ))}
          </ul>
        </div>
      ))}
    </section>
  );
}

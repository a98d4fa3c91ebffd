import { useTranslation } from 'react-i18next';
import type { Language } from '../../i18n/languages';
import { formatRelative } from '../../i18n/format';
import type { LibraryEntry, PlanEntry } from '../../storage';
import { Badge, Icon, IconButton, Menu } from '../../ui';
import { stageTone } from '../brief/stageTone';

export interface PlanActions {
  open: (plan: PlanEntry) => void;
  pin: (plan: PlanEntry) => void;
  duplicate: (plan: PlanEntry) => void;
  archive: (plan: PlanEntry) => void;
  remove: (plan: PlanEntry) => void;
}

export function PlanListItem({ entry, actions, language, now }: { entry: LibraryEntry; actions: PlanActions; language: Language; now: number }) {
  const { t } = useTranslation();
  if (entry.corrupt) {
    return (
      <li className="plan-row plan-row--corrupt" data-testid="plan-row-corrupt">
        <span className="plan-row__icon plan-row__icon--warning">
          <Icon name="alert" size={18} />
        </span>
        <div className="plan-row__main">
          <span className="plan-row__title">{t('library.corruptTitle')}</span>
          <span className="plan-row__meta">{t('library.corruptBody')}</span>
        </div>
      </li>
    );
  }
  const plan = entry;
  return (
    <li className="plan-row" data-testid="plan-row" data-plan-id={plan.id}>
      <span className={`plan-row__icon kind-tint--${plan.kind}`} aria-hidden="true">
        {plan.title.slice(0, 1).toLocaleUpperCase() || '·'}
      </span>
      <button type="button" className="plan-row__main plan-row__open" onClick={() => actions.open(plan)} data-testid="plan-open">
        <span className="plan-row__title">
          {plan.title}
          {plan.pinned === 1 ? (
            <span className="plan-row__pin" title={t('library.pinned')}>
              <Icon name="pin" size={14} />
              <span className="visually-hidden">{t('library.pinned')}</span>
            </span>
          ) : null}
        </span>
        <span className="plan-row__meta">
          <span>{t(`kind.${plan.kind}`)}</span>
          <span aria-hidden="true">·</span>
          <span>{t('library.updated', { when: formatRelative(plan.updatedAt, language, now) || t('time.justNow') })}</span>
        </span>
      </button>
      <div className="plan-row__side">
        {plan.archived === 1 ? <Badge>{t('library.archivedBadge')}</Badge> : null}
        <Badge tone={stageTone(plan.stage)}>{t(`stage.${plan.stage}`, { defaultValue: plan.stage })}</Badge>
        <Menu
          trigger={<IconButton icon="more" label={`${t('common.more')}: ${plan.title}`} data-testid="plan-menu" />}
          items={[
            { label: t('library.open'), icon: 'plans', onSelect: () => actions.open(plan) },
            { label: plan.pinned ? t('library.unpin') : t('library.pin'), icon: 'pin', onSelect: () => actions.pin(plan) },
            { label: t('library.duplicate'), icon: 'copy', onSelect: () => actions.duplicate(plan) },
            { label: plan.archived ? t('library.unarchive') : t('library.archive'), icon: 'archive', onSelect: () => actions.archive(plan) },
            'separator',
            { label: t('library.delete'), icon: 'trash', danger: true, onSelect: () => actions.remove(plan) },
          ]}
        />
      </div>
    </li>
  );
}

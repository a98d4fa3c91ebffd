import { formatDay } from '../i18n/format';
import type { Language } from '../i18n/languages';
import type { PlanChange } from './compare';

/** i18next's `t`, narrowed to what history needs (keeps this module free of React). */
export type Translate = (key: string, options?: Record<string, unknown>) => string;

export interface DescribeOptions {
  t: Translate;
  language: Language;
}

/** Existing UI labels reused for field names, so a field reads the same everywhere. */
const FIELD_LABEL: Record<string, Record<string, string>> = {
  brief: {
    title: 'brief.title',
    kind: 'brief.kind',
    stage: 'stage.label',
    owner: 'brief.owner',
    targetDate: 'brief.targetDate',
    pain: 'brief.pain',
    objective: 'brief.objective',
    valueProposition: 'brief.valueProposition',
    rolloutOverride: 'history.field.rolloutOverride',
  },
  narrative: { narrative: 'brief.narrative' },
  segments: {
    name: 'segments.name',
    priority: 'segments.priority',
    firmographics: 'segments.firmographics',
    pains: 'segments.pains',
    buyingMotives: 'segments.buyingMotives',
    decisionMakers: 'segments.decisionMakers',
    order: 'history.field.order',
  },
  phases: { name: 'journey.phaseName', order: 'history.field.order' },
  journey: { owner: 'journey.owner', activities: 'journey.activities', handoff: 'journey.handoff' },
  milestones: {
    title: 'milestones.titleLabel',
    date: 'milestones.date',
    endDate: 'milestones.endDate',
    discipline: 'milestones.discipline',
    kind: 'milestones.kind',
    done: 'milestones.done',
  },
};

/** Sections with their own sentences; every other root uses the generic ones. */
const OWN_SENTENCES = new Set(['segments', 'phases', 'milestones']);

export function sectionLabel(section: string, t: Translate): string {
  const key = `history.section.${section}`;
  const label = t(key);
  return label === key ? section : label;
}

export function fieldLabel(section: string, field: string, t: Translate): string {
  const key = FIELD_LABEL[section]?.[field];
  if (!key) return field;
  const label = t(key);
  return label === key ? field : label;
}

/** Stored values (enum keys, ISO dates, booleans) as people read them. */
export function displayValue(section: string, field: string, value: string, { t, language }: DescribeOptions): string {
  if (value === '') return '';
  const translated = (key: string): string => {
    const label = t(key);
    return label === key ? value : label;
  };
  if (field === 'stage') return translated(`stage.${value}`);
  if (section === 'brief' && field === 'kind') return translated(`kind.${value}`);
  if (field === 'priority') return translated(`segments.priorities.${value}`);
  if (field === 'discipline') return translated(`discipline.${value}`);
  if (section === 'milestones' && field === 'kind') return translated(`milestones.kinds.${value}`);
  if (field === 'done') return t(value === 'true' ? 'history.value.yes' : 'history.value.no');
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return formatDay(value, language) || value;
  return value;
}

/** One change in plain words, in the user's language. */
export function describeChange(change: PlanChange, options: DescribeOptions): string {
  const { t } = options;
  const item = change.discipline ? `${change.item} · ${t(`discipline.${change.discipline}`)}` : change.item;
  if (change.kind === 'added' || change.kind === 'removed') {
    if (change.field) {
      // A field that appeared or was emptied (brief override reason, narrative).
      return t(`history.field${change.kind === 'added' ? 'Added' : 'Removed'}`, { field: fieldLabel(change.section, change.field, t) });
    }
    const key = OWN_SENTENCES.has(change.section) ? `history.${change.kind}.${change.section}` : `history.${change.kind}.generic`;
    return t(key, { item, section: sectionLabel(change.section, t) });
  }
  const field = fieldLabel(change.section, change.field ?? '', t);
  const before = displayValue(change.section, change.field ?? '', change.before ?? '', options);
  const after = displayValue(change.section, change.field ?? '', change.after ?? '', options);
  const where = item === '' ? field : t('history.fieldOf', { field, item });
  if (change.field === 'order') return t('history.moved', { item });
  if (before === '') return t('history.changedFromEmpty', { where, after });
  if (after === '') return t('history.cleared', { where, before });
  return t('history.changed', { where, before, after });
}

import type * as Y from 'yjs';
import { withoutDocSecret } from '../collab/docSecret';
import { DISCIPLINES, ROOTS, readPlan, type Discipline, type JourneyCell, type PlanView } from '../domain';
import { formatDateTime, formatDay } from '../i18n/format';
import type { Language } from '../i18n/languages';
import { narrativeBlocks, type Block } from './narrative';

/** i18next's `t`, narrowed (keeps export free of React). */
export type Translate = (key: string, options?: Record<string, unknown>) => string;

/**
 * A section another module contributes to the export (the scorecard, offers, weekly syncs…).
 * `markdown` is Markdown; `html` is an HTML fragment the contributor has escaped itself (use
 * `escapeHtml`). Sections appear after the built-in ones, in the order given.
 */
export interface ExportSection {
  id: string;
  heading: string;
  markdown: string;
  html: string;
}

/** Everything both renderers need, resolved once: labels translated, values formatted. */
export interface ExportInput {
  view: PlanView;
  narrative: Block[];
  t: Translate;
  language: Language;
  exportedAt: number;
  extraSections: ExportSection[];
}

/**
 * Named extension point: modules register a contributor once (e.g. the scorecard's export), and
 * every export of a plan asks each contributor for its section. A contributor that throws or
 * returns null is skipped, so one broken module never breaks the export.
 */
export type SectionContributor = (doc: Y.Doc, options: { t: Translate; language: Language }) => ExportSection | null;

const contributors = new Map<string, SectionContributor>();

export function registerExportSection(id: string, contributor: SectionContributor): () => void {
  contributors.set(id, contributor);
  return () => {
    if (contributors.get(id) === contributor) contributors.delete(id);
  };
}

export function contributedSections(doc: Y.Doc, options: { t: Translate; language: Language }): ExportSection[] {
  const out: ExportSection[] = [];
  for (const contributor of contributors.values()) {
    try {
      const section = contributor(doc, options);
      if (section) out.push(section);
    } catch {
      // A broken contributor must not cost the user the rest of the export.
    }
  }
  return out;
}

/**
 * Reads everything an export needs from the plan's document. Contributors see a copy without
 * the room's secret (renderer/collab/docSecret.ts), so no section can leak it by accident.
 */
export function exportInput(doc: Y.Doc, options: { t: Translate; language: Language; exportedAt?: number; extraSections?: ExportSection[] }): ExportInput {
  return withoutDocSecret(doc, (clean) => ({
    view: readPlan(clean),
    narrative: narrativeBlocks(clean.getXmlFragment(ROOTS.narrative)),
    t: options.t,
    language: options.language,
    exportedAt: options.exportedAt ?? Date.now(),
    extraSections: [...contributedSections(clean, options), ...(options.extraSections ?? [])],
  }));
}

export interface DetailRow {
  label: string;
  value: string;
}

/** The plan's headline facts, in display form. */
export function planDetails(input: ExportInput): DetailRow[] {
  const { view, t, language } = input;
  const b = view.brief;
  return [
    { label: t('brief.kind'), value: t(`kind.${b.kind}`) },
    { label: t('stage.label'), value: t(`stage.${b.stage}`) },
    { label: t('brief.owner'), value: b.owner },
    { label: t('brief.targetDate'), value: formatDay(b.targetDate, language) },
  ];
}

export const BRIEF_TEXTS = ['pain', 'objective', 'valueProposition'] as const;

export interface CellRow {
  discipline: Discipline;
  label: string;
  cell: JourneyCell;
}

/** Non-empty cells of one phase, in discipline order. */
export function phaseCells(input: ExportInput, phaseId: string): CellRow[] {
  const row = input.view.journey[phaseId];
  if (!row) return [];
  return DISCIPLINES.map((discipline) => ({ discipline, label: input.t(`discipline.${discipline}`), cell: row[discipline] })).filter(
    ({ cell }) => cell.owner.trim() !== '' || cell.activities.trim() !== '' || cell.handoff.trim() !== '',
  );
}

export function generatedOn(input: ExportInput): string {
  return input.t('printExport.generatedOn', { date: formatDateTime(input.exportedAt, input.language) });
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

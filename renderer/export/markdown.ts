import { formatDay } from '../i18n/format';
import { BRIEF_TEXTS, generatedOn, phaseCells, planDetails, type ExportInput } from './model';
import type { Block, Inline } from './narrative';

/** Escapes what Markdown would read as syntax in text people typed. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/([\\`*_[\]<>|~])/g, '\\$1')
    .replace(/^(\s*)([#+-])(\s)/gm, '$1\\$2$3')
    .replace(/^(\s*)(\d+)\.(\s)/gm, '$1$2\\.$3');
}

/** Multi-line text as Markdown paragraphs (blank line between paragraphs, hard breaks inside). */
function paragraphs(text: string): string {
  return escapeMarkdown(text.trim())
    .split(/\n{2,}/)
    .map((p) => p.split('\n').join('  \n'))
    .join('\n\n');
}

/** One table cell: no pipes, no line breaks. */
function cell(text: string): string {
  return escapeMarkdown(text.trim()).replace(/\n+/g, '<br>');
}

function inlines(list: readonly Inline[]): string {
  return list
    .map((i) => {
      if (i.text === '\n') return '  \n';
      let s = escapeMarkdown(i.text);
      if (s.trim() === '') return s;
      if (i.code) s = `\`${i.text.replace(/`/g, '')}\``;
      if (i.bold) s = `**${s}**`;
      if (i.italic) s = `*${s}*`;
      if (i.strike) s = `~~${s}~~`;
      return s;
    })
    .join('');
}

function blocks(list: readonly Block[], indent = ''): string[] {
  const out: string[] = [];
  for (const b of list) {
    switch (b.type) {
      case 'heading':
        // The narrative sits under a level-3 heading: its own headings start at level 4.
        out.push(`${'#'.repeat(Math.min(6, b.level + 3))} ${inlines(b.inlines)}`);
        break;
      case 'paragraph': {
        const text = inlines(b.inlines);
        if (text.trim() !== '') out.push(indent + text);
        break;
      }
      case 'list':
        b.items.forEach((item, index) => {
          const marker = b.ordered ? `${index + 1}.` : '-';
          const inner = blocks(item, `${indent}   `);
          const [first = '', ...rest] = inner;
          out.push(`${indent}${marker} ${first.trimStart()}`, ...rest);
        });
        break;
      case 'quote':
        out.push(...blocks(b.blocks).map((line) => `> ${line}`));
        break;
      case 'code':
        out.push('```', b.text.replace(/```/g, '` ` `'), '```');
        break;
      case 'rule':
        out.push('---');
        break;
    }
  }
  return out;
}

/** The whole plan as Markdown, in the user's language. */
export function planToMarkdown(input: ExportInput): string {
  const { view, t, language } = input;
  const out: string[] = [];
  const push = (...lines: string[]): void => {
    out.push(...lines);
  };
  const empty = t('printExport.empty');

  push(`# ${escapeMarkdown(view.brief.title || t('plan.untitled'))}`, '');
  push(`*${escapeMarkdown(generatedOn(input))}*`, '');
  push('| | |', '| --- | --- |');
  for (const row of planDetails(input)) push(`| ${cell(row.label)} | ${cell(row.value) || empty} |`);
  push('');
  if (view.brief.rolloutOverride) {
    push(`> ${escapeMarkdown(t('gate.overridden', { name: view.brief.rolloutOverride.byName, date: formatDay(new Date(view.brief.rolloutOverride.at).toISOString().slice(0, 10), language), reason: view.brief.rolloutOverride.reason }))}`, '');
  }
  if (view.conflicts.length > 0) {
    push(`> **${escapeMarkdown(t('printExport.conflicts'))}:** ${escapeMarkdown(t('printExport.conflictsBody', { count: view.conflicts.length }))}`, '');
  }

  push(`## ${escapeMarkdown(t('brief.heading'))}`, '');
  for (const field of BRIEF_TEXTS) {
    push(`### ${escapeMarkdown(t(`brief.${field}`))}`, '');
    push(view.brief[field].trim() === '' ? empty : paragraphs(view.brief[field]), '');
  }
  const narrative = blocks(input.narrative);
  if (narrative.length > 0) {
    push(`### ${escapeMarkdown(t('brief.narrative'))}`, '');
    for (const line of narrative) push(line, '');
  }

  push(`## ${escapeMarkdown(t('segments.heading'))}`, '');
  if (view.segments.length === 0) push(t('printExport.noSegments'), '');
  for (const segment of view.segments) {
    push(`### ${escapeMarkdown(segment.name)} — ${escapeMarkdown(t(`segments.priorities.${segment.priority}`))}`, '');
    for (const field of ['firmographics', 'pains', 'buyingMotives', 'decisionMakers'] as const) {
      if (segment[field].trim() === '') continue;
      push(`**${escapeMarkdown(t(`segments.${field}`))}**`, '', paragraphs(segment[field]), '');
    }
  }

  push(`## ${escapeMarkdown(t('journey.heading'))}`, '');
  if (view.phases.length === 0) push(t('printExport.noPhases'), '');
  for (const phase of view.phases) {
    push(`### ${escapeMarkdown(phase.name)}`, '');
    const cells = phaseCells(input, phase.id);
    if (cells.length === 0) {
      push(empty, '');
      continue;
    }
    push(`| ${cell(t('journey.phase'))} | ${cell(t('journey.owner'))} | ${cell(t('journey.activities'))} | ${cell(t('journey.handoff'))} |`, '| --- | --- | --- | --- |');
    for (const row of cells) push(`| ${cell(row.label)} | ${cell(row.cell.owner)} | ${cell(row.cell.activities)} | ${cell(row.cell.handoff)} |`);
    push('');
  }

  push(`## ${escapeMarkdown(t('milestones.heading'))}`, '');
  if (view.milestones.length === 0) push(t('printExport.noMilestones'), '');
  else {
    push(
      `| ${cell(t('milestones.date'))} | ${cell(t('milestones.endDate'))} | ${cell(t('milestones.titleLabel'))} | ${cell(t('milestones.discipline'))} | ${cell(t('milestones.kind'))} | ${cell(t('milestones.done'))} |`,
      '| --- | --- | --- | --- | --- | --- |',
    );
    for (const m of view.milestones) {
      push(
        `| ${formatDay(m.date, language) || cell(t('milestones.undated'))} | ${formatDay(m.endDate, language)} | ${cell(m.title)} | ${cell(t(`discipline.${m.discipline}`))} | ${cell(t(`milestones.kinds.${m.kind}`))} | ${m.done ? '✓' : ''} |`,
      );
    }
    push('');
  }

  for (const section of input.extraSections) {
    push(`## ${escapeMarkdown(section.heading)}`, '', section.markdown.trim(), '');
  }
  return `${out.join('\n').replace(/\n{3,}/g, '\n\n').trim()}\n`;
}

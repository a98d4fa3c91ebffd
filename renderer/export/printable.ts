import { LOCALE_OF } from '../i18n/languages';
import { formatDay } from '../i18n/format';
import { BRIEF_TEXTS, escapeHtml, generatedOn, phaseCells, planDetails, type ExportInput } from './model';
import type { Block, Inline } from './narrative';

/**
 * The print stylesheet. Everything is scoped under `.lockstep-print` so the printable view can
 * live inside the app's page (Electron's printToPDF and the browser's print dialog both print
 * the current page) without touching the app's own styles.
 */
export const PRINT_CSS = `
@page { size: A4; margin: 18mm 16mm 20mm; }
.lockstep-print { font: 10.5pt/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif; color: #1a1d21; max-width: 178mm; margin: 0 auto; }
.lockstep-print h1 { font-size: 22pt; line-height: 1.15; margin: 0 0 2mm; }
.lockstep-print h2 { font-size: 14pt; margin: 9mm 0 3mm; padding-bottom: 1.5mm; border-bottom: 0.6pt solid #9aa3ad; break-after: avoid; }
.lockstep-print h3 { font-size: 11.5pt; margin: 5mm 0 1.5mm; break-after: avoid; }
.lockstep-print h4, .lockstep-print h5, .lockstep-print h6 { font-size: 10.5pt; margin: 3mm 0 1mm; break-after: avoid; }
.lockstep-print p { margin: 0 0 2mm; white-space: pre-wrap; }
.lockstep-print .lp-generated { color: #5b6570; font-size: 9pt; margin-bottom: 4mm; }
.lockstep-print .lp-empty { color: #5b6570; }
.lockstep-print table { width: 100%; border-collapse: collapse; margin: 1mm 0 3mm; font-size: 9.5pt; }
.lockstep-print th, .lockstep-print td { text-align: left; vertical-align: top; padding: 1.2mm 1.8mm; border: 0.5pt solid #c4cad1; white-space: pre-wrap; }
.lockstep-print th { background: #eef1f4; font-weight: 600; }
.lockstep-print tr, .lockstep-print dd { break-inside: avoid; }
.lockstep-print table.lp-details th { width: 32%; }
.lockstep-print .lp-note { border-left: 2pt solid #b7791f; background: #fff8e6; padding: 2mm 3mm; margin: 2mm 0 3mm; }
.lockstep-print dl { margin: 0 0 2mm; }
.lockstep-print dt { font-weight: 600; margin-top: 1.5mm; }
.lockstep-print dd { margin: 0 0 0 0; white-space: pre-wrap; }
.lockstep-print blockquote { margin: 0 0 2mm; padding-left: 3mm; border-left: 1.5pt solid #c4cad1; }
.lockstep-print pre { white-space: pre-wrap; font-size: 9pt; background: #f4f6f8; padding: 2mm; }
.lockstep-print svg { max-width: 100%; height: auto; }
.lockstep-print .lp-section { break-inside: auto; }
@media screen { .lockstep-print { padding: 16px; } }
`;

function inlineHtml(list: readonly Inline[]): string {
  return list
    .map((i) => {
      if (i.text === '\n') return '<br>';
      let s = escapeHtml(i.text);
      if (i.code) s = `<code>${s}</code>`;
      if (i.bold) s = `<strong>${s}</strong>`;
      if (i.italic) s = `<em>${s}</em>`;
      if (i.strike) s = `<s>${s}</s>`;
      return s;
    })
    .join('');
}

function blockHtml(list: readonly Block[]): string {
  return list
    .map((b) => {
      switch (b.type) {
        case 'heading': {
          const level = Math.min(6, b.level + 3);
          return `<h${level}>${inlineHtml(b.inlines)}</h${level}>`;
        }
        case 'paragraph':
          return `<p>${inlineHtml(b.inlines)}</p>`;
        case 'list': {
          const tag = b.ordered ? 'ol' : 'ul';
          return `<${tag}>${b.items.map((item) => `<li>${blockHtml(item)}</li>`).join('')}</${tag}>`;
        }
        case 'quote':
          return `<blockquote>${blockHtml(b.blocks)}</blockquote>`;
        case 'code':
          return `<pre>${escapeHtml(b.text)}</pre>`;
        case 'rule':
          return '<hr>';
      }
      return '';
    })
    .join('');
}

const text = (value: string, empty: string): string =>
  value.trim() === '' ? `<p class="lp-empty">${escapeHtml(empty)}</p>` : `<p>${escapeHtml(value.trim())}</p>`;

/** The printable plan as an HTML fragment (an `<article class="lockstep-print">`). */
export function planToPrintableHtml(input: ExportInput): string {
  const { view, t, language } = input;
  const empty = t('printExport.empty');
  const parts: string[] = [];
  const h2 = (id: string, label: string): string => `<h2 id="lp-${id}">${escapeHtml(label)}</h2>`;

  parts.push(`<h1>${escapeHtml(view.brief.title || t('plan.untitled'))}</h1>`);
  parts.push(`<p class="lp-generated">${escapeHtml(generatedOn(input))}</p>`);
  parts.push(
    `<table class="lp-details" aria-label="${escapeHtml(t('printExport.planDetails'))}"><tbody>${planDetails(input)
      .map((r) => `<tr><th scope="row">${escapeHtml(r.label)}</th><td>${escapeHtml(r.value || empty)}</td></tr>`)
      .join('')}</tbody></table>`,
  );
  const override = view.brief.rolloutOverride;
  if (override) {
    const date = formatDay(new Date(override.at).toISOString().slice(0, 10), language);
    parts.push(`<p class="lp-note">${escapeHtml(t('gate.overridden', { name: override.byName, date, reason: override.reason }))}</p>`);
  }
  if (view.conflicts.length > 0) {
    parts.push(`<p class="lp-note"><strong>${escapeHtml(t('printExport.conflicts'))}:</strong> ${escapeHtml(t('printExport.conflictsBody', { count: view.conflicts.length }))}</p>`);
  }

  parts.push(`<section class="lp-section">${h2('brief', t('brief.heading'))}`);
  for (const field of BRIEF_TEXTS) parts.push(`<h3>${escapeHtml(t(`brief.${field}`))}</h3>${text(view.brief[field], empty)}`);
  if (input.narrative.length > 0) parts.push(`<h3>${escapeHtml(t('brief.narrative'))}</h3>${blockHtml(input.narrative)}`);
  parts.push('</section>');

  parts.push(`<section class="lp-section">${h2('segments', t('segments.heading'))}`);
  if (view.segments.length === 0) parts.push(`<p class="lp-empty">${escapeHtml(t('printExport.noSegments'))}</p>`);
  for (const s of view.segments) {
    const fields = (['firmographics', 'pains', 'buyingMotives', 'decisionMakers'] as const).filter((f) => s[f].trim() !== '');
    parts.push(
      `<div class="lp-segment"><h3>${escapeHtml(s.name)} — ${escapeHtml(t(`segments.priorities.${s.priority}`))}</h3>` +
        (fields.length > 0 ? `<dl>${fields.map((f) => `<dt>${escapeHtml(t(`segments.${f}`))}</dt><dd>${escapeHtml(s[f].trim())}</dd>`).join('')}</dl>` : '') +
        '</div>',
    );
  }
  parts.push('</section>');

  parts.push(`<section class="lp-section">${h2('journey', t('journey.heading'))}`);
  if (view.phases.length === 0) parts.push(`<p class="lp-empty">${escapeHtml(t('printExport.noPhases'))}</p>`);
  for (const phase of view.phases) {
    parts.push(`<h3>${escapeHtml(phase.name)}</h3>`);
    const cells = phaseCells(input, phase.id);
    if (cells.length === 0) {
      parts.push(`<p class="lp-empty">${escapeHtml(empty)}</p>`);
      continue;
    }
    parts.push(
      `<table><thead><tr><th>${escapeHtml(t('milestones.discipline'))}</th><th>${escapeHtml(t('journey.owner'))}</th><th>${escapeHtml(t('journey.activities'))}</th><th>${escapeHtml(t('journey.handoff'))}</th></tr></thead><tbody>` +
        cells.map((r) => `<tr><th scope="row">${escapeHtml(r.label)}</th><td>${escapeHtml(r.cell.owner)}</td><td>${escapeHtml(r.cell.activities)}</td><td>${escapeHtml(r.cell.handoff)}</td></tr>`).join('') +
        '</tbody></table>',
    );
  }
  parts.push('</section>');

  parts.push(`<section class="lp-section">${h2('milestones', t('milestones.heading'))}`);
  if (view.milestones.length === 0) parts.push(`<p class="lp-empty">${escapeHtml(t('printExport.noMilestones'))}</p>`);
  else {
    const head = ['milestones.date', 'milestones.endDate', 'milestones.titleLabel', 'milestones.discipline', 'milestones.kind', 'milestones.done'].map((k) => `<th>${escapeHtml(t(k))}</th>`).join('');
    parts.push(
      `<table><thead><tr>${head}</tr></thead><tbody>` +
        view.milestones
          .map(
            (m) =>
              `<tr><td>${escapeHtml(formatDay(m.date, language) || t('milestones.undated'))}</td><td>${escapeHtml(formatDay(m.endDate, language))}</td><td>${escapeHtml(m.title)}</td><td>${escapeHtml(t(`discipline.${m.discipline}`))}</td><td>${escapeHtml(t(`milestones.kinds.${m.kind}`))}</td><td>${m.done ? '✓' : ''}</td></tr>`,
          )
          .join('') +
        '</tbody></table>',
    );
  }
  parts.push('</section>');

  for (const section of input.extraSections) {
    parts.push(`<section class="lp-section">${h2(section.id.replace(/[^a-z0-9-]/gi, ''), section.heading)}${section.html}</section>`);
  }
  return `<article class="lockstep-print" lang="${escapeHtml(LOCALE_OF[language])}">${parts.join('')}</article>`;
}

/** A standalone printable page (tests print it with Chromium; also usable in a new window). */
export function printableDocument(input: ExportInput): string {
  const title = escapeHtml(input.view.brief.title || input.t('plan.untitled'));
  return `<!doctype html><html lang="${escapeHtml(LOCALE_OF[input.language])}"><head><meta charset="utf-8"><title>${title}</title><style>${PRINT_CSS}</style></head><body>${planToPrintableHtml(input)}</body></html>`;
}

import type { Battlecard, BattlecardEntry, BattlecardLabels } from '../../domain/insights/queries';
import { escapeHtml } from '../../export/model';

/**
 * A battlecard as printable HTML (the same content as the Markdown export), for the PDF
 * export through the host's print-to-PDF. Every peer-written text is escaped.
 */
export function battlecardHtml(card: Battlecard, labels: BattlecardLabels, today: string): string {
  const section = (heading: string, entries: readonly BattlecardEntry[]): string => {
    const items = entries.map(
      (e) =>
        `<li><strong>${escapeHtml(e.insight.text)}</strong> (${escapeHtml(labels.heard(e.weight))})<br>${escapeHtml(labels.answer)}: ${
          e.answered ? escapeHtml(e.insight.counter) : `<em>${escapeHtml(labels.noAnswer)}</em>`
        }</li>`,
    );
    return `<h2>${escapeHtml(heading)}</h2>${items.length === 0 ? `<p>${escapeHtml(labels.none)}</p>` : `<ul>${items.join('')}</ul>`}`;
  };
  return `<article class="print-plan"><h1>${escapeHtml(labels.title(card.competitor))}</h1><p><em>${escapeHtml(labels.generated(today))}</em></p>${section(
    labels.arguments,
    card.arguments,
  )}${section(labels.objections, card.objections)}</article>`;
}

import type * as Y from 'yjs';
import { readBrief, readMeta } from '../queries/readPlan';
import { COUNTERABLE_TYPES, readInsights, type Insight, type InsightSource, type InsightType } from './model';

/** Lower-case, accents stripped, whitespace collapsed: "Säästö" finds "saasto", "privé" finds "prive". */
export function foldForSearch(value: string): string {
  return value
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

export interface InsightFilter {
  types?: readonly InsightType[];
  sources?: readonly InsightSource[];
  segment?: string;
  competitor?: string;
  offerId?: string;
  planIds?: readonly string[];
  /** Inclusive ISO days. */
  from?: string;
  to?: string;
  /** Full-text: every word must occur in text, counter, segment, competitor or author. */
  query?: string;
}

export interface PlanInsight extends Insight {
  planId: string;
  planTitle: string;
}

/** Insights of several plans in one list (newest first), for the capture feed and battlecards. */
export function collectInsights(plans: readonly { planId?: string; title?: string; doc: Y.Doc }[]): PlanInsight[] {
  return plans
    .flatMap((p) => {
      const planId = p.planId ?? readMeta(p.doc).planId;
      const planTitle = p.title ?? readBrief(p.doc).title;
      return readInsights(p.doc).items.map((i) => ({ ...i, planId, planTitle }));
    })
    .sort((a, b) => b.createdAt - a.createdAt || a.id.localeCompare(b.id));
}

/** Pure filter + search; keeps the input order. */
export function filterInsights<T extends Insight & { planId?: string }>(items: readonly T[], filter: InsightFilter): T[] {
  const words = foldForSearch(filter.query ?? '').split(' ').filter(Boolean);
  const segment = filter.segment ? foldForSearch(filter.segment) : '';
  const competitor = filter.competitor ? foldForSearch(filter.competitor) : '';
  return items.filter((i) => {
    if (filter.types?.length && !filter.types.includes(i.type)) return false;
    if (filter.sources?.length && !filter.sources.includes(i.source)) return false;
    if (segment && foldForSearch(i.segment) !== segment) return false;
    if (competitor && foldForSearch(i.competitor) !== competitor) return false;
    if (filter.offerId && !i.offerIds.includes(filter.offerId)) return false;
    if (filter.planIds?.length && (i.planId === undefined || !filter.planIds.includes(i.planId))) return false;
    if (filter.from && (i.date ?? '') < filter.from) return false;
    if (filter.to && (i.date ?? '9999') > filter.to) return false;
    if (words.length === 0) return true;
    const haystack = foldForSearch([i.text, i.counter, i.segment, i.competitor, i.authorName].join(' '));
    return words.every((w) => haystack.includes(w));
  });
}

/**
 * One display name per competitor, whatever the case or accents people typed: the spelling used
 * most often, the earliest on a tie (so the name does not flip as new insights arrive).
 */
function competitorNames(items: readonly Insight[]): Map<string, string> {
  const spellings = new Map<string, Map<string, { count: number; first: number }>>();
  for (const i of items) {
    const key = foldForSearch(i.competitor);
    if (!key) continue;
    const name = i.competitor.trim();
    const forKey = spellings.get(key) ?? new Map<string, { count: number; first: number }>();
    const seen = forKey.get(name);
    forKey.set(name, { count: (seen?.count ?? 0) + 1, first: Math.min(seen?.first ?? Infinity, i.createdAt) });
    spellings.set(key, forKey);
  }
  const names = new Map<string, string>();
  for (const [key, forKey] of spellings) {
    const best = [...forKey.entries()].sort((a, b) => b[1].count - a[1].count || a[1].first - b[1].first || a[0].localeCompare(b[0]))[0];
    if (best) names.set(key, best[0]);
  }
  return names;
}

/** Distinct competitors for the filter menus, case- and accent-insensitive. */
export function competitorsOf(items: readonly Insight[]): string[] {
  return [...competitorNames(items).values()].sort((a, b) => a.localeCompare(b));
}

export interface BattlecardEntry {
  insight: Insight & { planId?: string; planTitle?: string };
  answered: boolean;
  /** Votes + heard-again marks + 1 for the capture itself: how often the market says this. */
  weight: number;
}

export interface Battlecard {
  competitor: string;
  arguments: BattlecardEntry[];
  objections: BattlecardEntry[];
  unanswered: number;
}

const weightOf = (i: Insight): number => 1 + i.voters.length + i.heardAgain.length;

/**
 * One card per competitor: its sales arguments and the objections heard against us in deals
 * with it, each with marketing's counter-message, most-heard first.
 */
export function buildBattlecards<T extends Insight & { planId?: string; planTitle?: string }>(items: readonly T[]): Battlecard[] {
  const cards = new Map<string, Battlecard>();
  const names = competitorNames(items);
  for (const insight of items) {
    if (!COUNTERABLE_TYPES.includes(insight.type)) continue;
    const key = foldForSearch(insight.competitor);
    if (!key) continue;
    let card = cards.get(key);
    if (!card) {
      card = { competitor: names.get(key) ?? insight.competitor.trim(), arguments: [], objections: [], unanswered: 0 };
      cards.set(key, card);
    }
    const answered = insight.counter.trim() !== '';
    const entry: BattlecardEntry = { insight, answered, weight: weightOf(insight) };
    (insight.type === 'competitor-argument' ? card.arguments : card.objections).push(entry);
    if (!answered) card.unanswered += 1;
  }
  const byWeight = (a: BattlecardEntry, b: BattlecardEntry): number => b.weight - a.weight || b.insight.createdAt - a.insight.createdAt;
  return [...cards.values()]
    .map((c) => ({ ...c, arguments: c.arguments.sort(byWeight), objections: c.objections.sort(byWeight) }))
    .sort((a, b) => a.competitor.localeCompare(b.competitor));
}

export function battlecardFor<T extends Insight>(items: readonly T[], competitor: string): Battlecard | null {
  const key = foldForSearch(competitor);
  return buildBattlecards(items).find((c) => foldForSearch(c.competitor) === key) ?? null;
}

/** Labels the Markdown needs, already translated by the caller (domain stays i18n-free). */
export interface BattlecardLabels {
  title: (competitor: string) => string;
  arguments: string;
  objections: string;
  answer: string;
  noAnswer: string;
  heard: (count: number) => string;
  none: string;
  generated: (date: string) => string;
}

/** Markdown never lets a peer's text inject structure: line starts and specials are escaped. */
export function escapeMarkdown(value: string): string {
  return value
    .replace(/\r\n?/g, '\n')
    .replace(/([\\`*_[\]<>|#])/g, '\\$1')
    .replace(/^(\s*)([-+]|\d+\.)(\s)/gm, '$1\\$2$3')
    .split('\n')
    .join('  \n');
}

export function battlecardMarkdown(card: Battlecard, labels: BattlecardLabels, today: string): string {
  const out: string[] = [`# ${labels.title(escapeMarkdown(card.competitor))}`, '', `_${labels.generated(today)}_`, ''];
  const section = (heading: string, entries: readonly BattlecardEntry[]): void => {
    out.push(`## ${heading}`, '');
    if (entries.length === 0) out.push(labels.none, '');
    for (const e of entries) {
      out.push(`- **${escapeMarkdown(e.insight.text)}** (${labels.heard(e.weight)})`);
      out.push(`  - ${labels.answer}: ${e.answered ? escapeMarkdown(e.insight.counter) : `_${labels.noAnswer}_`}`);
    }
    out.push('');
  };
  section(labels.arguments, card.arguments);
  section(labels.objections, card.objections);
  return `${out.join('\n').trimEnd()}\n`;
}

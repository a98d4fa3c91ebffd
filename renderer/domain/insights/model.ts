import * as Y from 'yjs';
import { z } from 'zod';
import { ROOTS, asEntity, type Collection } from '../docShape';
import { enumOr, LIMITS, optionalDate, text, timestamp } from '../schema';

export const INSIGHT_TYPES = ['buying-motive', 'competitor-argument', 'objection', 'customer-quote', 'product-feedback'] as const;
export type InsightType = (typeof INSIGHT_TYPES)[number];
export const INSIGHT_SOURCES = ['call', 'visit', 'event', 'survey'] as const;
export type InsightSource = (typeof INSIGHT_SOURCES)[number];
/** Types marketing answers with a counter-message (these feed the battlecards). */
export const COUNTERABLE_TYPES: readonly InsightType[] = ['competitor-argument', 'objection'];

/**
 * Layout of the `insights` root: insight id → Y.Map. The two texts (`text`, `counter`) are Y.Text
 * created together with the insight, so concurrent edits merge. Votes and "heard again" are flat
 * keys INSIDE the insight map (`vote:<actorId>`, `heard:<id>`): concurrent votes by different
 * people are different keys and all count; one person votes at most once.
 */
export const insightsMap = (doc: Y.Doc): Collection => doc.getMap(ROOTS.insights);

const VOTE = 'vote:';
const HEARD = 'heard:';
export const voteKey = (actorId: string): string => `${VOTE}${actorId}`;
export const heardKey = (id: string): string => `${HEARD}${id}`;

const InsightFieldsSchema = z.object({
  type: enumOr(INSIGHT_TYPES, 'customer-quote'),
  text: text(),
  source: enumOr(INSIGHT_SOURCES, 'call'),
  segment: text(LIMITS.shortText),
  competitor: text(LIMITS.shortText),
  offerIds: z.preprocess((v) => (Array.isArray(v) ? v.filter((x) => typeof x === 'string' && x.length <= 100).slice(0, 50) : []), z.array(z.string())),
  author: text(LIMITS.shortText),
  authorName: text(LIMITS.shortText),
  date: optionalDate,
  createdAt: timestamp,
  counter: text(),
  counterBy: text(LIMITS.shortText),
  counterByName: text(LIMITS.shortText),
  counterAt: timestamp,
  /** Who last corrected the text after capture, and when (0 = never edited). */
  editedBy: text(LIMITS.shortText),
  editedByName: text(LIMITS.shortText),
  editedAt: timestamp,
});

const MarkSchema = z.object({
  at: z.number().finite().min(0).catch(0),
  by: z.string().max(200).catch(''),
  byName: z.string().max(200).catch(''),
  note: z.string().max(2000).catch(''),
});
export type InsightMark = z.infer<typeof MarkSchema>;

export interface Insight extends z.infer<typeof InsightFieldsSchema> {
  id: string;
  /** Actor ids of everyone who voted (one vote per person). */
  voters: string[];
  voterNames: string[];
  heardAgain: InsightMark[];
  /** Most recent time someone captured or heard this again. */
  lastHeardAt: number;
}

export function readInsight(id: string, entity: Y.Map<unknown>): Insight | null {
  const fields: Record<string, unknown> = {};
  const votes: { key: string; mark: InsightMark }[] = [];
  const heard: { key: string; mark: InsightMark }[] = [];
  entity.forEach((value, key) => {
    if (key.startsWith(VOTE)) {
      const mark = MarkSchema.safeParse(value);
      if (mark.success) votes.push({ key, mark: mark.data });
    } else if (key.startsWith(HEARD)) {
      const mark = MarkSchema.safeParse(value);
      if (mark.success) heard.push({ key, mark: mark.data });
    } else if (value instanceof Y.Text) fields[key] = value.toString();
    else if (!(value instanceof Y.AbstractType)) fields[key] = value;
  });
  const parsed = InsightFieldsSchema.safeParse(fields);
  if (!parsed.success) return null;
  // Y.Map iterates in the order entries arrived, which differs between peers: sort by time and
  // then by key so every peer lists voters and marks identically (found by test/sync harness).
  const byTimeThenKey = (a: { key: string; mark: InsightMark }, b: { key: string; mark: InsightMark }): number => a.mark.at - b.mark.at || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
  votes.sort(byTimeThenKey);
  heard.sort(byTimeThenKey);
  const voters = votes.map((v) => v.key.slice(VOTE.length));
  const voterNames = votes.map((v) => v.mark.byName);
  const heardAgain = heard.map((h) => h.mark);
  const lastHeardAt = Math.max(parsed.data.createdAt, ...heardAgain.map((h) => h.at));
  return { ...parsed.data, id, voters, voterNames, heardAgain, lastHeardAt };
}

export function readInsights(doc: Y.Doc): { items: Insight[]; skipped: number } {
  const items: Insight[] = [];
  let skipped = 0;
  insightsMap(doc).forEach((value, id) => {
    const entity = asEntity(value);
    const insight = entity ? readInsight(id, entity) : null;
    if (insight) items.push(insight);
    else skipped += 1;
  });
  // Newest first: capture is a feed.
  items.sort((a, b) => b.createdAt - a.createdAt || a.id.localeCompare(b.id));
  return { items, skipped };
}

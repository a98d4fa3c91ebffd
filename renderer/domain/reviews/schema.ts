import * as Y from 'yjs';
import { z } from 'zod';
import { asEntity, entityFields, ROOTS, type Collection } from '../docShape';
import { LIMITS, enumOr, optionalDate, text, timestamp } from '../schema';

export const REVIEW_TARGETS = ['offer', 'brief', 'pilot'] as const;
export type ReviewTargetKind = (typeof REVIEW_TARGETS)[number];
export const VERDICTS = ['approve', 'approve-with-comments', 'request-changes'] as const;
export type Verdict = (typeof VERDICTS)[number];
export const PRICE_PERCEPTIONS = ['too-low', 'right', 'too-high'] as const;
export type PricePerception = (typeof PRICE_PERCEPTIONS)[number];

export const QUORUM_KEY = '@quorum';
export const DEFAULT_QUORUM = 1;
export const MAX_QUORUM = 20;
export const MAX_REVIEWERS = 50;

/**
 * One root map holds two kinds of entities, each under its own unique id: review requests and
 * reviewers' answers. An answer is never a field of its request, so answers written offline by
 * different people (or twice by one person on two laptops) all survive the merge.
 */
export const reviewsMap = (doc: Y.Doc): Collection => doc.getMap(ROOTS.reviews);

export interface Person {
  id: string;
  name: string;
}

const RequestSchema = z.object({
  kind: z.literal('request'),
  targetKind: z.enum(REVIEW_TARGETS),
  targetId: text(100),
  targetName: text(LIMITS.shortText),
  dueDate: optionalDate,
  note: text(),
  requestedBy: text(LIMITS.shortText),
  requestedByName: text(LIMITS.shortText),
  requestedAt: timestamp,
});

export interface ReviewRequestData extends Omit<z.infer<typeof RequestSchema>, 'kind'> {
  id: string;
  reviewers: Person[];
}

const sellability = z.preprocess((v) => (typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 5 ? v : null), z.number().nullable());

const AnswerSchema = z.object({
  kind: z.literal('answer'),
  requestId: z.string().min(1).max(100),
  reviewerId: z.string().min(1).max(LIMITS.shortText),
  reviewerName: text(LIMITS.shortText),
  verdict: z.enum(VERDICTS),
  sellability,
  pricePerception: enumOr([...PRICE_PERCEPTIONS, 'unknown'] as const, 'unknown'),
  objections: text(),
  missingArguments: text(),
  deals: text(),
  freeText: text(),
  answeredAt: timestamp,
  prev: z.preprocess((v) => (Array.isArray(v) ? v.filter((x) => typeof x === 'string').slice(0, 64) : []), z.array(z.string())),
  confirmedByName: text(LIMITS.shortText),
  processedByName: text(LIMITS.shortText),
  processedAt: timestamp,
});

export interface ReviewAnswer extends Omit<z.infer<typeof AnswerSchema>, 'kind' | 'pricePerception'> {
  id: string;
  pricePerception: PricePerception | null;
}

function readReviewers(entity: Y.Map<unknown>): Person[] {
  const sub = entity.get('reviewers');
  if (!(sub instanceof Y.Map)) return [];
  const out: Person[] = [];
  sub.forEach((value: unknown, id: string) => {
    const name = typeof value === 'object' && value !== null ? (value as { name?: unknown }).name : undefined;
    if (id.length > 0 && id.length <= LIMITS.shortText) out.push({ id, name: typeof name === 'string' ? name.slice(0, LIMITS.shortText) : id });
  });
  return out.slice(0, MAX_REVIEWERS).sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
}

export interface ReviewsRead {
  requests: ReviewRequestData[];
  answers: ReviewAnswer[];
  /** Entries that are neither a readable request nor a readable answer. */
  skipped: number;
}

/** Both kinds of entries, normalised; anything unreadable is counted, never thrown. */
export function readReviewEntries(doc: Y.Doc): ReviewsRead {
  const requests: ReviewRequestData[] = [];
  const answers: ReviewAnswer[] = [];
  let skipped = 0;
  reviewsMap(doc).forEach((value, id) => {
    if (id.startsWith('@')) return;
    const entity = asEntity(value);
    if (!entity) {
      skipped += 1;
      return;
    }
    const fields = entityFields(entity);
    if (fields['kind'] === 'request') {
      const parsed = RequestSchema.safeParse(fields);
      if (parsed.success) {
        const { kind: _kind, ...rest } = parsed.data;
        requests.push({ ...rest, id, reviewers: readReviewers(entity) });
      } else skipped += 1;
      return;
    }
    const parsed = AnswerSchema.safeParse(fields);
    if (parsed.success) {
      const { kind: _kind, pricePerception, ...rest } = parsed.data;
      answers.push({ ...rest, id, pricePerception: pricePerception === 'unknown' ? null : pricePerception });
    } else skipped += 1;
  });
  requests.sort((a, b) => a.requestedAt - b.requestedAt || a.id.localeCompare(b.id));
  answers.sort((a, b) => a.answeredAt - b.answeredAt || a.id.localeCompare(b.id));
  return { requests, answers, skipped };
}

export function readQuorum(doc: Y.Doc): number {
  const raw = reviewsMap(doc).get(QUORUM_KEY);
  return typeof raw === 'number' && Number.isInteger(raw) && raw >= 1 && raw <= MAX_QUORUM ? raw : DEFAULT_QUORUM;
}

import type * as Y from 'yjs';
import { readActivity } from '../activity';
import { asEntity, briefMap } from '../docShape';
import { offersMap, SETTING_PREFIX } from '../offers/schema';
import { pilotsMap } from '../pilots/schema';
import { readQuorum, readReviewEntries, type Person, type ReviewAnswer, type ReviewRequestData, type ReviewTargetKind } from './schema';
import { requestOutcome, type RequestOutcome } from './status';

export interface ReviewTarget {
  kind: ReviewTargetKind;
  /** '' for the brief. */
  id: string;
  /** The current name, or the name at request time when the target was removed. */
  name: string;
  /** The offer or pilot was removed after the request: the review is kept and says so. */
  missing: boolean;
}

export interface ReviewRequestView extends ReviewRequestData {
  target: ReviewTarget;
  result: RequestOutcome;
  /** Reviewer ids whose answers conflict (answered twice concurrently). */
  conflictedReviewers: string[];
  /** For offer reviews: false when a later request replaced this round. */
  current: boolean;
}

export interface ReviewsView {
  requests: ReviewRequestView[];
  quorum: number;
  /** Unreadable entries plus answers pointing at no request or from someone not asked. */
  skipped: number;
}

function nameOf(map: Y.Map<unknown>, id: string): string | null {
  const entity = id.startsWith(SETTING_PREFIX) ? null : asEntity(map.get(id));
  if (!entity) return null;
  const name = entity.get('name');
  return typeof name === 'string' ? name : '';
}

export function resolveTarget(doc: Y.Doc, request: Pick<ReviewRequestData, 'targetKind' | 'targetId' | 'targetName'>): ReviewTarget {
  if (request.targetKind === 'brief') {
    const title = briefMap(doc).get('title');
    return { kind: 'brief', id: '', name: typeof title === 'string' ? title : request.targetName, missing: false };
  }
  const map = request.targetKind === 'offer' ? offersMap(doc) : pilotsMap(doc);
  const name = nameOf(map as Y.Map<unknown>, request.targetId);
  return { kind: request.targetKind, id: request.targetId, name: name ?? request.targetName, missing: name === null };
}

/** All review requests of the plan, newest first, with each reviewer's counted answer. */
export function readReviews(doc: Y.Doc): ReviewsView {
  const { requests, answers, skipped } = readReviewEntries(doc);
  const quorum = readQuorum(doc);
  const latestByTarget = new Map<string, ReviewRequestData>();
  for (const r of requests) latestByTarget.set(`${r.targetKind}:${r.targetId}`, r);
  const byId = new Map(requests.map((r) => [r.id, r]));
  // Answers to no known request, or from someone who was not asked, never count.
  const unanswerable = answers.filter((a) => !byId.get(a.requestId)?.reviewers.some((p) => p.id === a.reviewerId)).length;
  const views = requests.map((request): ReviewRequestView => {
    const result = requestOutcome(request, answers, quorum);
    return {
      ...request,
      target: resolveTarget(doc, request),
      result,
      conflictedReviewers: result.reviewers.filter((r) => r.openAnswers.length > 1).map((r) => r.reviewer.id),
      current: latestByTarget.get(`${request.targetKind}:${request.targetId}`)?.id === request.id,
    };
  });
  views.reverse();
  return { requests: views, quorum, skipped: skipped + unanswerable };
}

/** Every answer on the plan (for inboxes): the request it belongs to travels with it. */
export function answersOf(view: ReviewsView): { request: ReviewRequestView; answer: ReviewAnswer }[] {
  return view.requests.flatMap((request) => request.result.reviewers.flatMap((r) => r.openAnswers.map((answer) => ({ request, answer }))));
}

/**
 * Everyone the plan knows by profile id: people who edited it (activity log), were asked for a
 * review, or are named reps in a pilot. Used to pick reviewers and to resolve @mentions.
 */
export function knownPeople(doc: Y.Doc): Person[] {
  const people = new Map<string, string>();
  for (const entry of readActivity(doc, 500)) if (entry.by && entry.byName) people.set(entry.by, entry.byName);
  for (const request of readReviewEntries(doc).requests) for (const p of request.reviewers) if (!people.has(p.id)) people.set(p.id, p.name);
  return [...people].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
}

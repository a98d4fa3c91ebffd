import * as Y from 'yjs';
import { err, ok, type Result } from '../../../shared/result';
import type { CommandContext } from '../context';
import { recordActivity } from '../activity';
import { insertEntity } from '../collection';
import { recordCriticalEdit } from '../critical';
import { asEntity, ROOTS } from '../docShape';
import { LIMITS } from '../schema';
import { transactLocal } from '../transact';
import { isIsoDate } from '../validate';
import { offerPath } from '../offers/commands';
import { offerExists } from '../offers/schema';
import { pilotsMap } from '../pilots/schema';
import { resolveTarget } from './queries';
import {
  MAX_QUORUM,
  MAX_REVIEWERS,
  PRICE_PERCEPTIONS,
  QUORUM_KEY,
  readQuorum,
  readReviewEntries,
  reviewsMap,
  VERDICTS,
  type Person,
  type PricePerception,
  type ReviewTargetKind,
  type Verdict,
} from './schema';
import { requestOutcome, reviewerStates } from './status';

export const reviewPath = {
  quorum: () => 'reviews.quorum',
  answer: (requestId: string, reviewerId: string) => `reviews.${requestId}.answers.${reviewerId}`,
};

/** How many sales approvals an offer needs in this plan. */
export function setReviewQuorum(doc: Y.Doc, ctx: CommandContext, quorum: number): Result<void> {
  if (!Number.isInteger(quorum) || quorum < 1 || quorum > MAX_QUORUM) return err('review/bad-quorum', `The number of approvals must be a whole number from 1 to ${MAX_QUORUM}.`);
  transactLocal(doc, () => {
    doc.getMap<unknown>(ROOTS.reviews).set(QUORUM_KEY, quorum);
    recordCriticalEdit(doc, ctx, reviewPath.quorum(), quorum);
    recordActivity(doc, ctx, 'activity.review.quorum', String(quorum));
  });
  return ok(undefined);
}

export interface ReviewRequestInput {
  target: { kind: ReviewTargetKind; id?: string };
  reviewers: Person[];
  dueDate: string | null;
  note?: string;
}

function cleanPeople(people: readonly Person[]): Result<Person[]> {
  const seen = new Map<string, Person>();
  for (const p of people) {
    const id = p.id.trim();
    const name = p.name.replace(/[\r\n]+/g, ' ').trim().slice(0, LIMITS.shortText);
    if (id === '' || id.length > LIMITS.shortText) return err('review/bad-reviewer', 'One of the reviewers is not a known person.');
    seen.set(id, { id, name: name || id });
  }
  if (seen.size === 0) return err('review/no-reviewers', 'Name at least one reviewer.');
  if (seen.size > MAX_REVIEWERS) return err('review/too-many-reviewers', `Ask at most ${MAX_REVIEWERS} people at once.`);
  return ok([...seen.values()]);
}

function currentRoundOpen(doc: Y.Doc, kind: ReviewTargetKind, id: string): boolean {
  const { requests, answers } = readReviewEntries(doc);
  const latest = requests.filter((r) => r.targetKind === kind && r.targetId === id).pop();
  return latest ? requestOutcome(latest, answers, readQuorum(doc)).outcome === 'open' : false;
}

/**
 * Asks named people to review an offer, the brief or a pilot. For an offer this opens a new
 * review round: the offer goes "in review" and earlier rounds' answers stop counting.
 */
export function requestReview(doc: Y.Doc, ctx: CommandContext, input: ReviewRequestInput): Result<string> {
  const kind = input.target.kind;
  const targetId = kind === 'brief' ? '' : (input.target.id ?? '');
  if (kind === 'offer' && !offerExists(doc, targetId)) return err('review/target-missing', 'This offer was removed, perhaps by a colleague.');
  if (kind === 'pilot' && !asEntity(pilotsMap(doc).get(targetId))) return err('review/target-missing', 'This pilot was removed, perhaps by a colleague.');
  if (kind !== 'offer' && kind !== 'pilot' && kind !== 'brief') return err('review/bad-target', 'Only offers, the brief and pilots can be reviewed.');
  const people = cleanPeople(input.reviewers);
  if (!people.ok) return people;
  if (input.dueDate !== null && !isIsoDate(input.dueDate)) return err('date/invalid', 'That is not a valid due date.');
  const note = (input.note ?? '').trim();
  if (note.length > LIMITS.longText) return err('review/too-long', 'The note is too long.');
  const quorum = readQuorum(doc);
  if (kind === 'offer' && people.value.length < quorum) {
    return err('review/too-few-reviewers', `This plan needs ${quorum} sales approvals for an offer; name at least ${quorum} reviewers.`);
  }
  if (currentRoundOpen(doc, kind, targetId)) return err('review/already-open', 'A review is already open for this; add reviewers to it instead.');
  const id = ctx.newId();
  const targetName = resolveTarget(doc, { targetKind: kind, targetId, targetName: '' }).name;
  transactLocal(doc, () => {
    const reviewers = new Y.Map<unknown>();
    for (const p of people.value) reviewers.set(p.id, { name: p.name });
    insertEntity(reviewsMap(doc), id, {
      kind: 'request',
      targetKind: kind,
      targetId,
      targetName,
      dueDate: input.dueDate,
      note,
      requestedBy: ctx.actor.id,
      requestedByName: ctx.actor.name,
      requestedAt: ctx.now(),
      reviewers,
    });
    if (kind === 'offer') recordCriticalEdit(doc, ctx, offerPath.status(targetId), 'in-review');
    recordActivity(doc, ctx, 'activity.review.requested', targetName);
  });
  return ok(id);
}

/** Sends a revised offer back to the reviewers of its last round (a new round). */
export function resubmitOffer(doc: Y.Doc, ctx: CommandContext, offerId: string, dueDate: string | null): Result<string> {
  const last = readReviewEntries(doc).requests.filter((r) => r.targetKind === 'offer' && r.targetId === offerId).pop();
  if (!last) return err('review/never-requested', 'This offer was never sent for review; request a review first.');
  return requestReview(doc, ctx, { target: { kind: 'offer', id: offerId }, reviewers: last.reviewers, dueDate, note: last.note });
}

/** Adds people to an open request; reviewers are a map keyed by person, so concurrent adds merge. */
export function addReviewers(doc: Y.Doc, ctx: CommandContext, requestId: string, people: Person[]): Result<void> {
  const request = asEntity(reviewsMap(doc).get(requestId));
  const reviewers = request?.get('reviewers');
  if (!request || request.get('kind') !== 'request' || !(reviewers instanceof Y.Map)) return err('review/missing', 'This review request no longer exists.');
  const clean = cleanPeople(people);
  if (!clean.ok) return clean;
  transactLocal(doc, () => {
    for (const p of clean.value) if (!reviewers.has(p.id)) reviewers.set(p.id, { name: p.name });
    recordActivity(doc, ctx, 'activity.review.reviewers-added', clean.value.map((p) => p.name).join(', ').slice(0, LIMITS.shortText));
  });
  return ok(undefined);
}

export interface AnswerInput {
  verdict: Verdict;
  /** 1 (hard to sell) … 5 (sells itself). */
  sellability: number;
  pricePerception: PricePerception | null;
  objections?: string;
  missingArguments?: string;
  deals?: string;
  freeText?: string;
}

function checkAnswer(input: AnswerInput): Result<void> {
  if (!VERDICTS.includes(input.verdict)) return err('review/bad-verdict', 'Choose approve, approve with comments, or request changes.');
  if (!Number.isInteger(input.sellability) || input.sellability < 1 || input.sellability > 5) return err('review/bad-score', 'Rate how well it sells from 1 to 5.');
  if (input.pricePerception !== null && !PRICE_PERCEPTIONS.includes(input.pricePerception)) return err('review/bad-price-perception', 'Say whether the price is too low, right or too high.');
  for (const key of ['objections', 'missingArguments', 'deals', 'freeText'] as const) {
    if ((input[key]?.length ?? 0) > LIMITS.longText) return err('review/too-long', 'One of the answers is too long.');
  }
  if (input.verdict === 'request-changes' && [input.objections, input.missingArguments, input.freeText].every((t) => (t ?? '').trim() === '')) {
    return err('review/changes-need-reason', 'Say what should change: fill in objections, missing arguments or a comment.');
  }
  return ok(undefined);
}

/** `sellability` may be null only when re-writing a peer's answer that had none. */
type StoredAnswer = Omit<AnswerInput, 'sellability'> & { sellability: number | null };

function writeAnswer(doc: Y.Doc, ctx: CommandContext, requestId: string, reviewer: Person, input: StoredAnswer, extra: Record<string, unknown>): string {
  const { requests, answers } = readReviewEntries(doc);
  const request = requests.find((r) => r.id === requestId);
  const state = request ? reviewerStates(request, answers).find((s) => s.reviewer.id === reviewer.id) : undefined;
  const id = ctx.newId();
  insertEntity(reviewsMap(doc), id, {
    kind: 'answer',
    requestId,
    reviewerId: reviewer.id,
    reviewerName: reviewer.name,
    verdict: input.verdict,
    sellability: input.sellability,
    pricePerception: input.pricePerception ?? 'unknown',
    objections: input.objections?.trim() ?? '',
    missingArguments: input.missingArguments?.trim() ?? '',
    deals: input.deals?.trim() ?? '',
    freeText: input.freeText?.trim() ?? '',
    answeredAt: ctx.now(),
    // The answers this one replaces: a later answer on another laptop that did not see this one
    // leaves two open answers, which the read model shows as a conflict.
    prev: state?.openAnswers.map((a) => a.id) ?? [],
    ...extra,
  });
  recordCriticalEdit(doc, ctx, reviewPath.answer(requestId, reviewer.id), input.verdict);
  return id;
}

/** The reviewer (the local user) answers a request; answering again replaces their own answer. */
export function answerReview(doc: Y.Doc, ctx: CommandContext, requestId: string, input: AnswerInput): Result<string> {
  const request = readReviewEntries(doc).requests.find((r) => r.id === requestId);
  if (!request) return err('review/missing', 'This review request no longer exists.');
  const reviewer = request.reviewers.find((p) => p.id === ctx.actor.id);
  if (!reviewer) return err('review/not-a-reviewer', 'You were not asked to review this; ask the requester to add you.');
  if (resolveTarget(doc, request).missing) return err('review/target-missing', 'The offer was removed, so it can no longer be reviewed.');
  const valid = checkAnswer(input);
  if (!valid.ok) return valid;
  const id = transactLocal(doc, () => {
    const answerId = writeAnswer(doc, ctx, requestId, { id: ctx.actor.id, name: ctx.actor.name }, input, {});
    recordActivity(doc, ctx, `activity.review.answered.${input.verdict}`, request.targetName);
    return answerId;
  });
  return ok(id);
}

/** Marketing marks a reviewer's answer as read and acted on (it leaves "feedback to process"). */
export function markAnswerProcessed(doc: Y.Doc, ctx: CommandContext, answerId: string): Result<void> {
  const answer = asEntity(reviewsMap(doc).get(answerId));
  if (!answer || answer.get('kind') !== 'answer') return err('review/answer-missing', 'This answer no longer exists.');
  transactLocal(doc, () => {
    answer.set('processedByName', ctx.actor.name);
    answer.set('processedAt', ctx.now());
    recordActivity(doc, ctx, 'activity.review.processed', String(answer.get('reviewerName') ?? ''));
  });
  return ok(undefined);
}

/**
 * Settles a reviewer's conflicting answers: the chosen answer is written again (attributed to
 * the reviewer, confirmed by the local user) replacing every open answer, which closes the
 * conflict everywhere once it syncs.
 */
export function confirmAnswer(doc: Y.Doc, ctx: CommandContext, requestId: string, reviewerId: string, keepAnswerId: string): Result<string> {
  const { requests, answers } = readReviewEntries(doc);
  const request = requests.find((r) => r.id === requestId);
  if (!request) return err('review/missing', 'This review request no longer exists.');
  const state = reviewerStates(request, answers).find((s) => s.reviewer.id === reviewerId);
  const keep = state?.openAnswers.find((a) => a.id === keepAnswerId);
  if (!state || !keep) return err('conflict/missing', 'This conflict was already resolved.');
  const id = transactLocal(doc, () => {
    const answerId = writeAnswer(doc, ctx, requestId, { id: keep.reviewerId, name: keep.reviewerName }, {
      verdict: keep.verdict,
      sellability: keep.sellability,
      pricePerception: keep.pricePerception,
      objections: keep.objections,
      missingArguments: keep.missingArguments,
      deals: keep.deals,
      freeText: keep.freeText,
    }, { confirmedByName: ctx.actor.name });
    recordActivity(doc, ctx, 'activity.review.confirmed', keep.reviewerName);
    return answerId;
  });
  return ok(id);
}

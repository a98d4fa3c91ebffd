import type * as Y from 'yjs';
import { briefMap } from '../docShape';
import { readThreads, mentionsOf } from '../comments/queries';
import { readOffers } from '../offers/queries';
import { readPilots, pilotPhase, type PilotPhase } from '../pilots/queries';
import { readReviews, type ReviewTarget } from '../reviews/queries';
import type { Verdict } from '../reviews/schema';
import { weekOf } from '../pilots/commands';

export interface HomePlan {
  planId: string;
  doc: Y.Doc;
}

export interface HomeInput {
  me: { id: string; name: string };
  /** Epoch ms; decides "overdue", the current week and the pilot phase. */
  now: number;
  /** Epoch ms of the last time the person looked at their home (0 = never). */
  lastSeenAt: number;
}

interface PlanRef {
  planId: string;
  planTitle: string;
}

export interface ReviewInboxItem extends PlanRef {
  requestId: string;
  target: ReviewTarget;
  dueDate: string | null;
  overdue: boolean;
  requestedByName: string;
  requestedAt: number;
}

export interface PilotInboxItem extends PlanRef {
  pilotId: string;
  name: string;
  phase: PilotPhase;
  /** `results-due`: no result yet for this week; `decision-due`: the pilot ended undecided. */
  reason: 'results-due' | 'decision-due';
}

export interface FeedbackItem extends PlanRef {
  requestId: string;
  answerId: string;
  target: ReviewTarget;
  reviewerName: string;
  verdict: Verdict;
  sellability: number | null;
  answeredAt: number;
  /** The reviewer answered twice concurrently: confirm one answer. */
  conflicted: boolean;
}

export interface BlockedOfferItem extends PlanRef {
  offerId: string;
  name: string;
  byName: string;
  at: number;
}

export interface HomeView {
  sales: { waitingForReview: ReviewInboxItem[]; pilotsNeedingInput: PilotInboxItem[] };
  marketing: { feedbackToProcess: FeedbackItem[]; blockedOffers: BlockedOfferItem[] };
  counts: { waitingForReview: number; pilotsNeedingInput: number; feedbackToProcess: number; blockedOffers: number };
  /** New review requests for me, new answers to my requests and new @mentions since lastSeenAt. */
  newSinceLastSeen: number;
}

/** A broken clock value must not take the home down: it counts as the epoch. */
const isoDay = (ms: number): string => new Date(Number.isFinite(ms) && Math.abs(ms) < 8.64e15 ? ms : 0).toISOString().slice(0, 10);
const sameName = (a: string, b: string): boolean => a.trim().toLocaleLowerCase() === b.trim().toLocaleLowerCase() && a.trim() !== '';

/**
 * The role-aware home across all plans: a salesperson's review inbox and pilots, a marketer's
 * feedback and blocked offers. Pure: same plans and input, same view; never throws on garbage.
 */
export function readHome(plans: readonly HomePlan[], input: HomeInput): HomeView {
  const { me, now, lastSeenAt } = input;
  const today = isoDay(now);
  const thisWeek = weekOf(today);
  const view: HomeView = {
    sales: { waitingForReview: [], pilotsNeedingInput: [] },
    marketing: { feedbackToProcess: [], blockedOffers: [] },
    counts: { waitingForReview: 0, pilotsNeedingInput: 0, feedbackToProcess: 0, blockedOffers: 0 },
    newSinceLastSeen: 0,
  };
  for (const { planId, doc } of plans) {
    const title = briefMap(doc).get('title');
    const ref: PlanRef = { planId, planTitle: typeof title === 'string' ? title.slice(0, 200) : '' };
    const reviews = readReviews(doc);
    for (const request of reviews.requests) {
      const mine = request.result.reviewers.find((r) => r.reviewer.id === me.id);
      if (mine && request.requestedBy !== me.id && request.requestedAt > lastSeenAt) view.newSinceLastSeen += 1;
      if (mine && !mine.answer && request.current && request.result.outcome === 'open' && !request.target.missing) {
        view.sales.waitingForReview.push({
          ...ref,
          requestId: request.id,
          target: request.target,
          dueDate: request.dueDate,
          overdue: request.dueDate !== null && request.dueDate < today,
          requestedByName: request.requestedByName,
          requestedAt: request.requestedAt,
        });
      }
      if (request.requestedBy !== me.id) continue;
      for (const state of request.result.reviewers) {
        for (const answer of state.openAnswers) {
          if (answer.reviewerId === me.id) continue;
          if (answer.answeredAt > lastSeenAt) view.newSinceLastSeen += 1;
          if (answer.processedAt > 0) continue;
          view.marketing.feedbackToProcess.push({
            ...ref,
            requestId: request.id,
            answerId: answer.id,
            target: request.target,
            reviewerName: answer.reviewerName,
            verdict: answer.verdict,
            sellability: answer.sellability,
            answeredAt: answer.answeredAt,
            conflicted: state.openAnswers.length > 1,
          });
        }
      }
    }
    for (const offer of readOffers(doc).items) {
      if (offer.status.status === 'changes-requested') {
        view.marketing.blockedOffers.push({ ...ref, offerId: offer.id, name: offer.name, byName: offer.status.byName, at: offer.status.at });
      }
    }
    for (const pilot of readPilots(doc).items) {
      const inCohort = pilot.cohort.some((m) => m.kind === 'rep' && (m.profileId === me.id || sameName(m.name, me.name)));
      if (!inCohort) continue;
      const phase = pilotPhase(pilot, today);
      if (phase === 'ended') view.sales.pilotsNeedingInput.push({ ...ref, pilotId: pilot.id, name: pilot.name, phase, reason: 'decision-due' });
      else if (phase === 'running' && pilot.criteria.some((c) => !pilot.results.some((r) => r.criterionId === c.id && r.week === thisWeek))) {
        view.sales.pilotsNeedingInput.push({ ...ref, pilotId: pilot.id, name: pilot.name, phase, reason: 'results-due' });
      }
    }
    for (const { comment } of mentionsOf(readThreads(doc).items, me.id)) {
      if (comment.at > lastSeenAt && comment.by !== me.id) view.newSinceLastSeen += 1;
    }
  }
  view.sales.waitingForReview.sort((a, b) => (a.dueDate ?? '9999').localeCompare(b.dueDate ?? '9999') || a.requestedAt - b.requestedAt);
  view.marketing.feedbackToProcess.sort((a, b) => b.answeredAt - a.answeredAt);
  view.marketing.blockedOffers.sort((a, b) => b.at - a.at);
  view.counts = {
    waitingForReview: view.sales.waitingForReview.length,
    pilotsNeedingInput: view.sales.pilotsNeedingInput.length,
    feedbackToProcess: view.marketing.feedbackToProcess.length,
    blockedOffers: view.marketing.blockedOffers.length,
  };
  return view;
}

import type { Person, ReviewAnswer, ReviewRequestData, Verdict } from './schema';

export const OFFER_STATUSES = ['draft', 'in-review', 'changes-requested', 'approved'] as const;
export type OfferStatus = (typeof OFFER_STATUSES)[number];
export type ReviewOutcome = 'open' | 'changes-requested' | 'approved';

export interface ReviewerState {
  reviewer: Person;
  /** The answer that counts: the newest one not replaced by a later answer of the same reviewer. */
  answer: ReviewAnswer | null;
  /**
   * Answers of this reviewer that nobody has replaced yet. More than one means the reviewer
   * answered twice without seeing the first answer (two laptops offline): a conflict to confirm.
   */
  openAnswers: ReviewAnswer[];
  /** Every answer this reviewer gave on this request, oldest first. */
  history: ReviewAnswer[];
}

export interface RequestOutcome {
  outcome: ReviewOutcome;
  approvals: number;
  changeRequests: number;
  quorum: number;
  reviewers: ReviewerState[];
  /** Who made the outcome what it is, and when (the request itself while still open). */
  decidedByName: string;
  decidedAt: number;
}

const isApproval = (v: Verdict): boolean => v === 'approve' || v === 'approve-with-comments';
const newestFirst = (a: ReviewAnswer, b: ReviewAnswer): number => b.answeredAt - a.answeredAt || b.id.localeCompare(a.id);

/** Per reviewer: which answers are still open (unreplaced) and which one counts. */
export function reviewerStates(request: ReviewRequestData, answers: readonly ReviewAnswer[]): ReviewerState[] {
  return request.reviewers.map((reviewer) => {
    const history = answers.filter((a) => a.requestId === request.id && a.reviewerId === reviewer.id);
    const replaced = new Set(history.flatMap((a) => a.prev));
    const openAnswers = history.filter((a) => !replaced.has(a.id)).sort(newestFirst);
    return { reviewer, answer: openAnswers[0] ?? null, openAnswers, history };
  });
}

/**
 * The outcome of one review round. Any "request changes" wins over approvals (one salesperson
 * who cannot sell it is reason enough to look again); otherwise the request is approved once
 * `quorum` reviewers approved. Deterministic on every peer: it depends only on the data.
 */
export function requestOutcome(request: ReviewRequestData, answers: readonly ReviewAnswer[], quorum: number): RequestOutcome {
  const reviewers = reviewerStates(request, answers);
  const counted = reviewers.flatMap((r) => (r.answer ? [r.answer] : [])).sort((a, b) => -newestFirst(a, b));
  const changes = counted.filter((a) => a.verdict === 'request-changes');
  const approvals = counted.filter((a) => isApproval(a.verdict));
  const base = { approvals: approvals.length, changeRequests: changes.length, quorum, reviewers };
  const lastChange = changes[changes.length - 1];
  if (lastChange) return { ...base, outcome: 'changes-requested', decidedByName: lastChange.reviewerName, decidedAt: lastChange.answeredAt };
  const deciding = approvals[quorum - 1];
  if (deciding) return { ...base, outcome: 'approved', decidedByName: deciding.reviewerName, decidedAt: deciding.answeredAt };
  return { ...base, outcome: 'open', decidedByName: request.requestedByName, decidedAt: request.requestedAt };
}

export interface StatusMark {
  by: string;
  byName: string;
  at: number;
  id: string;
  /** The request (round) this revise answered; '' when the offer had not been reviewed yet. */
  afterRequest: string;
}

export interface OfferStatusView {
  status: OfferStatus;
  /** Who caused this status and when. */
  byName: string;
  at: number;
  /** The review round the status comes from (null in draft). */
  requestId: string | null;
  /** Number of review rounds so far. */
  round: number;
  approvals: number;
  quorum: number;
}

/**
 * The offer's status as a pure function of its review requests (each request opens a round),
 * the answers, the plan's quorum and marketing's explicit "revise" marks. A revise names the
 * round it answers, so it takes the offer back to draft until the next request opens a new
 * round (in which earlier answers no longer count). Causal links instead of clock comparisons:
 * laptops whose clocks disagree still derive the same status.
 */
export function deriveOfferStatus(input: {
  requests: readonly ReviewRequestData[];
  answers: readonly ReviewAnswer[];
  revisions: readonly StatusMark[];
  quorum: number;
  created: { byName: string; at: number };
}): OfferStatusView {
  const rounds = [...input.requests].sort((a, b) => a.requestedAt - b.requestedAt || a.id.localeCompare(b.id));
  const latest = rounds[rounds.length - 1];
  const empty = { approvals: 0, quorum: input.quorum, round: rounds.length, requestId: null };
  const revised = input.revisions
    .filter((r) => r.afterRequest === (latest?.id ?? ''))
    .sort((a, b) => a.at - b.at || a.id.localeCompare(b.id))
    .pop();
  if (revised) return { ...empty, status: 'draft', byName: revised.byName, at: revised.at };
  if (!latest) return { ...empty, status: 'draft', byName: input.created.byName, at: input.created.at };
  const outcome = requestOutcome(latest, input.answers, input.quorum);
  const status: OfferStatus = outcome.outcome === 'open' ? 'in-review' : outcome.outcome;
  return { ...empty, status, byName: outcome.decidedByName, at: outcome.decidedAt, requestId: latest.id, approvals: outcome.approvals };
}

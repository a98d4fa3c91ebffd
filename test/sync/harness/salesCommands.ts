import * as Y from 'yjs';
import {
  addComponent,
  addCompetitorRow,
  addCriterion,
  addMeetingItem,
  addOfferItem,
  answerReview,
  BILLING_PERIODS,
  captureInsight,
  closeMeeting,
  COMPARISONS,
  COMPONENT_TYPES,
  confirmAnswer,
  createOffer,
  createPilot,
  decidePilot,
  editComment,
  INSIGHT_SOURCES,
  INSIGHT_TYPES,
  ITEM_KINDS,
  joinMeeting,
  KPI_IDS,
  markAnswerProcessed,
  markHeardAgain,
  MEASURES,
  OFFER_LISTS,
  PILOT_DECISIONS,
  PILOT_SETS,
  PRICE_PERCEPTIONS,
  readInsights,
  readMeetings,
  readOffers,
  readPilots,
  readReviews,
  readScorecard,
  readThreads,
  recordResult,
  removeComponent,
  removeMeetingItem,
  removeOffer,
  removePilot,
  replyToThread,
  requestReview,
  reviseOffer,
  setBundlePrice,
  setCounterMessage,
  setOfferSegment,
  setPilotLink,
  setActual,
  setReviewQuorum,
  setTarget,
  setThreadResolved,
  setVote,
  SIGN_TEAMS,
  signTargets,
  startMeeting,
  startThread,
  updateComponent,
  updateMeetingItem,
  updateOfferItem,
  VERDICTS,
  withdrawSignature,
  readSegments,
  ROOTS,
  type CommandContext,
  type Person,
} from '../../../renderer/domain';
import type { Result } from '../../../shared/result';

type Rng = () => number;

const pick = <T>(rng: Rng, items: readonly T[]): T | undefined => items[Math.floor(rng() * items.length)];
const word = (rng: Rng): string => pick(rng, ['pilot', 'bundle', 'Ärger', 'tilaus', '🚀', 'ROI', 'rollout', 'churn']) ?? 'x';
const day = (rng: Rng): string => `2027-${String(1 + Math.floor(rng() * 6)).padStart(2, '0')}-${String(1 + Math.floor(rng() * 28)).padStart(2, '0')}`;
// A small set of weeks and quarters, so peers often write the same scorecard cell concurrently.
const week = (rng: Rng): string => `2027-W0${1 + Math.floor(rng() * 4)}`;
const quarter = (rng: Rng): string => `2027-Q${1 + Math.floor(rng() * 2)}`;
const cents = (rng: Rng): number => (1 + Math.floor(rng() * 400)) * 500;

/**
 * Ids of the offers and segments, without building their read models (statuses, warnings):
 * commands that only need something to point at stay cheap, so the short run in `npm test`
 * keeps its duration. Removed entities stay out; damaged ones may be picked and get refused.
 */
function offerIds(doc: Y.Doc): string[] {
  const ids: string[] = [];
  doc.getMap(ROOTS.offers).forEach((value, id) => {
    if (!id.startsWith('@') && value instanceof Y.Map) ids.push(id);
  });
  return ids;
}
const segmentIds = (doc: Y.Doc): string[] => readSegments(doc).items.map((s) => s.id);

/** How a command ended, for the reproduction log: failures (a peer removed the target…) are legal. */
const outcome = (name: string, result: Result<unknown>): string => (result.ok ? name : `${name} (refused: ${result.error.code})`);

/**
 * One random command on the sales side of a plan (offers, reviews, pilots, scorecard, insights,
 * comments, weekly syncs), as a person would issue it. `people` are everyone taking part, so
 * review requests name reviewers that really answer from other peers.
 */
export function randomSalesCommand(doc: Y.Doc, ctx: CommandContext, rng: Rng, people: readonly Person[]): string {
  const area = Math.floor(rng() * 7);
  switch (area) {
    case 0:
      return offerCommand(doc, ctx, rng);
    case 1:
      return reviewCommand(doc, ctx, rng, people);
    case 2:
      return pilotCommand(doc, ctx, rng);
    case 3:
      return scorecardCommand(doc, ctx, rng);
    case 4:
      return insightCommand(doc, ctx, rng);
    case 5:
      return commentCommand(doc, ctx, rng);
    default:
      return weeklyCommand(doc, ctx, rng);
  }
}

function offerCommand(doc: Y.Doc, ctx: CommandContext, rng: Rng): string {
  const offers = readOffers(doc).items;
  const offer = pick(rng, offers);
  const choice = Math.floor(rng() * 10);
  if (!offer || choice === 0) return outcome('createOffer', createOffer(doc, ctx, { name: `${word(rng)} offer` }));
  const component = pick(rng, offer.components);
  switch (choice) {
    case 1:
      return outcome(`setBundlePrice ${offer.id}`, setBundlePrice(doc, ctx, offer.id, rng() < 0.1 ? null : cents(rng)));
    case 2:
      return outcome(
        `addComponent ${offer.id}`,
        addComponent(doc, ctx, offer.id, { name: `${word(rng)} part`, type: pick(rng, COMPONENT_TYPES) ?? 'hardware', billing: pick(rng, BILLING_PERIODS) ?? 'one-off', listPrice: cents(rng) }),
      );
    case 3:
      if (!component) return 'noop';
      return outcome(`updateComponent ${offer.id} ${component.id}`, updateComponent(doc, ctx, offer.id, component.id, { listPrice: cents(rng) }));
    case 4:
      if (!component || rng() < 0.5) return 'noop';
      return outcome(`removeComponent ${offer.id} ${component.id}`, removeComponent(doc, ctx, offer.id, component.id));
    case 5: {
      const list = pick(rng, OFFER_LISTS) ?? 'arguments';
      const item = pick(rng, offer[list]);
      if (item && rng() < 0.5) return outcome(`updateOfferItem ${offer.id} ${list}`, updateOfferItem(doc, ctx, offer.id, list, item.id, `${item.text} ${word(rng)}`.slice(0, 200)));
      return outcome(`addOfferItem ${offer.id} ${list}`, addOfferItem(doc, ctx, offer.id, list, `${word(rng)} argument`));
    }
    case 6:
      return outcome(
        `addCompetitorRow ${offer.id}`,
        addCompetitorRow(doc, ctx, offer.id, { competitor: `${word(rng)} Corp`, theirPrice: cents(rng), theirArgument: word(rng), ourAnswer: word(rng) }),
      );
    case 7: {
      const segment = pick(rng, segmentIds(doc));
      if (!segment) return 'noop';
      return outcome(`setOfferSegment ${offer.id} ${segment}`, setOfferSegment(doc, ctx, offer.id, segment, rng() < 0.7));
    }
    case 8:
      return outcome(`reviseOffer ${offer.id}`, reviseOffer(doc, ctx, offer.id));
    default:
      if (rng() < 0.6) return 'noop';
      return outcome(`removeOffer ${offer.id}`, removeOffer(doc, ctx, offer.id));
  }
}

function reviewCommand(doc: Y.Doc, ctx: CommandContext, rng: Rng, people: readonly Person[]): string {
  const reviews = readReviews(doc);
  const choice = Math.floor(rng() * 6);
  if (choice === 0 || reviews.requests.length === 0) {
    const offer = pick(rng, offerIds(doc));
    const reviewers = people.filter((p) => p.id !== ctx.actor.id && rng() < 0.6);
    const target = offer && rng() < 0.8 ? { kind: 'offer' as const, id: offer } : { kind: 'brief' as const };
    return outcome(`requestReview ${target.kind}`, requestReview(doc, ctx, { target, reviewers, dueDate: rng() < 0.5 ? day(rng) : null }));
  }
  // Prefer requests this person was asked to answer, as a salesperson would.
  const mine = reviews.requests.filter((r) => r.reviewers.some((p) => p.id === ctx.actor.id));
  const request = pick(rng, mine.length > 0 && rng() < 0.8 ? mine : reviews.requests);
  if (!request) return 'noop';
  switch (choice) {
    case 1:
    case 2: {
      const verdict = pick(rng, VERDICTS) ?? 'approve';
      return outcome(
        `answerReview ${request.id} ${verdict}`,
        answerReview(doc, ctx, request.id, {
          verdict,
          sellability: 1 + Math.floor(rng() * 5),
          pricePerception: rng() < 0.2 ? null : (pick(rng, PRICE_PERCEPTIONS) ?? 'right'),
          objections: rng() < 0.7 ? `${word(rng)} objection` : '',
          freeText: word(rng),
        }),
      );
    }
    case 3: {
      const answer = pick(rng, request.result.reviewers.flatMap((r) => (r.answer ? [r.answer] : [])));
      if (!answer) return 'noop';
      return outcome(`markAnswerProcessed ${answer.id}`, markAnswerProcessed(doc, ctx, answer.id));
    }
    case 4: {
      const reviewerId = pick(rng, request.conflictedReviewers);
      const state = request.result.reviewers.find((r) => r.reviewer.id === reviewerId);
      const keep = state ? pick(rng, state.openAnswers) : undefined;
      if (!reviewerId || !keep) return 'noop';
      return outcome(`confirmAnswer ${request.id} ${reviewerId}`, confirmAnswer(doc, ctx, request.id, reviewerId, keep.id));
    }
    default:
      return outcome('setReviewQuorum', setReviewQuorum(doc, ctx, 1 + Math.floor(rng() * 3)));
  }
}

function pilotCommand(doc: Y.Doc, ctx: CommandContext, rng: Rng): string {
  const pilots = readPilots(doc).items;
  const pilot = pick(rng, pilots);
  const choice = Math.floor(rng() * 7);
  if (!pilot || choice === 0) {
    const offer = pick(rng, offerIds(doc));
    return outcome('createPilot', createPilot(doc, ctx, { name: `${word(rng)} pilot`, offerIds: offer ? [offer] : [], start: '2027-01-04', end: rng() < 0.5 ? '2027-03-28' : null }));
  }
  const criterion = pick(rng, pilot.criteria);
  switch (choice) {
    case 1:
      return outcome(
        `addCriterion ${pilot.id}`,
        addCriterion(doc, ctx, pilot.id, { metric: `${word(rng)} rate`, comparison: pick(rng, COMPARISONS) ?? 'gte', target: Math.floor(rng() * 100), unit: '%' }),
      );
    case 2:
    case 3:
      if (!criterion) return 'noop';
      return outcome(`recordResult ${pilot.id} ${criterion.id}`, recordResult(doc, ctx, pilot.id, criterion.id, day(rng), rng() < 0.1 ? null : Math.floor(rng() * 120)));
    case 4: {
      const decision = pick(rng, PILOT_DECISIONS) ?? 'go';
      return outcome(`decidePilot ${pilot.id} ${decision}`, decidePilot(doc, ctx, pilot.id, decision, `${word(rng)} because the numbers say so`));
    }
    case 5: {
      const set = pick(rng, PILOT_SETS) ?? 'regions';
      const key = set === 'offers' ? (pick(rng, offerIds(doc)) ?? 'gone') : set === 'segments' ? (pick(rng, segmentIds(doc)) ?? 'gone') : (pick(rng, ['Benelux', 'Nordics', 'DACH']) ?? 'DACH');
      return outcome(`setPilotLink ${pilot.id} ${set}`, setPilotLink(doc, ctx, pilot.id, set, key, rng() < 0.7));
    }
    default:
      if (rng() < 0.7) return 'noop';
      return outcome(`removePilot ${pilot.id}`, removePilot(doc, ctx, pilot.id));
  }
}

function scorecardCommand(doc: Y.Doc, ctx: CommandContext, rng: Rng): string {
  const choice = Math.floor(rng() * 6);
  switch (choice) {
    case 0:
    case 1: {
      const kpi = pick(rng, KPI_IDS) ?? 'leads';
      const value = kpi === 'leadQuality' ? 1 + Math.floor(rng() * 5) : Math.floor(rng() * 500);
      // Signed targets need a reason; half the time the person gives one.
      return outcome(`setTarget ${kpi}`, setTarget(doc, ctx, kpi, quarter(rng), rng() < 0.05 ? null : value, rng() < 0.5 ? 'agreed in the workshop' : ''));
    }
    case 2:
    case 3: {
      const measure = pick(rng, MEASURES) ?? 'leads';
      return outcome(`setActual ${measure}`, setActual(doc, ctx, measure, week(rng), rng() < 0.05 ? null : Math.floor(rng() * 300)));
    }
    case 4: {
      const team = pick(rng, SIGN_TEAMS) ?? 'sales';
      return outcome(`signTargets ${team}`, signTargets(doc, ctx, team));
    }
    default:
      return outcome('withdrawSignature', withdrawSignature(doc, ctx));
  }
}

function insightCommand(doc: Y.Doc, ctx: CommandContext, rng: Rng): string {
  const insight = pick(rng, readInsights(doc).items);
  const choice = Math.floor(rng() * 5);
  if (!insight || choice === 0) {
    return outcome(
      'captureInsight',
      captureInsight(doc, ctx, { type: pick(rng, INSIGHT_TYPES) ?? 'objection', source: pick(rng, INSIGHT_SOURCES) ?? 'call', text: `${word(rng)} heard at a customer`, competitor: rng() < 0.5 ? 'Acme' : '', date: day(rng) }),
    );
  }
  switch (choice) {
    case 1:
      return outcome(`setVote ${insight.id}`, setVote(doc, ctx, insight.id, rng() < 0.7));
    case 2:
      return outcome(`markHeardAgain ${insight.id}`, markHeardAgain(doc, ctx, insight.id, rng() < 0.5 ? word(rng) : ''));
    default:
      return outcome(`setCounterMessage ${insight.id}`, setCounterMessage(doc, ctx, insight.id, `${insight.counter} ${word(rng)}`.trim().slice(0, 500)));
  }
}

function commentCommand(doc: Y.Doc, ctx: CommandContext, rng: Rng): string {
  const thread = pick(rng, readThreads(doc).items);
  const choice = Math.floor(rng() * 5);
  if (!thread || choice === 0) {
    const offer = pick(rng, offerIds(doc));
    const target = offer && rng() < 0.7 ? { kind: 'offer' as const, id: offer, field: 'bundlePrice' } : { kind: 'brief' as const, id: 'brief' };
    return outcome(`startThread ${target.kind}`, startThread(doc, ctx, target, `${word(rng)}?`));
  }
  switch (choice) {
    case 1:
    case 2:
      return outcome(`replyToThread ${thread.id}`, replyToThread(doc, ctx, thread.id, `${word(rng)}!`));
    case 3: {
      const own = [thread.root, ...thread.replies].filter((c) => c.by === ctx.actor.id);
      const comment = pick(rng, own);
      if (!comment) return 'noop';
      return outcome(`editComment ${comment.id}`, editComment(doc, ctx, comment.id, `${comment.body} ${word(rng)}`.slice(0, 1000)));
    }
    default:
      return outcome(`setThreadResolved ${thread.id}`, setThreadResolved(doc, ctx, thread.id, !thread.resolved));
  }
}

function weeklyCommand(doc: Y.Doc, ctx: CommandContext, rng: Rng): string {
  const meetings = readMeetings(doc).items;
  const meeting = pick(rng, meetings);
  const choice = Math.floor(rng() * 7);
  if (!meeting || (choice === 0 && meetings.length < 6)) return outcome('startMeeting', startMeeting(doc, ctx, { week: week(rng), title: `${word(rng)} sync` }));
  const item = pick(rng, meeting.items);
  switch (choice) {
    case 1:
    case 2: {
      const kind = pick(rng, ITEM_KINDS) ?? 'note';
      return outcome(`addMeetingItem ${meeting.id} ${kind}`, addMeetingItem(doc, ctx, meeting.id, { kind, text: `${word(rng)} item`, owner: kind === 'action' ? ctx.actor.name : '', due: kind === 'action' ? day(rng) : null }));
    }
    case 3:
      if (!item) return 'noop';
      return outcome(`updateMeetingItem ${item.id}`, updateMeetingItem(doc, ctx, item.id, rng() < 0.5 ? { done: rng() < 0.5 } : { text: `${item.text} ${word(rng)}`.slice(0, 500) }));
    case 4:
      if (!item || rng() < 0.5) return 'noop';
      return outcome(`removeMeetingItem ${item.id}`, removeMeetingItem(doc, ctx, item.id));
    case 5:
      return outcome(`joinMeeting ${meeting.id}`, joinMeeting(doc, ctx, meeting.id));
    default:
      return outcome(`closeMeeting ${meeting.id}`, closeMeeting(doc, ctx, meeting.id));
  }
}

/** The read models of the sales side, by name (each as JSON), for comparing peers. */
export function salesReadModels(doc: Y.Doc): Record<string, string> {
  return {
    offers: JSON.stringify(readOffers(doc)),
    reviews: JSON.stringify(readReviews(doc)),
    pilots: JSON.stringify(readPilots(doc)),
    scorecard: JSON.stringify(readScorecard(doc)),
    insights: JSON.stringify(readInsights(doc)),
    threads: JSON.stringify(readThreads(doc)),
    meetings: JSON.stringify(readMeetings(doc)),
  };
}

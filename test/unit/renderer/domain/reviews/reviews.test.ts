import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addComponent,
  addReviewers,
  answerReview,
  confirmConflict,
  createOffer,
  deriveOfferStatus,
  markAnswerProcessed,
  readConflicts,
  readOffers,
  readReviews,
  removeOffer,
  requestReview,
  resubmitOffer,
  reviseOffer,
  setReviewQuorum,
  type AnswerInput,
} from '../../../../../renderer/domain';
import { must, newPlan, person, team, type Peer } from '../offers/helpers';

const approve: AnswerInput = { verdict: 'approve', sellability: 4, pricePerception: 'right' };
const changes: AnswerInput = { verdict: 'request-changes', sellability: 2, pricePerception: 'too-high', objections: 'Software costs 7.5× the device', missingArguments: 'ROI per lab' };

const statusOf = (doc: Y.Doc, id: string) => readOffers(doc).items.find((o) => o.id === id)?.status;

function offerFor(peer: Peer): string {
  const id = must(createOffer(peer.doc, peer.ctx, { name: 'Meter bundle' }));
  must(addComponent(peer.doc, peer.ctx, id, { name: 'Device', type: 'hardware', billing: 'one-off', listPrice: 400_000 }));
  return id;
}

describe('offer status follows the reviews', () => {
  it('draft → in review → changes requested → revise → in review → approved, with who and when', () => {
    const { mia, sam, sync } = team();
    const offerId = offerFor(mia);
    expect(statusOf(mia.doc, offerId)).toMatchObject({ status: 'draft', round: 0 });
    mia.ctx.tick(10);
    const r1 = must(requestReview(mia.doc, mia.ctx, { target: { kind: 'offer', id: offerId }, reviewers: [person(sam)], dueDate: '2027-01-15', note: 'Price ok?' }));
    expect(statusOf(mia.doc, offerId)).toMatchObject({ status: 'in-review', byName: 'Mia', round: 1, requestId: r1 });
    sync();
    // Sam reviews offline, then reconnects.
    sam.ctx.tick(60_000);
    must(answerReview(sam.doc, sam.ctx, r1, changes));
    expect(statusOf(mia.doc, offerId)?.status).toBe('in-review');
    sync();
    const afterChanges = statusOf(mia.doc, offerId);
    expect(afterChanges).toMatchObject({ status: 'changes-requested', byName: 'Sam', at: sam.ctx.now() });
    expect(reviseOffer(mia.doc, mia.ctx, offerId).ok).toBe(true);
    mia.ctx.tick(120_000);
    expect(statusOf(mia.doc, offerId)).toMatchObject({ status: 'draft', byName: 'Mia' });
    const r2 = must(resubmitOffer(mia.doc, mia.ctx, offerId, '2027-01-20'));
    expect(statusOf(mia.doc, offerId)).toMatchObject({ status: 'in-review', round: 2, requestId: r2 });
    sync();
    sam.ctx.tick(200_000);
    must(answerReview(sam.doc, sam.ctx, r2, { ...approve, verdict: 'approve-with-comments', freeText: 'Good now' }));
    sync();
    expect(statusOf(mia.doc, offerId)).toMatchObject({ status: 'approved', byName: 'Sam', approvals: 1, quorum: 1 });
    const reviews = readReviews(mia.doc).requests;
    expect(reviews.map((r) => [r.id, r.current, r.result.outcome])).toEqual([
      [r2, true, 'approved'],
      [r1, false, 'changes-requested'],
    ]);
    expect(reviews[1]?.result.reviewers[0]?.answer).toMatchObject({ reviewerName: 'Sam', verdict: 'request-changes', objections: 'Software costs 7.5× the device' });
    // Revising an approved offer takes it back to draft until it is reviewed again.
    mia.ctx.tick(300_000);
    must(reviseOffer(mia.doc, mia.ctx, offerId));
    expect(statusOf(mia.doc, offerId)?.status).toBe('draft');
  });

  it('needs a quorum of approvals set per plan, and any change request blocks', () => {
    const { mia, sam, sid, sync } = team();
    const offerId = offerFor(mia);
    must(setReviewQuorum(mia.doc, mia.ctx, 2));
    expect(setReviewQuorum(mia.doc, mia.ctx, 0)).toMatchObject({ ok: false, error: { code: 'review/bad-quorum' } });
    expect(setReviewQuorum(mia.doc, mia.ctx, 1.5).ok).toBe(false);
    expect(requestReview(mia.doc, mia.ctx, { target: { kind: 'offer', id: offerId }, reviewers: [person(sam)], dueDate: null })).toMatchObject({
      ok: false,
      error: { code: 'review/too-few-reviewers' },
    });
    const r = must(requestReview(mia.doc, mia.ctx, { target: { kind: 'offer', id: offerId }, reviewers: [person(sam), person(sid)], dueDate: null }));
    expect(requestReview(mia.doc, mia.ctx, { target: { kind: 'offer', id: offerId }, reviewers: [person(sam), person(sid)], dueDate: null })).toMatchObject({
      ok: false,
      error: { code: 'review/already-open' },
    });
    sync();
    must(answerReview(sam.doc, sam.ctx, r, approve));
    sync();
    expect(statusOf(mia.doc, offerId)).toMatchObject({ status: 'in-review', approvals: 1, quorum: 2 });
    must(answerReview(sid.doc, sid.ctx, r, approve));
    sync();
    expect(statusOf(mia.doc, offerId)).toMatchObject({ status: 'approved', approvals: 2, byName: 'Sid' });
    // Sid changes his mind: one change request outweighs any number of approvals.
    sid.ctx.tick(10);
    must(answerReview(sid.doc, sid.ctx, r, changes));
    sync();
    expect(statusOf(mia.doc, offerId)).toMatchObject({ status: 'changes-requested', approvals: 1, byName: 'Sid' });
    expect(readConflicts(mia.doc)).toEqual([]);
  });

  it('is a pure function of rounds, answers and revise marks', () => {
    const request = { id: 'r1', targetKind: 'offer' as const, targetId: 'o', targetName: 'O', dueDate: null, note: '', requestedBy: 'm', requestedByName: 'Mia', requestedAt: 100, reviewers: [{ id: 's', name: 'Sam' }] };
    const answer = { id: 'a1', requestId: 'r1', reviewerId: 's', reviewerName: 'Sam', verdict: 'approve' as const, sellability: 5, pricePerception: null, objections: '', missingArguments: '', deals: '', freeText: '', answeredAt: 200, prev: [], confirmedByName: '', processedByName: '', processedAt: 0 };
    const base = { requests: [request], answers: [answer], revisions: [], quorum: 1, created: { byName: 'Mia', at: 1 } };
    expect(deriveOfferStatus(base)).toMatchObject({ status: 'approved', byName: 'Sam', at: 200 });
    expect(deriveOfferStatus({ ...base, quorum: 2 })).toMatchObject({ status: 'in-review', byName: 'Mia', at: 100 });
    expect(deriveOfferStatus({ ...base, revisions: [{ id: 'v', by: 'm', byName: 'Mia', at: 300, afterRequest: 'r1' }] })).toMatchObject({ status: 'draft', at: 300 });
    // A revise answers the round it names, whatever the clocks say (here Mia's clock is behind).
    expect(deriveOfferStatus({ ...base, revisions: [{ id: 'v', by: 'm', byName: 'Mia', at: 50, afterRequest: 'r1' }] })).toMatchObject({ status: 'draft', at: 50 });
    // A revise from before this round does not matter.
    expect(deriveOfferStatus({ ...base, revisions: [{ id: 'v', by: 'm', byName: 'Mia', at: 400, afterRequest: '' }] }).status).toBe('approved');
    expect(deriveOfferStatus({ ...base, requests: [], revisions: [{ id: 'v', by: 'm', byName: 'Mia', at: 400, afterRequest: '' }] })).toMatchObject({ status: 'draft', byName: 'Mia', at: 400 });
    // Answers from people not asked do not count.
    expect(deriveOfferStatus({ ...base, answers: [{ ...answer, reviewerId: 'intruder' }] }).status).toBe('in-review');
  });
});

describe('review requests and answers', () => {
  it('keeps offline answers from different reviewers and records who answered when', () => {
    const { mia, sam, sid, sync } = team();
    const r = must(requestReview(mia.doc, mia.ctx, { target: { kind: 'brief' }, reviewers: [person(sam), person(sid)], dueDate: '2027-02-01' }));
    sync();
    must(answerReview(sam.doc, sam.ctx, r, { ...approve, deals: 'Hospital X', freeText: 'Clear pain' }));
    must(answerReview(sid.doc, sid.ctx, r, { ...approve, verdict: 'approve-with-comments', pricePerception: 'too-low' }));
    sync();
    const request = readReviews(mia.doc).requests[0];
    expect(request?.target).toEqual({ kind: 'brief', id: '', name: 'Device launch', missing: false });
    expect(request?.result.reviewers.map((s) => [s.reviewer.name, s.answer?.verdict, s.answer?.answeredAt])).toEqual([
      ['Sam', 'approve', sam.ctx.now()],
      ['Sid', 'approve-with-comments', sid.ctx.now()],
    ]);
    expect(request?.result.reviewers[0]?.answer).toMatchObject({ deals: 'Hospital X', freeText: 'Clear pain', sellability: 4, pricePerception: 'right' });
  });

  it('shows the same reviewer answering twice on two laptops as a conflict, never dropping one', () => {
    const { mia, sam, sync } = team();
    const offerId = offerFor(mia);
    const r = must(requestReview(mia.doc, mia.ctx, { target: { kind: 'offer', id: offerId }, reviewers: [person(sam)], dueDate: null }));
    sync();
    // Sam's second laptop: same profile, its own document.
    const laptop2 = { doc: new Y.Doc(), ctx: { ...sam.ctx, newId: (() => { let i = 0; return () => `sam-laptop2-${(i += 1)}`; })() } };
    Y.applyUpdate(laptop2.doc, Y.encodeStateAsUpdate(sam.doc));
    must(answerReview(sam.doc, sam.ctx, r, approve));
    must(answerReview(laptop2.doc, laptop2.ctx, r, changes));
    sync();
    Y.applyUpdate(mia.doc, Y.encodeStateAsUpdate(laptop2.doc));
    Y.applyUpdate(sam.doc, Y.encodeStateAsUpdate(mia.doc));
    const request = readReviews(mia.doc).requests[0];
    expect(request?.conflictedReviewers).toEqual([sam.ctx.actor.id]);
    expect(request?.result.reviewers[0]?.openAnswers.map((a) => a.verdict).sort()).toEqual(['approve', 'request-changes']);
    const path = `reviews.${r}.answers.${sam.ctx.actor.id}`;
    expect(readConflicts(mia.doc).map((c) => [c.path, c.candidates.map((x) => x.value).sort()])).toEqual([[path, ['approve', 'request-changes']]]);
    // Mia confirms Sam's approval after a call; the conflict closes everywhere.
    must(confirmConflict(mia.doc, mia.ctx, path, 'approve'));
    sync();
    const settled = readReviews(sam.doc).requests[0];
    expect(settled?.conflictedReviewers).toEqual([]);
    expect(settled?.result.reviewers[0]?.answer).toMatchObject({ verdict: 'approve', confirmedByName: 'Mia', reviewerName: 'Sam' });
    expect(settled?.result.reviewers[0]?.history).toHaveLength(3);
    expect(readConflicts(sam.doc)).toEqual([]);
    expect(statusOf(sam.doc, offerId)?.status).toBe('approved');
  });

  it('answering again on one laptop replaces the earlier answer without a conflict', () => {
    const { mia, sam, sync } = team();
    const r = must(requestReview(mia.doc, mia.ctx, { target: { kind: 'brief' }, reviewers: [person(sam)], dueDate: null }));
    sync();
    must(answerReview(sam.doc, sam.ctx, r, changes));
    sam.ctx.tick(5);
    must(answerReview(sam.doc, sam.ctx, r, approve));
    sync();
    const state = readReviews(mia.doc).requests[0]?.result.reviewers[0];
    expect(state?.openAnswers.map((a) => a.verdict)).toEqual(['approve']);
    expect(state?.history.map((a) => a.verdict)).toEqual(['request-changes', 'approve']);
    expect(readConflicts(mia.doc)).toEqual([]);
  });

  it('validates requests and answers with plain-words errors', () => {
    const { mia, sam, sync } = team();
    const offerId = offerFor(mia);
    const target = { kind: 'offer' as const, id: offerId };
    expect(requestReview(mia.doc, mia.ctx, { target, reviewers: [], dueDate: null })).toMatchObject({ ok: false, error: { code: 'review/no-reviewers' } });
    expect(requestReview(mia.doc, mia.ctx, { target, reviewers: [person(sam)], dueDate: '2027-02-30' })).toMatchObject({ ok: false, error: { code: 'date/invalid' } });
    expect(requestReview(mia.doc, mia.ctx, { target: { kind: 'offer', id: 'gone' }, reviewers: [person(sam)], dueDate: null })).toMatchObject({ ok: false, error: { code: 'review/target-missing' } });
    expect(requestReview(mia.doc, mia.ctx, { target: { kind: 'pilot', id: 'gone' }, reviewers: [person(sam)], dueDate: null })).toMatchObject({ ok: false, error: { code: 'review/target-missing' } });
    const r = must(requestReview(mia.doc, mia.ctx, { target, reviewers: [person(sam)], dueDate: null }));
    sync();
    expect(answerReview(mia.doc, mia.ctx, r, approve)).toMatchObject({ ok: false, error: { code: 'review/not-a-reviewer' } });
    expect(answerReview(sam.doc, sam.ctx, 'nope', approve)).toMatchObject({ ok: false, error: { code: 'review/missing' } });
    expect(answerReview(sam.doc, sam.ctx, r, { ...approve, sellability: 6 })).toMatchObject({ ok: false, error: { code: 'review/bad-score' } });
    expect(answerReview(sam.doc, sam.ctx, r, { ...approve, sellability: Number.NaN })).toMatchObject({ ok: false, error: { code: 'review/bad-score' } });
    expect(answerReview(sam.doc, sam.ctx, r, { ...approve, verdict: 'maybe' as never })).toMatchObject({ ok: false, error: { code: 'review/bad-verdict' } });
    expect(answerReview(sam.doc, sam.ctx, r, { verdict: 'request-changes', sellability: 2, pricePerception: null })).toMatchObject({ ok: false, error: { code: 'review/changes-need-reason' } });
    // Reviewers added later by two people both stay.
    must(addReviewers(mia.doc, mia.ctx, r, [{ id: 'x-id', name: 'Xena' }]));
    must(addReviewers(sam.doc, sam.ctx, r, [{ id: 'y-id', name: 'Yusuf' }]));
    sync();
    expect(readReviews(mia.doc).requests[0]?.reviewers.map((p) => p.name)).toEqual(['Sam', 'Xena', 'Yusuf']);
  });

  it('keeps a review of an offer removed meanwhile and says the offer was removed', () => {
    const { mia, sam, sync } = team();
    const offerId = offerFor(mia);
    const r = must(requestReview(mia.doc, mia.ctx, { target: { kind: 'offer', id: offerId }, reviewers: [person(sam)], dueDate: null }));
    sync();
    // Sam answers offline while Mia deletes the offer.
    must(answerReview(sam.doc, sam.ctx, r, changes));
    must(removeOffer(mia.doc, mia.ctx, offerId));
    sync();
    for (const doc of [mia.doc, sam.doc]) {
      const request = readReviews(doc).requests[0];
      expect(request?.target).toEqual({ kind: 'offer', id: offerId, name: 'Meter bundle', missing: true });
      expect(request?.result.reviewers[0]?.answer?.verdict).toBe('request-changes');
      expect(readOffers(doc).items).toEqual([]);
    }
    expect(answerReview(sam.doc, sam.ctx, r, approve)).toMatchObject({ ok: false, error: { code: 'review/target-missing' } });
  });

  it('lets marketing mark an answer processed', () => {
    const { doc, ctx } = newPlan();
    const r = must(requestReview(doc, ctx, { target: { kind: 'brief' }, reviewers: [{ id: ctx.actor.id, name: 'Mia' }], dueDate: null }));
    const a = must(answerReview(doc, ctx, r, approve));
    must(markAnswerProcessed(doc, ctx, a));
    expect(readReviews(doc).requests[0]?.result.reviewers[0]?.answer).toMatchObject({ processedByName: 'Mia' });
    expect(markAnswerProcessed(doc, ctx, r)).toMatchObject({ ok: false, error: { code: 'review/answer-missing' } });
  });

  it('shows concurrent revise and resubmit by two marketers as a status conflict', () => {
    const { mia, sam, sid, sync } = team();
    const offerId = offerFor(mia);
    const r = must(requestReview(mia.doc, mia.ctx, { target: { kind: 'offer', id: offerId }, reviewers: [person(sid)], dueDate: null }));
    sync();
    must(answerReview(sid.doc, sid.ctx, r, changes));
    sync();
    mia.ctx.tick(100_000);
    sam.ctx.tick(100_000);
    must(reviseOffer(mia.doc, mia.ctx, offerId));
    must(resubmitOffer(sam.doc, sam.ctx, offerId, null));
    sync();
    const path = `offers.${offerId}.status`;
    const conflict = readConflicts(mia.doc).find((c) => c.path === path);
    expect(conflict?.candidates.map((c) => c.value).sort()).toEqual(['draft', 'in-review']);
    expect(statusOf(mia.doc, offerId)?.status).toBe(statusOf(sam.doc, offerId)?.status);
    must(confirmConflict(mia.doc, mia.ctx, path, 'in-review'));
    sync();
    expect(readConflicts(sam.doc).filter((c) => c.path === path)).toEqual([]);
    expect(statusOf(sam.doc, offerId)?.status).toBe('in-review');
  });
});

describe('conflict descriptions for the conflict cards', () => {
  it('names the offer, component, reviewer and pilot behind a conflict path', async () => {
    const { describeWorkflowConflict, addComponent: addC, createPilot, addCriterion } = await import('../../../../../renderer/domain');
    const { doc, ctx } = newPlan();
    const offerId = must(createOffer(doc, ctx, { name: 'Bundle', currency: 'SEK' }));
    const comp = must(addC(doc, ctx, offerId, { name: 'Meter', type: 'hardware', billing: 'one-off', listPrice: 1 }));
    const pilotId = must(createPilot(doc, ctx, { name: 'Pilot A' }));
    const crit = must(addCriterion(doc, ctx, pilotId, { metric: 'Leads', comparison: 'gte', target: 3 }));
    const r = must(requestReview(doc, ctx, { target: { kind: 'offer', id: offerId }, reviewers: [{ id: 'sam-id', name: 'Sam' }], dueDate: null }));
    expect(describeWorkflowConflict(doc, `offers.${offerId}.bundlePrice`)).toEqual({ kind: 'bundlePrice', name: 'Bundle', currency: 'SEK', detail: '' });
    expect(describeWorkflowConflict(doc, `offers.${offerId}.components.${comp}.listPrice`)).toMatchObject({ kind: 'listPrice', detail: 'Meter' });
    expect(describeWorkflowConflict(doc, `reviews.${r}.answers.sam-id`)).toMatchObject({ kind: 'answer', name: 'Sam', detail: 'Bundle' });
    expect(describeWorkflowConflict(doc, `pilots.${pilotId}.results.${crit}|2027-01-04`)).toMatchObject({ kind: 'pilotResult', name: 'Pilot A', detail: 'Leads 2027-01-04' });
    expect(describeWorkflowConflict(doc, `pilots.${pilotId}.decision`)).toMatchObject({ kind: 'pilotDecision', name: 'Pilot A' });
    expect(describeWorkflowConflict(doc, 'brief.stage')).toBeNull();
    expect(describeWorkflowConflict(doc, 'offers.gone.bundlePrice')).toMatchObject({ kind: 'bundlePrice', name: '' });
  });
});

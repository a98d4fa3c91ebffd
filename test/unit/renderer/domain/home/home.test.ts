import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addCohortMember,
  addCriterion,
  answerReview,
  createOffer,
  createPilot,
  markAnswerProcessed,
  readHome,
  recordResult,
  removeOffer,
  requestReview,
  resubmitOffer,
  reviseOffer,
  startThread,
} from '../../../../../renderer/domain';
import { must, person, team } from '../offers/helpers';

const DAY = 86_400_000;

describe('role-aware home across plans', () => {
  it('gives sales their review inbox and pilots, and marketing their feedback and blocked offers', () => {
    const first = team();
    const second = team();
    const { mia, sam, sid } = first;
    const plans = (who: 'mia' | 'sam') => [
      { planId: 'p1', doc: first[who].doc },
      { planId: 'p2', doc: second[who].doc },
    ];
    const now = mia.ctx.now() + 10 * DAY;
    const home = (who: 'mia' | 'sam', lastSeenAt = 0) => readHome(plans(who), { me: person(first[who]), now, lastSeenAt });

    const offer1 = must(createOffer(mia.doc, mia.ctx, { name: 'Meter bundle' }));
    const r1 = must(requestReview(mia.doc, mia.ctx, { target: { kind: 'offer', id: offer1 }, reviewers: [person(sam), person(sid)], dueDate: '2020-01-01' }));
    const r2 = must(requestReview(second.mia.doc, mia.ctx, { target: { kind: 'brief' }, reviewers: [person(sam)], dueDate: null }));
    // A request to someone else does not show up for Sam.
    must(requestReview(mia.doc, mia.ctx, { target: { kind: 'brief' }, reviewers: [person(sid)], dueDate: null }));
    first.sync();
    second.sync();
    let samHome = home('sam');
    expect(samHome.sales.waitingForReview.map((i) => [i.planId, i.requestId, i.target.name, i.overdue])).toEqual([
      ['p1', r1, 'Meter bundle', true],
      ['p2', r2, 'Device launch', false],
    ]);
    expect(samHome.counts.waitingForReview).toBe(2);
    expect(samHome.newSinceLastSeen).toBe(2);
    expect(home('sam', mia.ctx.now()).newSinceLastSeen).toBe(0);

    // Sam answers offline; his own inbox drops it at once, Mia sees it once they sync.
    sam.ctx.tick(DAY);
    must(answerReview(sam.doc, sam.ctx, r1, { verdict: 'request-changes', sellability: 2, pricePerception: 'too-high', objections: 'Too pricey' }));
    samHome = home('sam');
    expect(samHome.counts.waitingForReview).toBe(1);
    expect(home('mia').counts.feedbackToProcess).toBe(0);
    first.sync();
    const miaHome = home('mia', mia.ctx.now());
    expect(miaHome.marketing.feedbackToProcess.map((f) => [f.reviewerName, f.verdict, f.target.name, f.conflicted])).toEqual([['Sam', 'request-changes', 'Meter bundle', false]]);
    expect(miaHome.marketing.blockedOffers.map((o) => [o.planId, o.name, o.byName])).toEqual([['p1', 'Meter bundle', 'Sam']]);
    expect(miaHome.newSinceLastSeen).toBe(1);
    // Sid is not asked any more once the round closed with a change request.
    expect(readHome([{ planId: 'p1', doc: sid.doc }], { me: person(sid), now, lastSeenAt: 0 }).counts.waitingForReview).toBe(1);
    first.sync();
    expect(readHome([{ planId: 'p1', doc: sid.doc }], { me: person(sid), now, lastSeenAt: 0 }).sales.waitingForReview.map((i) => i.target.kind)).toEqual(['brief']);

    const fb = miaHome.marketing.feedbackToProcess[0];
    must(markAnswerProcessed(mia.doc, mia.ctx, fb?.answerId ?? ''));
    must(reviseOffer(mia.doc, mia.ctx, offer1));
    expect(home('mia').counts).toMatchObject({ feedbackToProcess: 0, blockedOffers: 0 });
    mia.ctx.tick(DAY);
    must(resubmitOffer(mia.doc, mia.ctx, offer1, '2030-01-01'));
    first.sync();
    // Dated requests first (soonest due), then undated ones oldest first.
    expect(home('sam').sales.waitingForReview.map((i) => i.target.name)).toEqual(['Meter bundle', 'Device launch']);
    // A removed offer's open request leaves the inbox instead of asking for an impossible review.
    must(removeOffer(mia.doc, mia.ctx, offer1));
    first.sync();
    expect(home('sam').sales.waitingForReview.map((i) => i.target.name)).toEqual(['Device launch']);
  });

  it('lists pilots needing a rep’s weekly results or a decision', () => {
    const { mia, sam, sync } = team();
    const today = new Date(mia.ctx.now()).toISOString().slice(0, 10);
    const running = must(createPilot(mia.doc, mia.ctx, { name: 'Running', start: '2020-01-06' }));
    const ended = must(createPilot(mia.doc, mia.ctx, { name: 'Ended', start: '2020-01-06', end: '2020-02-28' }));
    const notMine = must(createPilot(mia.doc, mia.ctx, { name: 'Other reps', start: '2020-01-06' }));
    for (const id of [running, ended]) must(addCohortMember(mia.doc, mia.ctx, id, { kind: 'rep', name: 'sam' }));
    must(addCohortMember(mia.doc, mia.ctx, notMine, { kind: 'rep', name: 'Someone', profileId: 'x' }));
    const c = must(addCriterion(mia.doc, mia.ctx, running, { metric: 'Leads', comparison: 'gte', target: 5 }));
    must(addCriterion(mia.doc, mia.ctx, notMine, { metric: 'Leads', comparison: 'gte', target: 5 }));
    sync();
    const view = () => readHome([{ planId: 'p', doc: sam.doc }], { me: person(sam), now: mia.ctx.now(), lastSeenAt: 0 }).sales.pilotsNeedingInput;
    expect(view().map((p) => [p.name, p.reason])).toEqual([
      ['Running', 'results-due'],
      ['Ended', 'decision-due'],
    ]);
    must(recordResult(sam.doc, sam.ctx, running, c, today, 7));
    expect(view().map((p) => p.name)).toEqual(['Ended']);
  });

  it('counts new @mentions for the badge and never throws on an empty or broken plan', () => {
    const { mia, sam, sync } = team();
    must(startThread(mia.doc, mia.ctx, { kind: 'brief', id: '' }, '@Sam please look', [person(sam)]));
    sync();
    expect(readHome([{ planId: 'p', doc: sam.doc }], { me: person(sam), now: 0, lastSeenAt: 0 }).newSinceLastSeen).toBe(1);
    const broken = new Y.Doc();
    broken.getMap('reviews').set('x', 'garbage' as never);
    broken.getMap('pilots').set('y', new Y.Map());
    broken.getMap('brief').set('title', 42);
    expect(readHome([{ planId: 'b', doc: broken }, { planId: 'e', doc: new Y.Doc() }], { me: person(sam), now: Number.NaN, lastSeenAt: 0 })).toMatchObject({
      counts: { waitingForReview: 0, pilotsNeedingInput: 0, feedbackToProcess: 0, blockedOffers: 0 },
      newSinceLastSeen: 0,
    });
  });
});

import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addComponent,
  answerReview,
  confirmConflict,
  createOffer,
  createPilot,
  decidePilot,
  readConflicts,
  readHome,
  readOffers,
  readPilots,
  readPlan,
  readReviews,
  readThreads,
  recordResult,
  replyToThread,
  requestReview,
  reviseOffer,
  setBundlePrice,
  setThreadResolved,
  startThread,
} from '../../../../../renderer/domain';
import { makeRng, seedFromEnv } from '../../../../support/rng';
import { must, newPlan, person, team } from '../offers/helpers';

/** Values a buggy or hostile peer might write anywhere in the review workflow. */
function garbage(rng: () => number, depth = 0): unknown {
  const options: (() => unknown)[] = [
    () => null,
    () => Number.NaN,
    () => -1,
    () => 1e300,
    () => 'x'.repeat(Math.floor(rng() * 30_000)),
    () => ({ name: 42, value: 'go', decision: 'go', verdict: 'approve' }),
    () => [1, 'two', { id: 3 }],
    () => true,
    () => new Uint8Array([1, 2]),
    () => new Y.Text('text where a map belongs'),
    () => new Y.Array<unknown>(),
    () => 'go',
    () => 'request-changes',
    () => '2027-02-30',
    () => {
      if (depth > 1) return 'deep';
      const m = new Y.Map<unknown>();
      for (const key of ['kind', 'name', 'verdict', 'requestId', 'reviewerId', 'listPrice', 'reviewers', 'components', 'prev', 'decision', 'criteria', 'results', 'threadId', 'mentions', 'order']) {
        if (rng() < 0.5) m.set(key, garbage(rng, depth + 1));
      }
      return m;
    },
  ];
  return options[Math.floor(rng() * options.length)]?.() ?? null;
}

const KEYS = ['kind', 'name', 'currency', 'bundlePrice', 'components', 'segments', 'arguments', 'revisions', 'reviewers', 'verdict', 'sellability', 'requestId', 'reviewerId', 'prev', 'decision', 'decisions', 'criteria', 'results', 'cohort', 'threadId', 'targetKind', 'mentions', 'body', 'listPrice'];

describe('the review workflow survives whatever peers write', () => {
  const seed = seedFromEnv();
  it(`reads, normalises or skips garbage in offers, reviews, pilots and comments (seed ${seed})`, () => {
    const rng = makeRng(seed);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(rng() * list.length)] as T;
    for (let round = 0; round < 12; round += 1) {
      const { mia, sam, sync } = team();
      const offerId = must(createOffer(mia.doc, mia.ctx, { name: 'Offer' }));
      must(addComponent(mia.doc, mia.ctx, offerId, { name: 'Device', type: 'hardware', billing: 'one-off', listPrice: 1000 }));
      const requestId = must(requestReview(mia.doc, mia.ctx, { target: { kind: 'offer', id: offerId }, reviewers: [person(sam)], dueDate: null }));
      const pilotId = must(createPilot(mia.doc, mia.ctx, { name: 'Pilot' }));
      const threadId = must(startThread(mia.doc, mia.ctx, { kind: 'offer', id: offerId, field: 'name' }, 'Hi'));
      sync();
      // The hostile peer is Sam's document: it writes straight into the Y types.
      const roots = ['offers', 'reviews', 'pilots', 'comments', 'critical'] as const;
      const ids = [offerId, requestId, pilotId, threadId, 'new', '@quorum', '@defaultCurrency'];
      for (let i = 0; i < 25; i += 1) {
        const root = sam.doc.getMap<unknown>(pick(roots));
        const target = root.get(pick(ids));
        if (target instanceof Y.Map && rng() < 0.7) {
          const key = pick(KEYS);
          const inner = target.get(key);
          if (inner instanceof Y.Map && rng() < 0.5) inner.set(pick(['a', 'b', 'sam-id', `${pick(ids)}|2027-01-04`]), garbage(rng));
          else target.set(key, garbage(rng));
        } else root.set(pick(ids), garbage(rng));
      }
      sync();
      for (const doc of [mia.doc, sam.doc]) {
        const context = `seed ${seed}, round ${round}`;
        expect(() => readOffers(doc), context).not.toThrow();
        expect(() => readReviews(doc), context).not.toThrow();
        expect(() => readPilots(doc), context).not.toThrow();
        expect(() => readThreads(doc), context).not.toThrow();
        expect(() => readPlan(doc), context).not.toThrow();
        expect(() => readHome([{ planId: 'p', doc }], { me: person(sam), now: 1, lastSeenAt: 0 }), context).not.toThrow();
        for (const offer of readOffers(doc).items) {
          for (const c of offer.components) expect(c.listPrice === null || (Number.isInteger(c.listPrice) && c.listPrice >= 0 && c.listPrice <= 1e12), context).toBe(true);
          expect(offer.currency, context).toMatch(/^[A-Z]{3}$/);
        }
        for (const r of readReviews(doc).requests) for (const s of r.result.reviewers) for (const a of s.history) expect(a.sellability === null || (a.sellability >= 1 && a.sellability <= 5), context).toBe(true);
      }
      // Commands on damaged entities answer with an error value instead of throwing.
      expect(() => {
        answerReview(sam.doc, sam.ctx, requestId, { verdict: 'approve', sellability: 3, pricePerception: null });
        setBundlePrice(mia.doc, mia.ctx, offerId, 5);
        reviseOffer(mia.doc, mia.ctx, offerId);
        addComponent(mia.doc, mia.ctx, offerId, { name: 'x', type: 'service', billing: 'monthly', listPrice: 1 });
        decidePilot(mia.doc, mia.ctx, pilotId, 'go', 'why');
        recordResult(mia.doc, mia.ctx, pilotId, 'a', '2027-01-04', 1);
        replyToThread(mia.doc, mia.ctx, threadId, 'reply');
        setThreadResolved(mia.doc, mia.ctx, threadId, true);
        for (const c of readConflicts(mia.doc)) confirmConflict(mia.doc, mia.ctx, c.path, c.candidates[0]?.value);
      }, `seed ${seed}, round ${round}`).not.toThrow();
    }
    // Generous limit: the machine is shared; this is a correctness test, not a benchmark.
  }, 60_000);

  it('normalises specific wrong shapes and keeps the rest of the plan', () => {
    const { doc, ctx } = newPlan();
    const offerId = must(createOffer(doc, ctx, { name: 'Offer' }));
    const comp = must(addComponent(doc, ctx, offerId, { name: 'Device', type: 'hardware', billing: 'one-off', listPrice: 1000 }));
    const offers = doc.getMap<Y.Map<unknown>>('offers');
    const offer = offers.get(offerId);
    const component = (offer?.get('components') as Y.Map<Y.Map<unknown>>).get(comp);
    component?.set('listPrice', -500);
    component?.set('type', 'spaceship');
    offer?.set('currency', 'MONOPOLY');
    offer?.set('arguments', 'not a map');
    offers.set('bad', 'not an offer' as never);
    const reviews = doc.getMap<unknown>('reviews');
    const request = new Y.Map<unknown>();
    for (const [k, v] of Object.entries({ kind: 'request', targetKind: 'offer', targetId: offerId, requestedAt: -5, reviewers: 'everyone', dueDate: 'tomorrow' })) request.set(k, v);
    reviews.set('r', request);
    const answer = new Y.Map<unknown>();
    for (const [k, v] of Object.entries({ kind: 'answer', requestId: 'r', reviewerId: 'x', verdict: 'approve', sellability: 99, pricePerception: 'free', prev: 'all' })) answer.set(k, v);
    reviews.set('a', answer);
    const badAnswer = new Y.Map<unknown>();
    badAnswer.set('kind', 'answer');
    badAnswer.set('verdict', 'maybe');
    reviews.set('b', badAnswer);
    reviews.set('@quorum', -3);
    const view = readOffers(doc);
    expect(view.items[0]).toMatchObject({ currency: 'EUR', arguments: [], components: [{ listPrice: null, type: 'hardware' }] });
    expect(view.items[0]?.warnings.map((w) => w.code)).toContain('missing-price');
    expect(view.skipped).toBeGreaterThanOrEqual(2);
    expect(view.quorum).toBe(1);
    const rv = readReviews(doc);
    expect(rv.requests).toHaveLength(1);
    expect(rv.requests[0]).toMatchObject({ reviewers: [], dueDate: null, requestedAt: 0, result: { outcome: 'open' } });
    // The answer from someone never asked is counted as skipped, not as an approval.
    expect(rv.skipped).toBe(2);
    expect(view.items[0]?.status.status).toBe('in-review');
  });
});

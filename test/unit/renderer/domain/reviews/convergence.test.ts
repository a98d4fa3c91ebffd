import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addComponent,
  answerReview,
  confirmConflict,
  createPilot,
  decidePilot,
  readConflicts,
  readOffers,
  readPilots,
  readReviews,
  requestReview,
  resubmitOffer,
  reviseOffer,
  setBundlePrice,
  updateComponent,
  createOffer,
  type Verdict,
} from '../../../../../renderer/domain';
import { makeRng, seedFromEnv } from '../../../../support/rng';
import { must, person, team, type Peer } from '../offers/helpers';

const VERDICT_LIST: Verdict[] = ['approve', 'approve-with-comments', 'request-changes'];

describe('review workflow under random offline work', () => {
  const seed = seedFromEnv();
  it(`converges on every peer and never loses an answer or a decision (seed ${seed})`, () => {
    const rng = makeRng(seed);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(rng() * list.length)] as T;
    const { mia, sam, sid } = team();
    const peers: Peer[] = [mia, sam, sid];
    const offerId = must(createOffer(mia.doc, mia.ctx, { name: 'Offer' }));
    const comp = must(addComponent(mia.doc, mia.ctx, offerId, { name: 'Device', type: 'hardware', billing: 'one-off', listPrice: 1000 }));
    must(requestReview(mia.doc, mia.ctx, { target: { kind: 'offer', id: offerId }, reviewers: [person(sam), person(sid)], dueDate: null }));
    const pilotId = must(createPilot(mia.doc, mia.ctx, { name: 'Pilot' }));
    const syncPair = (a: Peer, b: Peer): void => {
      Y.applyUpdate(b.doc, Y.encodeStateAsUpdate(a.doc, Y.encodeStateVector(b.doc)));
      Y.applyUpdate(a.doc, Y.encodeStateAsUpdate(b.doc, Y.encodeStateVector(a.doc)));
    };
    const syncAll = (): void => {
      for (let i = 0; i < 2; i += 1) for (const a of peers) for (const b of peers) if (a !== b) syncPair(a, b);
    };
    syncAll();
    let answers = 0;
    let decisions = 0;
    for (let step = 0; step < 150; step += 1) {
      const peer = pick(peers);
      peer.ctx.tick(Math.floor(rng() * 1000));
      const request = readReviews(peer.doc).requests.find((r) => r.current && r.target.kind === 'offer');
      const roll = rng();
      if (roll < 0.3 && peer !== mia && request) {
        const verdict = pick(VERDICT_LIST);
        if (answerReview(peer.doc, peer.ctx, request.id, { verdict, sellability: 1 + Math.floor(rng() * 5), pricePerception: null, freeText: `step ${step}` }).ok) answers += 1;
      } else if (roll < 0.4) {
        if (reviseOffer(peer.doc, peer.ctx, offerId).ok) resubmitOffer(peer.doc, peer.ctx, offerId, null);
      } else if (roll < 0.55) {
        setBundlePrice(peer.doc, peer.ctx, offerId, Math.floor(rng() * 5000));
      } else if (roll < 0.65) {
        updateComponent(peer.doc, peer.ctx, offerId, comp, { listPrice: Math.floor(rng() * 5000) });
      } else if (roll < 0.75) {
        if (decidePilot(peer.doc, peer.ctx, pilotId, pick(['go', 'adjust', 'stop'] as const), `step ${step}`).ok) decisions += 1;
      } else if (roll < 0.8) {
        const conflict = readConflicts(peer.doc)[0];
        if (conflict) confirmConflict(peer.doc, peer.ctx, conflict.path, conflict.candidates[0]?.value);
      } else {
        syncPair(peer, pick(peers));
      }
    }
    syncAll();
    const fingerprint = (doc: Y.Doc): string => JSON.stringify({ offers: readOffers(doc), reviews: readReviews(doc), pilots: readPilots(doc), conflicts: readConflicts(doc) });
    const reference = fingerprint(mia.doc);
    for (const peer of peers) expect(fingerprint(peer.doc), `seed ${seed}`).toBe(reference);
    // Every answer anybody gave is still there (confirmations add answers, never remove one).
    const history = readReviews(mia.doc).requests.flatMap((r) => r.result.reviewers.flatMap((s) => s.history));
    expect(history.length, `seed ${seed}`).toBeGreaterThanOrEqual(answers);
    expect(readPilots(mia.doc).items[0]?.decisions.length ?? 0, `seed ${seed}`).toBeGreaterThanOrEqual(decisions);
    // Whatever the interleaving, the status and the decision's who/why are consistent.
    const pilot = readPilots(mia.doc).items[0];
    if (pilot?.decision) expect(pilot.current?.decision, `seed ${seed}`).toBe(pilot.decision);
  }, 60_000);
});
